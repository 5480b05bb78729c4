package io.mailtune.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtune.model.config.ConfigReader;
import io.mailtune.model.fixtures.ChatCheckpoints;
import io.mailtune.model.fixtures.ChatCheckpoints.Model;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real chat templates of SmolLM2-360M-Instruct, Qwen2.5-0.5B/1.5B-Instruct and Llama-3.2-1B-Instruct, on tiny
 * random checkpoints carrying them, render exactly what transformers' {@code apply_chat_template} renders
 * ({@code expected.json}, made by {@code make_expected.py} from the same fixtures and conversations).
 */
class CheckpointChatTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    // make_expected.py freezes transformers' clock at this local time.
    private static final ZoneId ZONE = ZoneId.systemDefault();
    private static final Clock CLOCK = Clock.fixed(LocalDateTime.of(2025, 3, 7, 12, 0).atZone(ZONE).toInstant(), ZONE);

    @TempDir
    Path dir;

    private ModelTokenizer load(Model model) {
        Path checkpoint = ChatCheckpoints.write(dir.resolve(model.hubName), model);
        return ModelTokenizer.load(checkpoint, ConfigReader.read(checkpoint), null, CLOCK);
    }

    private static JsonNode expected(Model model) throws Exception {
        return JSON.readTree(ChatCheckpoints.resource("expected.json")).path("models").path(model.hubName);
    }

    private static List<JsonNode> conversations() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(ChatCheckpoints.resource("conversations.json")).forEach(out::add);
        return out;
    }

    private static List<ChatMessage> messages(JsonNode conversation) {
        List<ChatMessage> messages = new ArrayList<>();
        for (JsonNode m : conversation.path("messages")) {
            messages.add(new ChatMessage(m.path("role").asText(), m.path("content").asText()));
        }
        return messages;
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void eachModelsOwnTemplateRendersWhatTransformersRenders(Model model) throws Exception {
        List<JsonNode> conversations = conversations();
        JsonNode expected = expected(model);
        assertEquals(conversations.size(), expected.size(), "expected.json covers every conversation");
        try (ModelTokenizer t = load(model)) {
            JinjaChatTemplate template = assertInstanceOf(JinjaChatTemplate.class, t.template());
            assertEquals(model.chatTemplate(), template.text());
            for (int i = 0; i < conversations.size(); i++) {
                JsonNode c = conversations.get(i);
                assertEquals(expected.get(i).path("text").asText(),
                        template.render(messages(c), c.path("add_generation_prompt").asBoolean()),
                        model.hubName + ": " + c.path("name").asText());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void aChatEncodesToTheIdsTransformersGives(Model model) throws Exception {
        List<JsonNode> conversations = conversations();
        JsonNode expected = expected(model);
        try (ModelTokenizer t = load(model)) {
            for (int i = 0; i < conversations.size(); i++) {
                JsonNode c = conversations.get(i);
                if (!c.path("add_generation_prompt").asBoolean()) {
                    continue;
                }
                int[] ids = JSON.convertValue(expected.get(i).path("ids"), int[].class);
                assertArrayEquals(ids, t.encodeChat(messages(c)), model.hubName + ": " + c.path("name").asText());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void stopTokensAreTheConfigsTheGenerationConfigsAndTheTemplatesEndOfTurn(Model model) {
        try (ModelTokenizer t = load(model)) {
            switch (model) {
                case SMOLLM2_360M -> {
                    assertEquals("<|im_end|>", t.template().endOfTurn());
                    assertEquals(Set.of(model.id("<|im_end|>")), t.stopTokens());
                }
                case QWEN25_05B, QWEN25_15B -> {
                    assertEquals("<|im_end|>", t.template().endOfTurn());
                    assertEquals(Set.of(model.id("<|im_end|>"), model.id("<|endoftext|>")), t.stopTokens());
                }
                case LLAMA32_1B -> {
                    assertEquals("<|eot_id|>", t.template().endOfTurn());
                    assertEquals(Set.of(model.id("<|end_of_text|>"), model.id("<|eom_id|>"), model.id("<|eot_id|>")),
                            t.stopTokens());
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void aPresetReplacesTheCheckpointsTemplate(Model model) {
        Path checkpoint = ChatCheckpoints.write(dir.resolve(model.hubName), model);
        try (ModelTokenizer t = ModelTokenizer.load(checkpoint, ConfigReader.read(checkpoint), ChatTemplate.CHATML)) {
            assertEquals("preset chatml", t.template().source());
            assertEquals("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n",
                    t.template().render(List.of(ChatMessage.user("Hi"))));
        }
    }
}
