package io.mailtune.model.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailtune.model.checkpoint.CheckpointException;
import io.mailtune.model.checkpoint.DType;
import io.mailtune.model.checkpoint.HostTensor;
import io.mailtune.model.config.UnsupportedModelException;
import io.mailtune.model.fixtures.TinyModel;
import io.mailtune.model.runtime.vector.F32Matrix;
import io.mailtune.model.runtime.vector.Matrix;
import io.mailtune.model.runtime.vector.Q8Matrix;
import io.mailtune.model.runtime.vector.VectorLayer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CheckpointLoadingTest {

    private static final int[] PROMPT = {1, 5, 9, 30};
    private static final int[] NEXT = {12, 40};

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(DType.class)
    void halfPrecisionCheckpointsLoadAsTheirExactValues(DType dtype) {
        TinyModel.Written m = TinyModel.write(dir, TinyModel.llamaConfig(false), 5, dtype);
        double[][] expected = new ReferenceModel(m.config(), m.weights(), null).logits(TransformerTest.concat(PROMPT, NEXT));
        try (LanguageModel model = LanguageModel.load(dir, LoadOptions.defaults().withoutTokenizer())) {
            List<float[]> actual = TransformerTest.runAlone(model.transformer(), PROMPT, NEXT, null);
            for (int t = 0; t < actual.size(); t++) {
                TransformerTest.assertClose(expected[t], actual.get(t), dtype + " position " + t);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "BF16"})
    void prefillOverTheDecodersLentWeightsGivesTheLogitsOfDeviceWeights(DType dtype) {
        for (boolean qwen : new boolean[] {false, true}) {
            Path d = dir.resolve(dtype + "-" + qwen);
            TinyModel.write(d, qwen ? TinyModel.qwen2Config() : TinyModel.llamaConfig(false), 6, dtype);
            LoadOptions options = LoadOptions.defaults().withoutTokenizer();
            try (LanguageModel device = LanguageModel.load(d, options.withDecodeFormat(DecodeFormat.TORCH));
                 LanguageModel lent = LanguageModel.load(d, options.withDecodeFormat(DecodeFormat.VECTOR_F32))) {
                List<float[]> a = TransformerTest.runAlone(device.transformer(), PROMPT, NEXT, null);
                List<float[]> b = TransformerTest.runAlone(lent.transformer(), PROMPT, NEXT, null);
                for (int t = 0; t < a.size(); t++) {
                    for (int v = 0; v < a.get(t).length; v++) {
                        assertEquals(a.get(t)[v], b.get(t)[v], 1e-5, "qwen " + qwen + " position " + t + " logit " + v);
                    }
                }
            }
        }
    }

    @Test
    void int8WeightsQuantisedWhileReadingEqualThoseOfTheWholeFloat32Matrices() {
        TinyModel.write(dir, TinyModel.qwen2Config(), 4, DType.BF16);
        LoadOptions options = LoadOptions.defaults().withoutTokenizer();
        try (LanguageModel f32 = LanguageModel.load(dir, options.withDecodeFormat(DecodeFormat.VECTOR_F32));
             LanguageModel q8 = LanguageModel.load(dir, options.withDecodeFormat(DecodeFormat.VECTOR_Q8))) {
            List<Matrix[]> pairs = new ArrayList<>();
            pairs.add(new Matrix[] {f32.decoder().embedding(), q8.decoder().embedding()});
            for (int l = 0; l < f32.config().layers(); l++) {
                VectorLayer a = f32.decoder().layers().get(l);
                VectorLayer b = q8.decoder().layers().get(l);
                pairs.add(new Matrix[] {a.qkv(), b.qkv()});
                pairs.add(new Matrix[] {a.gateUp(), b.gateUp()});
                pairs.add(new Matrix[] {a.down(), b.down()});
            }
            for (Matrix[] p : pairs) {
                F32Matrix full = (F32Matrix) p[0];
                Q8Matrix expected = Q8Matrix.quantise(full.rows(), full.cols(), full.data());
                Q8Matrix actual = (Q8Matrix) p[1];
                assertArrayEquals(expected.quants(), actual.quants());
                assertArrayEquals(expected.scales(), actual.scales());
            }
        }
    }

    @Test
    void aShardedCheckpointGivesTheSameLogitsAsOneFile() {
        TinyModel.write(dir.resolve("one"), TinyModel.qwen2Config(), 8, DType.F32);
        TinyModel.write(dir.resolve("sharded"), TinyModel.qwen2Config(), 8, DType.F32, 3, w -> { });
        try (LanguageModel one = LanguageModel.load(dir.resolve("one"));
             LanguageModel sharded = LanguageModel.load(dir.resolve("sharded"))) {
            List<float[]> a = TransformerTest.runAlone(one.transformer(), PROMPT, NEXT, null);
            List<float[]> b = TransformerTest.runAlone(sharded.transformer(), PROMPT, NEXT, null);
            for (int t = 0; t < a.size(); t++) {
                assertArrayEquals(a.get(t), b.get(t));
            }
        }
    }

    @Test
    void aMissingTensorFailsAtLoadNamingIt() {
        TinyModel.write(dir, TinyModel.llamaConfig(true), 1, DType.F32, 1,
                w -> w.remove("model.layers.1.mlp.up_proj.weight"));
        var e = assertThrows(CheckpointException.class, () -> LanguageModel.load(dir));
        assertTrue(e.getMessage().contains("model.layers.1.mlp.up_proj.weight"), e.getMessage());
    }

    @Test
    void aMisShapedTensorFailsAtLoadNamingItAndBothShapes() {
        TinyModel.write(dir, TinyModel.llamaConfig(true), 1, DType.F32, 1, w -> w.put("model.layers.0.self_attn.k_proj.weight",
                new HostTensor("model.layers.0.self_attn.k_proj.weight", new int[] {32, 32}, new float[32 * 32])));
        var e = assertThrows(CheckpointException.class, () -> LanguageModel.load(dir));
        assertTrue(e.getMessage().contains("model.layers.0.self_attn.k_proj.weight")
                && e.getMessage().contains("[32, 32]") && e.getMessage().contains("[16, 32]"), e.getMessage());
    }

    @Test
    void aMissingQwen2BiasFailsAtLoadNamingIt() {
        TinyModel.write(dir, TinyModel.qwen2Config(), 1, DType.F32, 1, w -> w.remove("model.layers.0.self_attn.v_proj.bias"));
        var e = assertThrows(CheckpointException.class, () -> LanguageModel.load(dir));
        assertTrue(e.getMessage().contains("model.layers.0.self_attn.v_proj.bias"), e.getMessage());
    }

    @Test
    void aDirectoryWithoutWeightsFailsNamingWhatIsMissing() throws Exception {
        TinyModel.write(dir, TinyModel.llamaConfig(true), 1, DType.F32);
        Files.delete(dir.resolve("model.safetensors"));
        var e = assertThrows(UnsupportedModelException.class, () -> LanguageModel.load(dir));
        assertTrue(e.getMessage().contains("model.safetensors"), e.getMessage());
    }
}
