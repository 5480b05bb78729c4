package io.mailtune.model.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.mailtune.model.checkpoint.DType;
import io.mailtune.model.fixtures.TinyModel;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.lora.LoraConfig;
import io.mailtune.model.lora.LoraTarget;
import io.mailtune.model.lora.PeftFormat;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdapterRoundTripTest {

    private static final int[] PROMPT = {1, 5, 9, 30, 31};
    private static final int[] NEXT = {12, 40, 7};

    @TempDir
    Path dir;

    @Test
    void aSavedAndReloadedAdapterGivesIdenticalLogits() {
        TinyModel.Written m = TinyModel.write(dir.resolve("model"), TinyModel.qwen2Config(), 4, DType.F32);
        LoraAdapter adapter = LoraAdapter.initialise(m.config(),
                new LoraConfig(4, 16, EnumSet.of(LoraTarget.K, LoraTarget.O, LoraTarget.GATE), true, "tiny"), 9, true);
        PeftFormat.write(adapter, dir.resolve("adapter"));
        LoraAdapter reloaded = PeftFormat.read(dir.resolve("adapter"), m.config().layers());
        try (LanguageModel model = LanguageModel.load(m.dir());
             AdapterWeights before = model.transformer().prepare(adapter);
             AdapterWeights after = model.transformer().prepare(reloaded)) {
            List<float[]> a = TransformerTest.runAlone(model.transformer(), PROMPT, NEXT, before);
            List<float[]> b = TransformerTest.runAlone(model.transformer(), PROMPT, NEXT, after);
            List<float[]> base = TransformerTest.runAlone(model.transformer(), PROMPT, NEXT, null);
            for (int t = 0; t < a.size(); t++) {
                assertArrayEquals(a.get(t), b.get(t));
                assertFalse(Arrays.equals(a.get(t), base.get(t)), "the adapter changes the output");
            }
        }
    }

    @Test
    void aFreshPeftAdapterLeavesTheBaseModelUnchanged() {
        TinyModel.Written m = TinyModel.write(dir.resolve("model"), TinyModel.llamaConfig(true), 4, DType.F32);
        LoraAdapter fresh = LoraAdapter.initialise(m.config(), LoraConfig.defaults("tiny"), 2, false);
        try (LanguageModel model = LanguageModel.load(m.dir());
             AdapterWeights weights = model.transformer().prepare(fresh)) {
            List<float[]> a = TransformerTest.runAlone(model.transformer(), PROMPT, NEXT, weights);
            List<float[]> base = TransformerTest.runAlone(model.transformer(), PROMPT, NEXT, null);
            for (int t = 0; t < a.size(); t++) {
                assertArrayEquals(base.get(t), a.get(t));
            }
        }
    }
}
