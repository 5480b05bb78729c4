package io.mailtune.agent.web;

import io.mailtune.agent.store.DraftStatus;
import io.mailtune.agent.store.ReviewHistoryStore;
import io.mailtune.agent.store.ReviewHistoryStore.QueueSpan;
import io.mailtune.agent.store.ReviewHistoryStore.ReviewedDraft;
import io.mailtune.core.text.EditDistance;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's figures, from the drafts themselves: the queue's size and its oldest email's age over time, and per
 * adapter version how reviewers decided (approved as drafted, edited, rejected) and how much they edited.
 */
@ApplicationScoped
public class Dashboard {

    /** The periods the dashboard shows, each with its bucket. */
    public enum Range {
        /** The last 24 hours, hourly. */
        DAY("24h", "24 hours", Duration.ofDays(1), Duration.ofHours(1), "HH:mm"),
        /** The last 7 days, every 6 hours. */
        WEEK("7d", "7 days", Duration.ofDays(7), Duration.ofHours(6), "EEE d"),
        /** The last 30 days, daily. */
        MONTH("30d", "30 days", Duration.ofDays(30), Duration.ofDays(1), "d MMM");

        final String key;
        final String label;
        final Duration length;
        final Duration bucket;
        final DateTimeFormatter axis;

        Range(String key, String label, Duration length, Duration bucket, String axis) {
            this.key = key;
            this.label = label;
            this.length = length;
            this.bucket = bucket;
            this.axis = DateTimeFormatter.ofPattern(axis, Locale.ENGLISH).withZone(ZoneId.systemDefault());
        }

        /** The range a query parameter names; the day when absent. */
        public static Range of(String key) {
            if (key == null || key.isBlank()) {
                return DAY;
            }
            for (Range r : values()) {
                if (r.key.equals(key)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("range must be 24h, 7d or 30d, was '" + key + "'");
        }

        /** Its query value. */
        public String key() {
            return key;
        }

        /** Its label. */
        public String label() {
            return label;
        }
    }

    /**
     * One adapter version's decisions in the period.
     *
     * @param adapter      the version
     * @param seriesClass  the colour class its lines have
     * @param reviewed     drafts decided
     * @param approved     approved as drafted, percent
     * @param edited       edited and approved, percent
     * @param rejected     rejected, percent
     * @param meanEdit     mean edit distance of approved replies, characters
     */
    public record AdapterRow(String adapter, String seriesClass, int reviewed, long approved, long edited, long rejected,
                             long meanEdit) {
    }

    /**
     * What the dashboard page shows.
     *
     * @param range         the period
     * @param ranges        every period, for the switcher
     * @param openNow       drafts in the queue now
     * @param oldestNow     the oldest open email's age now, in words
     * @param reviewed      drafts decided in the period
     * @param approvalRate  approved (as drafted or edited) of decided, as a percentage, or a dash when none was decided
     * @param queueChart    queue size over time (SVG)
     * @param ageChart      oldest email's age over time (SVG)
     * @param approvedChart approved as drafted, percent, per adapter (SVG)
     * @param editedChart   edited, percent, per adapter (SVG)
     * @param rejectedChart rejected, percent, per adapter (SVG)
     * @param editChart     mean edit distance per adapter (SVG)
     * @param adapters      per adapter version
     */
    public record Model(Range range, List<Range> ranges, int openNow, String oldestNow, int reviewed, String approvalRate,
                        String queueChart, String ageChart, String approvedChart, String editedChart, String rejectedChart,
                        String editChart, List<AdapterRow> adapters) {
    }

    private static final int MAX_CACHED = 50_000;

    private final ReviewHistoryStore history;
    private final Clock clock;
    private final Map<String, Integer> distances = new ConcurrentHashMap<>();

    Dashboard(ReviewHistoryStore history, Clock clock) {
        this.history = history;
        this.clock = clock;
    }

    /** The dashboard over a period ending now. */
    public Model build(Range range) {
        Instant to = clock.instant();
        Instant from = to.minus(range.length);
        List<Instant> samples = new ArrayList<>();
        for (Instant t = from; !t.isAfter(to); t = t.plus(range.bucket)) {
            samples.add(t);
        }
        if (samples.getLast().isBefore(to)) {
            samples.add(to);
        }
        List<QueueSpan> spans = history.queueSpans(from, to);
        List<SvgChart.Point> size = new ArrayList<>();
        List<SvgChart.Point> age = new ArrayList<>();
        for (Instant t : samples) {
            int open = 0;
            Instant oldest = null;
            for (QueueSpan span : spans) {
                if (span.openAt(t)) {
                    open++;
                    oldest = oldest == null || span.arrivedAt().isBefore(oldest) ? span.arrivedAt() : oldest;
                }
            }
            size.add(new SvgChart.Point(t, (double) open));
            age.add(new SvgChart.Point(t, oldest == null ? 0.0 : Duration.between(oldest, t).toSeconds() / 60.0));
        }
        var timeLabel = (java.util.function.Function<Instant, String>) range.axis::format;
        String queueChart = SvgChart.render("Drafts in the queue", List.of(new SvgChart.Series("in the queue", size)),
                from, to, null, Dashboard::count, timeLabel);
        String ageChart = SvgChart.render("Oldest waiting email", List.of(new SvgChart.Series("oldest", age)),
                from, to, null, Dashboard::hours, timeLabel);

        List<ReviewedDraft> reviewed = history.reviewed(from, to.plusMillis(1));
        Map<String, List<ReviewedDraft>> byAdapter = new LinkedHashMap<>();
        for (ReviewedDraft r : reviewed) {
            byAdapter.computeIfAbsent(r.adapterVersion() == null ? "?" : r.adapterVersion(), k -> new ArrayList<>()).add(r);
        }
        List<SvgChart.Series> approved = new ArrayList<>();
        List<SvgChart.Series> edited = new ArrayList<>();
        List<SvgChart.Series> rejected = new ArrayList<>();
        List<SvgChart.Series> edits = new ArrayList<>();
        List<AdapterRow> rows = new ArrayList<>();
        int index = 0;
        long approvedTotal = 0;
        for (var entry : byAdapter.entrySet()) {
            List<SvgChart.Point> a = new ArrayList<>();
            List<SvgChart.Point> e = new ArrayList<>();
            List<SvgChart.Point> r = new ArrayList<>();
            List<SvgChart.Point> d = new ArrayList<>();
            for (int i = 0; i + 1 < samples.size(); i++) {
                Instant start = samples.get(i);
                Instant end = samples.get(i + 1);
                Tally tally = tally(entry.getValue().stream()
                        .filter(x -> !x.reviewedAt().isBefore(start) && x.reviewedAt().isBefore(end)).toList());
                Instant mid = start.plus(Duration.between(start, end).dividedBy(2));
                a.add(new SvgChart.Point(mid, tally.percent(tally.approved)));
                e.add(new SvgChart.Point(mid, tally.percent(tally.edited)));
                r.add(new SvgChart.Point(mid, tally.percent(tally.rejected)));
                d.add(new SvgChart.Point(mid, tally.meanEdit()));
            }
            String name = entry.getKey();
            approved.add(new SvgChart.Series(name, a));
            edited.add(new SvgChart.Series(name, e));
            rejected.add(new SvgChart.Series(name, r));
            edits.add(new SvgChart.Series(name, d));
            Tally all = tally(entry.getValue());
            approvedTotal += all.approved + all.edited;
            rows.add(new AdapterRow(name, "series-" + (index++ % 6), all.total, round(all.percent(all.approved)),
                    round(all.percent(all.edited)), round(all.percent(all.rejected)), round(all.meanEdit())));
        }
        java.util.function.Function<Double, String> percent = v -> Math.round(v) + "%";
        Instant oldestNow = spans.stream().filter(s -> s.leftAt() == null).map(QueueSpan::arrivedAt).min(Instant::compareTo).orElse(null);
        return new Model(range, List.of(Range.values()), (int) spans.stream().filter(s -> s.leftAt() == null).count(),
                oldestNow == null ? "none waiting" : Ages.since(oldestNow, to), reviewed.size(),
                reviewed.isEmpty() ? "–" : Math.round(100.0 * approvedTotal / reviewed.size()) + "%", queueChart, ageChart,
                SvgChart.render("Approved as drafted, percent", approved, from, to, 100.0, percent, timeLabel),
                SvgChart.render("Edited before sending, percent", edited, from, to, 100.0, percent, timeLabel),
                SvgChart.render("Rejected, percent", rejected, from, to, 100.0, percent, timeLabel),
                SvgChart.render("Mean edit distance, characters", edits, from, to, null, Dashboard::count, timeLabel),
                rows);
    }

    private Tally tally(List<ReviewedDraft> decided) {
        Tally t = new Tally();
        long editSum = 0;
        for (ReviewedDraft r : decided) {
            t.total++;
            if (r.status() == DraftStatus.REJECTED) {
                t.rejected++;
                continue;
            }
            int distance = distance(r);
            editSum += distance;
            if (distance == 0) {
                t.approved++;
            } else {
                t.edited++;
            }
        }
        t.editSum = editSum;
        return t;
    }

    /** Edit distance of drafted and sent text; decided drafts never change, so each is computed once. */
    private int distance(ReviewedDraft r) {
        if (distances.size() > MAX_CACHED) {
            distances.clear();
        }
        return distances.computeIfAbsent(r.draftId(), id -> EditDistance.levenshtein(
                r.draftText() == null ? "" : r.draftText(), r.sentText() == null ? "" : r.sentText()));
    }

    private static final class Tally {
        int total;
        int approved;
        int edited;
        int rejected;
        long editSum;

        Double percent(int n) {
            return total == 0 ? null : 100.0 * n / total;
        }

        Double meanEdit() {
            int sent = approved + edited;
            return sent == 0 ? null : (double) editSum / sent;
        }
    }

    private static long round(Double v) {
        return v == null ? 0 : Math.round(v);
    }

    /** A count as an axis label: whole numbers plainly, quarter steps of small scales with one decimal. */
    private static String count(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** Minutes as an axis label: "45 min", "2.5 h", "30 h". */
    private static String hours(double minutes) {
        if (minutes == 0) {
            return "0";
        }
        double h = minutes / 60;
        return minutes < 60 ? count(minutes) + " min" : (h < 10 ? String.format(Locale.ROOT, "%.1f h", h) : Math.round(h) + " h");
    }
}
