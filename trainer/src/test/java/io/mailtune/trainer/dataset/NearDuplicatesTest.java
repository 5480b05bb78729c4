package io.mailtune.trainer.dataset;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NearDuplicatesTest {

    private static final String REPLY = "Hi Anna,\n\nThanks for getting in touch about your refund. Go to Orders > Returns"
            + " and choose the item. Refunds reach your card within 5 business days.\n\nBest regards,\nBrightcart Support";

    @Test
    void digitsCaseAndSpacingDoNotMakeTextsDifferent() {
        assertEquals(NearDuplicates.contentHash("Order 12345  is LATE"), NearDuplicates.contentHash("order 67890 is late"));
    }

    @Test
    void aOneWordChangeIsNearIdenticalAndSharesABand() {
        String other = REPLY.replace("Anna", "Ben");
        assertTrue(NearDuplicates.jaccard(REPLY, other) > 0.9);
        long[] a = NearDuplicates.bandKeys(REPLY);
        long[] b = NearDuplicates.bandKeys(other);
        assertTrue(Arrays.stream(a).anyMatch(x -> Arrays.stream(b).anyMatch(y -> y == x)));
    }

    @Test
    void aDifferentAnswerIsFarApart() {
        String other = "Hello Ben,\n\nYour parcel left our warehouse yesterday; the tracking link in the dispatch email shows"
                + " where it is.\n\nKind regards,\nThe Care Team";
        assertTrue(NearDuplicates.jaccard(REPLY, other) < 0.3);
    }
}
