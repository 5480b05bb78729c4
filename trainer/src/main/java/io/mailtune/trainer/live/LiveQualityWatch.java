package io.mailtune.trainer.live;

import io.mailtune.core.id.Ids;
import io.mailtune.core.reply.ApprovedReply;
import io.mailtune.core.sql.Database;
import io.mailtune.trainer.registry.AdapterChange;
import io.mailtune.trainer.registry.AdapterRegistry;
import io.mailtune.trainer.registry.Rollback;
import io.mailtune.trainer.store.Json;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Watches the adapter promoted last: within the configured window after its promotion, once both it and the adapter
 * before it have the minimum number of reviewed drafts, it tests whether the new adapter's drafts are approved less
 * often (one-sided two-proportion z-test) or edited more (one-sided Mann–Whitney U on the edit rates of approved
 * drafts), each at alpha / 2 so the pair holds alpha overall. A significant result rolls the promotion back to the
 * previous adapter. Every check that decides is stored with its numbers.
 */
public final class LiveQualityWatch {

    private final Database db;
    private final OutcomeLog outcomes;
    private final AdapterRegistry registry;
    private final Rollback rollback;
    private final QualitySettings settings;
    private final Clock clock;
    private volatile QualityCheck latest;

    /** A watch over the registry's promotions. */
    public LiveQualityWatch(Database db, OutcomeLog outcomes, AdapterRegistry registry, Rollback rollback,
                            QualitySettings settings, Clock clock) {
        this.db = db;
        this.outcomes = outcomes;
        this.registry = registry;
        this.rollback = rollback;
        this.settings = settings;
        this.clock = clock;
    }

    /** The last check made, if any. */
    public Optional<QualityCheck> latest() {
        return Optional.ofNullable(latest);
    }

    /** Compares the live adapter with its predecessor and rolls it back when it is significantly worse. */
    public synchronized Optional<QualityCheck> check() {
        Optional<AdapterChange> change = registry.latestChange();
        if (change.isEmpty() || !"PROMOTED".equals(change.get().kind())) {
            return Optional.empty();
        }
        String version = change.get().liveVersion();
        String previous = change.get().previous() == null ? ApprovedReply.BASE_MODEL : change.get().previous();
        Instant promotedAt = change.get().at();
        Instant now = clock.instant();
        Instant end = promotedAt.plus(settings.window()).isBefore(now) ? promotedAt.plus(settings.window()) : now;
        List<OutcomeLog.Entry> after = outcomes.between(version, promotedAt, end.plusMillis(1));
        List<OutcomeLog.Entry> before = outcomes.between(previous, promotedAt.minus(settings.window()), promotedAt);
        QualityCheck check = compare(version, previous, after, before);
        latest = check;
        if (!"WAIT".equals(check.decision())) {
            db.update("INSERT INTO trainer_quality_check (check_id, version, previous, at, decision, details) VALUES (?, ?, ?, ?, ?, ?)",
                    Ids.newId(), version, previous, now.toEpochMilli(), check.decision(), Json.write(check));
        }
        if ("ROLL_BACK".equals(check.decision()) && settings.enabled()) {
            rollback.to(Optional.ofNullable(change.get().previous()), check.reason(), true, "live-quality-watch", check);
        }
        return Optional.of(check);
    }

    /** The test on two sets of reviews, without side effects. */
    public QualityCheck compare(String version, String previous, List<OutcomeLog.Entry> after, List<OutcomeLog.Entry> before) {
        int n1 = after.size();
        int n2 = before.size();
        int x1 = (int) after.stream().filter(OutcomeLog.Entry::approved).count();
        int x2 = (int) before.stream().filter(OutcomeLog.Entry::approved).count();
        double[] e1 = after.stream().filter(OutcomeLog.Entry::approved).mapToDouble(OutcomeLog.Entry::editRate).toArray();
        double[] e2 = before.stream().filter(OutcomeLog.Entry::approved).mapToDouble(OutcomeLog.Entry::editRate).toArray();
        double rate1 = n1 == 0 ? Double.NaN : (double) x1 / n1;
        double rate2 = n2 == 0 ? Double.NaN : (double) x2 / n2;
        double mean1 = java.util.Arrays.stream(e1).average().orElse(Double.NaN);
        double mean2 = java.util.Arrays.stream(e2).average().orElse(Double.NaN);
        if (n1 < settings.minSample() || n2 < settings.minSample()) {
            return new QualityCheck(version, previous, n1, n2, rate1, rate2, Double.NaN, mean1, mean2, Double.NaN, "WAIT",
                    String.format(Locale.ROOT, "waiting for %d reviews of each adapter (have %d of %s, %d of %s)",
                            settings.minSample(), n1, version, n2, previous));
        }
        double approvalP = TwoSampleTests.proportionLowerP(x1, n1, x2, n2);
        double editP = e1.length >= settings.minSample() && e2.length >= settings.minSample()
                ? TwoSampleTests.mannWhitneyGreaterP(e1, e2) : Double.NaN;
        double each = settings.alpha() / 2;
        boolean fewerApprovals = approvalP < each;
        boolean moreEdits = !Double.isNaN(editP) && editP < each;
        String reason;
        String decision;
        if (fewerApprovals || moreEdits) {
            decision = "ROLL_BACK";
            reason = String.format(Locale.ROOT, "drafts of %s were %s than those of %s: approval %.1f %% vs %.1f %% (p = %.4f),"
                            + " mean edit rate %.3f vs %.3f (p = %s); alpha %.3f over both tests, %d and %d reviews",
                    version, fewerApprovals && moreEdits ? "approved less often and edited more" : fewerApprovals
                            ? "approved significantly less often" : "edited significantly more", previous,
                    100 * rate1, 100 * rate2, approvalP, mean1, mean2, Double.isNaN(editP) ? "n/a" : String.format(Locale.ROOT, "%.4f", editP),
                    settings.alpha(), n1, n2);
        } else {
            decision = "KEEP";
            reason = String.format(Locale.ROOT, "no significant drop: approval %.1f %% vs %.1f %% (p = %.4f), mean edit rate"
                    + " %.3f vs %.3f (p = %s)", 100 * rate1, 100 * rate2, approvalP, mean1, mean2,
                    Double.isNaN(editP) ? "n/a" : String.format(Locale.ROOT, "%.4f", editP));
        }
        return new QualityCheck(version, previous, n1, n2, rate1, rate2, approvalP, mean1, mean2, editP, decision, reason);
    }
}
