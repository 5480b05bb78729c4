package io.mailtune.trainer.live;

import io.mailtune.core.reply.ReviewVerdict;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveQualityWatchTest {

    private final LiveQualityWatch watch = new LiveQualityWatch(null, null, null, null,
            new QualitySettings(true, Duration.ofDays(7), 20, 0.01), Clock.systemUTC());

    private static List<OutcomeLog.Entry> reviews(int approved, int rejected, double editRate) {
        List<OutcomeLog.Entry> out = new ArrayList<>();
        for (int i = 0; i < approved; i++) {
            out.add(new OutcomeLog.Entry(editRate == 0 ? ReviewVerdict.APPROVED : ReviewVerdict.EDITED, editRate + i * 1e-4, Instant.EPOCH));
        }
        for (int i = 0; i < rejected; i++) {
            out.add(new OutcomeLog.Entry(ReviewVerdict.REJECTED, 0, Instant.EPOCH));
        }
        return out;
    }

    @Test
    void fewerApprovalsBeyondChanceRollBack() {
        QualityCheck c = watch.compare("mt-new", "mt-old", reviews(12, 18, 0.05), reviews(27, 3, 0.05));
        assertEquals("ROLL_BACK", c.decision(), c.reason());
        assertTrue(c.reason().contains("approved significantly less often than those of mt-old"), c.reason());
        assertTrue(c.approvalP() < 0.005);
    }

    @Test
    void moreEditingBeyondChanceRollsBackToo() {
        QualityCheck c = watch.compare("mt-new", "mt-old", reviews(28, 2, 0.4), reviews(28, 2, 0.05));
        assertEquals("ROLL_BACK", c.decision(), c.reason());
        assertTrue(c.reason().contains("edited significantly more"), c.reason());
    }

    @Test
    void aSimilarAdapterIsKeptAndTooFewReviewsWait() {
        assertEquals("KEEP", watch.compare("mt-new", "mt-old", reviews(25, 5, 0.05), reviews(26, 4, 0.05)).decision());
        assertEquals("WAIT", watch.compare("mt-new", "mt-old", reviews(5, 10, 0.5), reviews(26, 4, 0.05)).decision());
    }
}
