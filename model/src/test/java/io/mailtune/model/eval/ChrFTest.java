package io.mailtune.model.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChrFTest {

    @Test
    void identicalTextsScoreOneHundred() {
        assertEquals(100.0, ChrF.STANDARD.score("Your refund is on its way.", "Your refund is on its way."), 1e-9);
    }

    @Test
    void whitespaceIsIgnoredAsInSacreBleu() {
        assertEquals(100.0, ChrF.STANDARD.score("Your  refund\nis here", "Your refund is here"), 1e-9);
    }

    @Test
    void textsWithoutSharedCharactersScoreZero() {
        assertEquals(0.0, ChrF.STANDARD.score("aaaa", "bbbb"), 1e-9);
        assertEquals(0.0, ChrF.STANDARD.score("", "reference"), 1e-9);
    }

    @Test
    void matchesAHandComputedValue() {
        // order 1: P=2/2, R=2/3 -> F2=0.714286; order 2: P=1/1, R=1/2 -> F2=0.555556; mean 0.634921
        assertEquals(63.4921, new ChrF(2, 2.0).score("ab", "abc"), 1e-4);
    }

    @Test
    void recallWeighsMoreThanPrecision() {
        double missingWords = ChrF.STANDARD.score("refund approved", "refund approved today by billing");
        double extraWords = ChrF.STANDARD.score("refund approved today by billing", "refund approved");
        assertTrue(extraWords > missingWords, extraWords + " should exceed " + missingWords);
    }

    @Test
    void corpusScoreSumsStatisticsBeforeScoring() {
        double corpus = ChrF.STANDARD.corpusScore(List.of(new String[]{"abc", "abc"}, new String[]{"xyz", "xyz"}));
        assertEquals(100.0, corpus, 1e-9);
    }

    @Test
    void invalidParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ChrF(0, 2));
        assertThrows(IllegalArgumentException.class, () -> new ChrF(6, 0));
    }
}
