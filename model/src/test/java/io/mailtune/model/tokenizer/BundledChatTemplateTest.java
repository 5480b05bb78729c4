package io.mailtune.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mailtune.model.bundled.BundledModel;
import io.mailtune.model.config.ConfigReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled model was trained on ChatML prompts; loading it the new way must prompt it exactly as before. */
class BundledChatTemplateTest {

    @TempDir
    Path cache;

    @Test
    void theBundledModelIsPromptedWithTheChatMlItWasTrainedOn() {
        Path dir = BundledModel.extractTo(cache);
        try (ModelTokenizer t = ModelTokenizer.load(dir, ConfigReader.read(dir))) {
            assertEquals(ChatTemplate.CHATML, t.template());
            List<ChatMessage> chat = List.of(ChatMessage.system("You answer Brightcart's support email."),
                    ChatMessage.user("Where is my refund?"));
            String trainedOn = "<|im_start|>system\nYou answer Brightcart's support email.<|im_end|>\n"
                    + "<|im_start|>user\nWhere is my refund?<|im_end|>\n<|im_start|>assistant\n";
            assertEquals(trainedOn, t.template().render(chat));
            assertArrayEquals(t.encode(trainedOn), t.encodeChat(chat));
            assertEquals(Set.of(t.tokenId("<|im_end|>")), t.stopTokens());
        }
    }
}
