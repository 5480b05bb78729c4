package io.mailtune.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.mailtune.model.checkpoint.CheckpointTensors;
import io.mailtune.model.checkpoint.DType;
import io.mailtune.model.fixtures.TinyModel;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.lora.LoraConfig;
import io.mailtune.model.lora.LoraTarget;
import io.mailtune.model.runtime.AdapterWeights;
import io.mailtune.model.runtime.KvCache;
import io.mailtune.model.runtime.LanguageModel;
import io.mailtune.model.runtime.LoadOptions;
import io.mailtune.model.runtime.Segment;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingForwardTest {

    @TempDir
    Path dir;

    @Test
    void paddedBatchLogitsMatchTheRuntimeWithinOneInTenThousand() {
        assertMatchesRuntime(TinyModel.write(dir, TinyModel.llamaConfig(true), 7, DType.F32), null);
    }

    @Test
    void qwen2WithAnAllTargetAdapterMatchesTheRuntime() {
        TinyModel.Written w = TinyModel.write(dir, TinyModel.qwen2Config(), 8, DType.F32);
        LoraAdapter lora = LoraAdapter.initialise(w.config(),
                new LoraConfig(4, 8, EnumSet.allOf(LoraTarget.class), false, "tiny"), 3, true);
        assertMatchesRuntime(w, lora);
    }

    private static void assertMatchesRuntime(TinyModel.Written w, LoraAdapter lora) {
        int[][] rows = {{5, 9, 12, 7, 30, 2, 8, 11}, {6, 14, 3}};
        int seq = 8;
        int[] padded = new int[2 * seq];
        System.arraycopy(rows[0], 0, padded, 0, 8);
        System.arraycopy(rows[1], 0, padded, seq, 3);
        try (LanguageModel model = LanguageModel.load(w.dir(), LoadOptions.defaults().withoutTokenizer());
             AdapterWeights adapter = lora == null ? null : model.transformer().prepare(lora);
             NDManager m = NDManager.newBaseManager("PyTorch");
             ModelWeights weights = ModelWeights.fromCheckpoint(w.config(), CheckpointTensors.open(w.dir()), m)) {
            if (lora != null) {
                weights.attach(lora);
            }
            try (TrainingForward forward = new TrainingForward(weights, 16); NDManager step = m.newSubManager()) {
                NDArray hidden = forward.hidden(step, padded, 2, seq, new int[] {8, 3});
                float[] ours = forward.logits(hidden).toFloatArray(); // [2, seq, V]
                int v = w.config().vocabSize();
                for (int r = 0; r < rows.length; r++) {
                    try (KvCache cache = model.transformer().newCache(16); NDManager rs = m.newSubManager()) {
                        float[] ref = model.transformer().forward(rs, rows[r],
                                List.of(new Segment(cache, 0, rows[r].length, adapter)), true).toFloatArray();
                        for (int i = 0; i < ref.length; i++) {
                            assertEquals(ref[i], ours[r * seq * v + i], 1e-4, "row " + r + " value " + i);
                        }
                    }
                }
            }
        }
    }
}
