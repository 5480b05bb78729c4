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
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelTokenizerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    @Test
    void aCheckpointWithoutAChatTemplateIsPromptedWithChatMl() {
        try (ModelTokenizer t = ModelTokenizer.load(dir, model())) {
            assertEquals(ChatTemplate.CHATML, t.template());
            assertEquals("preset chatml", t.template().source());
        }
    }

    @Test
    void withoutTokenizerJsonTheErrorNamesWithoutTokenizer() throws Exception {
        ModelConfig config = model();
        Files.delete(dir.resolve("tokenizer.json"));
        var e = assertThrows(UnsupportedModelException.class, () -> ModelTokenizer.load(dir, config));
        assertTrue(e.getMessage().contains("no tokenizer.json") && e.getMessage().contains("withoutTokenizer()"),
                e.getMessage());
    }

    @Test
    void chatTemplateJinjaTakesPrecedenceOverTokenizerConfigAsInTransformers() throws Exception {
        ModelConfig config = model();
        writeTemplate("{{ 'from the config' }}");
        Files.writeString(dir.resolve("chat_template.jinja"),
                "{% for m in messages %}[{{ m.role }}:{{ m.content }}]{% endfor %}{% if add_generation_prompt %}"
                        + "<|im_start|>{% endif %}");
        try (ModelTokenizer t = ModelTokenizer.load(dir, config)) {
            assertEquals("[user:hello]<|im_start|>", t.template().render(List.of(ChatMessage.user("hello"))));
            assertTrue(t.template().source().startsWith(dir.resolve("chat_template.jinja").toString()),
                    t.template().source());
        }
    }

    @Test
    void ofSeveralNamedTemplatesTheDefaultIsUsed() throws Exception {
        ModelConfig config = model();
        ObjectNode c = (ObjectNode) JSON.readTree(dir.resolve("tokenizer_config.json").toFile());
        ArrayNode templates = c.putArray("chat_template");
        templates.addObject().put("name", "tool_use").put("template", "{{ 'tools' }}");
        templates.addObject().put("name", "default").put("template",
                "{% for m in messages %}{{ m.content }}{% endfor %}");
        JSON.writeValue(dir.resolve("tokenizer_config.json").toFile(), c);
        try (ModelTokenizer t = ModelTokenizer.load(dir, config)) {
            assertEquals("hello", t.template().render(List.of(ChatMessage.user("hello"))));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", textBlock = """
            {% for m in messages if m.role != 'system' %}{{ m.content }}{% endfor %} => a loop filter
            {% for m in messages %}{{ m.content }}{% else %}none{% endfor %} => for ... else
            {%- for message in messages[::-1] %}{{ message.content }}{%- endfor %} => messages[::-1]
            {{ messages[0].content | wordcount_words }} => the filter 'wordcount_words'
            {% filter upper %}{{ messages[0].content }}{% endfilter %} => Unknown tag: filter
            {% for m in messages %}{{ m.content }}{% endfor %}{{ 'x' * 2 }} => Cannot coerce
            """)
    void aTemplateTheRendererCannotRunFailsAtLoadNamingTheConstructAndThePresets(String template, String construct)
            throws Exception {
        ModelConfig config = model();
        writeTemplate(template);
        var e = assertThrows(UnsupportedModelException.class, () -> ModelTokenizer.load(dir, config));
        assertTrue(e.getMessage().contains(construct), e.getMessage());
        assertTrue(e.getMessage().contains("tokenizer_config.json"), e.getMessage());
        assertTrue(e.getMessage().contains("LoadOptions.defaults().withTemplate(ChatTemplate.CHATML)")
                && e.getMessage().contains("--template chatml|llama3"), e.getMessage());
        try (ModelTokenizer t = ModelTokenizer.load(dir, config, ChatTemplate.CHATML)) {
            assertEquals(ChatTemplate.CHATML, t.template(), "the preset the message names loads");
        }
    }

    @Test
    void aTemplateThatRefusesSystemMessagesFailsAtLoadWithItsOwnReason() throws Exception {
        ModelConfig config = model();
        // Gemma's template begins this way.
        writeTemplate("{{ bos_token }}{% if messages[0]['role'] == 'system' %}"
                + "{{ raise_exception('System role not supported') }}{% endif %}"
                + "{% for m in messages %}{{ m.content }}{% endfor %}");
        var e = assertThrows(UnsupportedModelException.class, () -> ModelTokenizer.load(dir, config));
        assertTrue(e.getMessage().contains("system + user") && e.getMessage().contains("System role not supported"),
                e.getMessage());
    }

    @Test
    void aConversationTheTemplateRefusesLaterFailsAsBadInputWithTheTemplatesMessage() throws Exception {
        ModelConfig config = model();
        writeTemplate("{% for m in messages %}{% if m.role == 'assistant' and loop.first %}"
                + "{{ raise_exception('Conversation must start with the user') }}{% endif %}{{ m.content }}{% endfor %}");
        try (ModelTokenizer t = ModelTokenizer.load(dir, config)) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> t.encodeChat(List.of(ChatMessage.assistant("hi"))));
            assertTrue(e.getMessage().contains("Conversation must start with the user"), e.getMessage());
        }
    }

    @Test
    void generationConfigEosIdsAreStopTokensWhetherAnIntOrAList() throws Exception {
        ModelConfig config = model();
        Files.writeString(dir.resolve("generation_config.json"), "{\"eos_token_id\": [7, 9]}");
        try (ModelTokenizer t = ModelTokenizer.load(dir, config)) {
            assertTrue(t.stopTokens().containsAll(List.of(2, 4, 7, 9)), t.stopTokens().toString());
        }
        Files.writeString(dir.resolve("generation_config.json"), "{\"eos_token_id\": 8}");
        try (ModelTokenizer t = ModelTokenizer.load(dir, config)) {
            assertTrue(t.stopTokens().contains(8), t.stopTokens().toString());
        }
        Files.writeString(dir.resolve("generation_config.json"), "{\"eos_token_id\": \"</s>\"}");
        var e = assertThrows(UnsupportedModelException.class, () -> ModelTokenizer.load(dir, config));
        assertTrue(e.getMessage().contains("generation_config.json") && e.getMessage().contains("eos_token_id"),
                e.getMessage());
    }

    private void writeTemplate(String template) throws Exception {
        ObjectNode c = (ObjectNode) JSON.readTree(dir.resolve("tokenizer_config.json").toFile());
        c.put("chat_template", template);
        JSON.writeValue(dir.resolve("tokenizer_config.json").toFile(), c);
    }
}
