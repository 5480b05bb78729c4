package io.mailtune.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mailtune.model.checkpoint.DType;
import io.mailtune.model.fixtures.TinyModel;
import io.mailtune.model.tokenizer.ChatMessage;
import io.mailtune.model.tokenizer.ChatTemplate;
import io.mailtune.model.tokenizer.ModelTokenizer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleEncoderTest {

    @TempDir
    Path dir;

    @Test
    void onlyTheReplyAndEndOfTurnCarryTheExampleWeight() {
        TinyModel.Written w = TinyModel.write(dir, TinyModel.llamaConfig(true), 1, DType.F32);
        try (ModelTokenizer tokenizer = ModelTokenizer.load(dir, w.config(), ChatTemplate.CHATML)) {
            List<ChatMessage> prompt = List.of(ChatMessage.user("reset password please"));
            TokenSequence s = new ExampleEncoder(tokenizer, 0f, 64)
                    .encode(new SupervisedExample(prompt, "we are sorry", 2.5));
            int promptLength = tokenizer.encodeChat(prompt).length;
            int[] reply = tokenizer.encode("we are sorry");
            assertEquals(promptLength + reply.length + 1, s.length());
            assertEquals(tokenizer.tokenId("<|im_end|>"), s.tokens()[s.length() - 1]);
            float[] expected = new float[s.length()];
            for (int i = promptLength; i < expected.length; i++) {
                expected[i] = 2.5f;
            }
            assertArrayEquals(expected, s.weights());
        }
    }

    @Test
    void aNonPositiveExampleWeightIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new SupervisedExample(List.of(ChatMessage.user("hello")), "thanks", 0));
    }
}
