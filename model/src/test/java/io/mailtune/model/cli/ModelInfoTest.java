package io.mailtune.model.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailtune.model.checkpoint.DType;
import io.mailtune.model.fixtures.ChatCheckpoints;
import io.mailtune.model.fixtures.ChatCheckpoints.Model;
import io.mailtune.model.fixtures.TinyModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code model info} says about a brought checkpoint's prompts and stopping. */
class ModelInfoTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int info(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "info";
        System.arraycopy(args, 0, all, 1, args.length);
        return ModelCommand.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void infoNamesTheTemplateItsSourceTheSpecialTokensAndTheStopTokens() {
        Path llama = ChatCheckpoints.write(dir.resolve("llama"), Model.LLAMA32_1B);
        assertEquals(0, info(llama.toString()), err.toString(StandardCharsets.UTF_8));
        String text = printed();
        assertTrue(text.contains("config.json: bos_token_id 0, eos_token_id [1, 8, 9]"), text);
        assertTrue(text.contains("generation_config.json: eos_token_id [1, 8, 9], sampling defaults "
                + "{do_sample=true, temperature=0.6, top_p=0.9}"), text);
        assertTrue(text.contains("special tokens: bos_token <|begin_of_text|> (0), eos_token <|eot_id|> (9)"), text);
        assertTrue(text.contains("chat template: " + llama.resolve("tokenizer_config.json") + " (Jinja, 3827 characters)"),
                text);
        assertTrue(text.contains("end of turn: <|eot_id|> (9)"), text);
        assertTrue(text.contains("stop tokens: 1 <|end_of_text|>, 8 <|eom_id|>, 9 <|eot_id|>"), text);
        assertTrue(text.contains("system + user prompt: <|begin_of_text|><|start_header_id|>system<|end_header_id|>"
                + "\\n\\nCutting Knowledge Date: December 2023\\nToday Date: "), text);
    }

    @Test
    void infoWithAPresetShowsThePresetInstead() {
        Path qwen = ChatCheckpoints.write(dir.resolve("qwen"), Model.QWEN25_05B);
        assertEquals(0, info(qwen.toString(), "--template", "chatml"), err.toString(StandardCharsets.UTF_8));
        assertTrue(printed().contains("chat template: preset chatml"), printed());
        assertTrue(printed().contains("system + user prompt: <|im_start|>system\\nYou answer support email.<|im_end|>"),
                printed());
    }

    @Test
    void withoutATokenizerInfoSaysSoAndGivesTheConfigsStopTokens() throws Exception {
        Path m = TinyModel.write(dir.resolve("m"), TinyModel.llamaConfig(true), 1, DType.F32).dir();
        Files.delete(m.resolve("tokenizer.json"));
        Files.writeString(m.resolve("generation_config.json"), "{\"eos_token_id\": [2, 3]}");
        assertEquals(0, info(m.toString()), err.toString(StandardCharsets.UTF_8));
        assertTrue(printed().contains("tokenizer: none (no tokenizer.json)"), printed());
        assertTrue(printed().contains("stop tokens: [2, 3]"), printed());
    }

    @Test
    void aTemplateTheRendererCannotRunExitsWithOneTellingHowToPassAPreset() throws Exception {
        Path qwen = ChatCheckpoints.write(dir.resolve("qwen"), Model.QWEN25_05B);
        Path config = qwen.resolve("tokenizer_config.json");
        Files.writeString(config, Files.readString(config).replace("{%- for message in messages %}",
                "{%- for message in messages if message.role != 'tool' %}"));
        assertEquals(1, info(qwen.toString()));
        String error = err.toString(StandardCharsets.UTF_8);
        assertTrue(error.contains("a loop filter") && error.contains("--template chatml|llama3"), error);
    }
}
