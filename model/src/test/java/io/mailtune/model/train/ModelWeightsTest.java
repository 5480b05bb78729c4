package io.mailtune.model.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.mailtune.model.checkpoint.DType;
import io.mailtune.model.config.ModelConfig;
import io.mailtune.model.fixtures.TinyModel;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.lora.LoraConfig;
import io.mailtune.model.lora.LoraPair;
import io.mailtune.model.lora.LoraTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelWeightsTest {

    @TempDir
    Path dir;

    @Test
    void anAdapterWithPerProjectionAlphasCannotBeTrainedAndTheWeightsStayFree() {
        ModelConfig c = TinyModel.write(dir, TinyModel.llamaConfig(true), 1, DType.F32).config();
        LoraAdapter uniform = LoraAdapter.initialise(c, LoraConfig.defaults("tiny"), 1, false);
        List<Map<LoraTarget, LoraPair>> layers = new ArrayList<>();
        for (int l = 0; l < uniform.layerCount(); l++) {
            Map<LoraTarget, LoraPair> layer = new EnumMap<>(uniform.layer(l));
            LoraPair q = layer.get(LoraTarget.Q);
            layer.put(LoraTarget.Q, new LoraPair(q.a(), q.b(), 16));
            layers.add(layer);
        }
        LoraAdapter patterned = new LoraAdapter(uniform.config(), layers);
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             ModelWeights weights = ModelWeights.initialise(c, 1, m)) {
            var e = assertThrows(IllegalArgumentException.class, () -> weights.attach(patterned));
            assertTrue(e.getMessage().contains("one rank and alpha"), e.getMessage());
            weights.attach(uniform);
        }
    }
}
