package io.mailtune.trainer.gate;

import io.mailtune.model.eval.PairedBootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The promotion rule. For every metric a paired bootstrap interval of candidate minus live (higher is better). The
 * candidate is promoted only when at least one winnable metric is better beyond noise (the interval's lower end above
 * {@code minImprovement}) and no metric regresses beyond its tolerance (the mean difference below minus the
 * tolerance). A win must be shown beyond noise; a regression within tolerance is accepted, as a threshold on the
 * estimate, because on holdouts of a few dozen cases a non-inferiority interval is too wide to ever pass.
 */
public final class Gate {

    private final GateSettings settings;

    /** A gate with the configured bootstrap and tolerances. */
    public Gate(GateSettings settings) {
        this.settings = settings;
    }

    /** The decision, with every metric's numbers. */
    public GateReport decide(List<PairedScores> scores, String liveVersion, int holdoutExamples, int regressionCases,
                             double evaluationSeconds, long seed) {
        PairedBootstrap bootstrap = new PairedBootstrap(settings.resamples(), settings.confidence());
        List<MetricResult> results = new ArrayList<>();
        for (PairedScores s : scores) {
            double tolerance = settings.tolerance(s.name());
            if (s.candidate().length == 0) {
                results.add(new MetricResult(s.name(), 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        s.winnable(), tolerance, "SKIPPED"));
                continue;
            }
            PairedBootstrap.Comparison c = bootstrap.compare(s.candidate(), s.live(), seed + s.name().hashCode());
            String verdict = c.meanDifference() < -tolerance ? "REGRESSES"
                    : c.betterBeyondNoise(settings.minImprovement()) ? "WIN" : "HOLDS";
            results.add(new MetricResult(s.name(), s.candidate().length, c.candidateMean(), c.baselineMean(),
                    c.meanDifference(), c.lowerBound(), c.upperBound(), s.winnable(), tolerance, verdict));
        }
        List<MetricResult> regressions = results.stream().filter(MetricResult::regresses).toList();
        List<MetricResult> wins = results.stream().filter(MetricResult::wins).toList();
        boolean promote = regressions.isEmpty() && !wins.isEmpty();
        String reason;
        if (!regressions.isEmpty()) {
            reason = "rejected: worse beyond tolerance on " + regressions.stream()
                    .map(m -> String.format(java.util.Locale.ROOT, "%s (%.3f, interval %.3f..%.3f, tolerance %.3f)",
                            m.name(), m.difference(), m.lower(), m.upper(), m.tolerance()))
                    .collect(Collectors.joining(", "));
        } else if (wins.isEmpty()) {
            reason = "rejected: not better than " + liveVersion + " beyond noise on any of "
                    + results.stream().filter(MetricResult::winnable).map(MetricResult::name).collect(Collectors.joining(", "));
        } else {
            reason = "promoted: better beyond noise on " + wins.stream()
                    .map(m -> String.format(java.util.Locale.ROOT, "%s (+%.3f, interval %.3f..%.3f)", m.name(), m.difference(), m.lower(), m.upper()))
                    .collect(Collectors.joining(", ")) + "; no metric worse beyond tolerance";
        }
        return new GateReport(promote, reason, liveVersion, results, holdoutExamples, regressionCases, settings.resamples(),
                settings.confidence(), evaluationSeconds);
    }
}
