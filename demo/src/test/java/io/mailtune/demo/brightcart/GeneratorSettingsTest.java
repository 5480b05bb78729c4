package io.mailtune.demo.brightcart;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratorSettingsTest {

    @Test
    void aNegativeWeightIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GeneratorSettings.defaults().withKindWeights(Map.of(CaseKind.SINGLE, -1.0)));
        assertTrue(e.getMessage().contains("SINGLE"), e.getMessage());
    }

    @Test
    void allZeroWeightsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> GeneratorSettings.defaults().withKindWeights(Map.of(CaseKind.SINGLE, 0.0)));
    }

    @Test
    void aTypoRateAboveOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> GeneratorSettings.defaults().withTypoRate(1.01));
    }

    @Test
    void fourQuestionsPerEmailIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> GeneratorSettings.defaults().withMaxQuestions(4));
    }

    @Test
    void aMissingStyleIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> GeneratorSettings.defaults().withStyle(null));
    }
}
