package io.mailtune.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailtune.model.checkpoint.DType;
import io.mailtune.model.config.ConfigReader;
import io.mailtune.model.config.ModelConfig;
import io.mailtune.model.config.UnsupportedModelException;
import io.mailtune.model.fixtures.TestTokenizer;
import io.mailtune.model.fixtures.TinyModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTokenizerTest {

    @TempDir
    Path dir;

    private ModelConfig model() {
        return TinyModel.write(dir, TinyModel.llamaConfig(true), 1, DType.F32).config();
    }

    @Test
    void textRoundTripsThroughALocalTokenizerJson() {
        try (ModelTokenizer t = ModelTokenizer.load(dir, model(), ChatTemplate.CHATML)) {
            int[] ids = t.encode("hello world thanks for your email");
            assertArrayEquals(new int[] {5, 6, 7, 8, 9, 10}, ids);
            assertEquals("hello world thanks for your email", t.decode(ids));
        }
    }

    @Test
    void specialTokensComeFromTheCheckpointAndTheTemplate() {
        try (ModelTokenizer t = ModelTokenizer.load(dir, model(), ChatTemplate.CHATML)) {
            assertEquals(1, t.bosTokenId());
            assertTrue(t.stopTokens().contains(2), "eos from config and tokenizer_config");
            assertTrue(t.stopTokens().contains(4), "ChatML's <|im_end|>");
        }
    }

    @Test
    void aChatIsRenderedWithChatMlAndEncodedWithItsSpecialTokens() {
        try (ModelTokenizer t = ModelTokenizer.load(dir, model(), ChatTemplate.CHATML)) {
            String prompt = ChatTemplate.CHATML.render(List.of(ChatMessage.system("help"), ChatMessage.user("refund")));
            assertEquals("<|im_start|>system\nhelp<|im_end|>\n<|im_start|>user\nrefund<|im_end|>\n"
                    + "<|im_start|>assistant\n", prompt);
            int[] ids = t.encodeChat(List.of(ChatMessage.user("refund")));
            assertEquals(3, ids[0]);
            assertEquals(t.tokenId("refund"), ids[2]);
            assertEquals(4, ids[3]);
        }
    }

    @Test
    void aTokenizerLargerThanTheModelVocabularyFailsNamingBothSizes() {
        ModelConfig small = ConfigReader.parse(TinyModel.llamaConfig(true).put("vocab_size", 64).toString());
        TestTokenizer.write(dir, 100);
        var e = assertThrows(UnsupportedModelException.class, () -> ModelTokenizer.load(dir, small, ChatTemplate.CHATML));
        assertTrue(e.getMessage().contains("100") && e.getMessage().contains("64"), e.getMessage());
    }

    @Test
    void aTemplateWithoutContentPlaceholderIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PresetTemplate("", "{role}:", "assistant:", "</s>"));
    }
}
