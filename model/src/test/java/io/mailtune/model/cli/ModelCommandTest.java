package io.mailtune.model.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailtune.model.checkpoint.DType;
import io.mailtune.model.fixtures.TinyModel;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.lora.LoraConfig;
import io.mailtune.model.lora.PeftFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ModelCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private TinyModel.Written model() {
        return TinyModel.write(dir.resolve("model"), TinyModel.llamaConfig(true), 1, DType.BF16);
    }

    @Test
    void infoPrintsArchitectureParameterCountAndAdapter() {
        TinyModel.Written m = model();
        PeftFormat.write(LoraAdapter.initialise(m.config(), LoraConfig.defaults("tiny"), 1, false), dir.resolve("adapter"));
        assertEquals(0, run("info", m.dir().toString(), "--adapter", dir.resolve("adapter").toString()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("architecture: llama"), text);
        assertTrue(text.contains("parameters: 17,568"), text);
        assertTrue(text.contains("targets: q_proj,v_proj"), text);
        assertTrue(text.contains("adapter parameters: 1,792"), text);
    }

    @Test
    void infoListsEachProjectionOfAnAdapterWhoseRanksDiffer() throws Exception {
        Path fixtures = Path.of(getClass().getResource("/peft-fixtures/cases.json").toURI()).getParent();
        assertEquals(0, run("info", fixtures.resolve("bases/llama").toString(), "--adapter",
                fixtures.resolve("adapters/lora-bias").toString()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("adapter modules: 0.q_proj r=2 alpha=3.0, 0.k_proj r=2 alpha=3.0"), text);
        assertTrue(text.contains("0.o_proj r=1 alpha=3.0"), text);
        assertTrue(text.contains("(with lora_B biases)"), text);
    }

    @Test
    void generateFromRawTokenIdsPrintsTokenIds() {
        TinyModel.Written m = model();
        assertEquals(0, run("generate", m.dir().toString(), "--tokens", "1,5,6", "--max-new-tokens", "4",
                "--temperature", "0.9", "--seed", "3", "--half-decode", "--ids"), err.toString(StandardCharsets.UTF_8));
        String[] ids = out.toString(StandardCharsets.UTF_8).trim().split(" ");
        assertTrue(ids.length >= 1 && ids.length <= 4, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void generateFromAChatWithAMergedAdapterPrintsText() {
        TinyModel.Written m = model();
        PeftFormat.write(LoraAdapter.initialise(m.config(), LoraConfig.defaults("tiny"), 1, true), dir.resolve("adapter"));
        assertEquals(0, run("generate", m.dir().toString(), "--chat", "refund please", "--adapter",
                dir.resolve("adapter").toString(), "--merge", "--max-new-tokens", "5"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void generateOnTheVectorDecoderGivesTheSameGreedyTokensAsDjl() {
        TinyModel.Written m = model();
        assertEquals(0, run("generate", m.dir().toString(), "--tokens", "1,5,6", "--max-new-tokens", "4", "--ids",
                "--decode", "torch"), err.toString(StandardCharsets.UTF_8));
        String torch = out.toString(StandardCharsets.UTF_8);
        out.reset();
        assertEquals(0, run("generate", m.dir().toString(), "--tokens", "1,5,6", "--max-new-tokens", "4", "--ids",
                "--decode", "f32"), err.toString(StandardCharsets.UTF_8));
        assertEquals(torch, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownDecodeFormatExitsWithTwoNamingTheChoices() {
        TinyModel.Written m = model();
        assertEquals(2, run("generate", m.dir().toString(), "--tokens", "1,5,6", "--decode", "int4"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--decode must be torch, f32 or q8"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badArgumentsPrintUsageAndExitWithTwo() {
        assertEquals(2, run("generate", "somewhere", "--temperature"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage:"));
    }

    @Test
    void anUnsupportedCheckpointExitsWithOneNamingTheProblem() throws Exception {
        TinyModel.Written m = model();
        Files.writeString(m.dir().resolve("config.json"), TinyModel.llamaConfig(true).put("model_type", "gpt2").toString());
        assertEquals(1, run("info", m.dir().toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("gpt2"));
    }
}
