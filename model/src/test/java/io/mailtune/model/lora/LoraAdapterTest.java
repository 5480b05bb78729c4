package io.mailtune.model.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailtune.model.checkpoint.HostTensor;
import io.mailtune.model.config.UnsupportedModelException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoraAdapterTest {

    private static LoraPair pair(String name, int r, int in, int out, boolean bias, double alpha) {
        return new LoraPair(new HostTensor(name + ".lora_A.weight", new int[] {r, in}, new float[r * in]),
                new HostTensor(name + ".lora_B.weight", new int[] {out, r}, new float[out * r]),
                bias ? new HostTensor(name + ".lora_B.bias", new int[] {out}, new float[out]) : null, alpha);
    }

    private static LoraConfig config(LoraTarget... targets) {
        return new LoraConfig(4, 8, EnumSet.of(targets[0], targets), true, "x");
    }

    @Test
    void eachProjectionIsScaledByItsOwnAlphaAndRank() {
        LoraAdapter a = new LoraAdapter(config(LoraTarget.Q, LoraTarget.V), List.of(
                Map.of(LoraTarget.Q, pair("q0", 4, 8, 8, false, 8), LoraTarget.V, pair("v0", 16, 8, 4, false, 2)),
                Map.of(LoraTarget.Q, pair("q1", 1, 8, 8, false, 3))));
        assertEquals(8 / Math.sqrt(4), a.scale(0, LoraTarget.Q));
        assertEquals(2 / Math.sqrt(16), a.scale(0, LoraTarget.V));
        assertEquals(3.0, a.scale(1, LoraTarget.Q));
        assertFalse(a.isUniform());
        assertThrows(IllegalArgumentException.class, () -> a.scale(1, LoraTarget.V));
    }

    @Test
    void aLayerMayAdaptNothingButEveryTargetIsAdaptedSomewhere() {
        List<Map<LoraTarget, LoraPair>> layers = new ArrayList<>();
        layers.add(Map.of());
        layers.add(Map.of(LoraTarget.Q, pair("q1", 2, 8, 8, false, 8)));
        assertEquals(1, new LoraAdapter(config(LoraTarget.Q), layers).layer(1).size());
        var e = assertThrows(IllegalArgumentException.class,
                () -> new LoraAdapter(config(LoraTarget.Q, LoraTarget.K), layers));
        assertTrue(e.getMessage().contains("adapt only [Q]"), e.getMessage());
        var outside = assertThrows(IllegalArgumentException.class, () -> new LoraAdapter(config(LoraTarget.K), layers));
        assertTrue(outside.getMessage().contains("layer 1 adapts [Q]"), outside.getMessage());
    }

    @Test
    void loraBiasIsOnEveryProjectionOrNone() {
        var e = assertThrows(IllegalArgumentException.class, () -> new LoraAdapter(config(LoraTarget.Q, LoraTarget.V),
                List.of(Map.of(LoraTarget.Q, pair("q", 2, 8, 8, true, 8), LoraTarget.V, pair("v", 2, 8, 4, false, 8)))));
        assertTrue(e.getMessage().contains("1 of 2 projections have a lora_B bias"), e.getMessage());
        LoraAdapter biased = new LoraAdapter(config(LoraTarget.Q), List.of(Map.of(LoraTarget.Q, pair("q", 2, 8, 8, true, 8))));
        assertTrue(biased.hasBias());
        assertEquals(2 * 8 + 8 * 2 + 8, biased.parameterCount(), "A, B and the bias");
    }

    @Test
    void anAdapterWithBiasesCannotBeMergedIntoWeights() {
        LoraAdapter biased = new LoraAdapter(config(LoraTarget.Q), List.of(Map.of(LoraTarget.Q, pair("q", 2, 8, 8, true, 8))));
        var e = assertThrows(UnsupportedModelException.class,
                () -> biased.mergeInto(0, LoraTarget.Q, FloatBuffer.allocate(64)));
        assertTrue(e.getMessage().contains("install it unmerged"), e.getMessage());
    }

    @Test
    void aBiasMustMatchTheRowsOfB() {
        var e = assertThrows(IllegalArgumentException.class, () -> new LoraPair(
                new HostTensor("a", new int[] {2, 8}, new float[16]), new HostTensor("b", new int[] {8, 2}, new float[16]),
                new HostTensor("b.bias", new int[] {4}, new float[4]), 8));
        assertTrue(e.getMessage().contains("must be [8]"), e.getMessage());
    }
}
