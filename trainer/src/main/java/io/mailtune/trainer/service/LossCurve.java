package io.mailtune.trainer.service;

import io.mailtune.trainer.run.RunProgress;

import java.util.List;
import java.util.Locale;

/**
 * A run's training loss as an inline SVG polyline: x the step (0 … planned steps), y the loss (0 at the bottom, the
 * highest loss at the top), so curves of different runs read alike.
 *
 * @param points   the polyline's points, in SVG user units of a {@value #WIDTH}×{@value #HEIGHT} box
 * @param maxLoss  the loss at the top edge
 * @param lastLoss the latest loss
 * @param steps    the steps shown on the x axis
 */
public record LossCurve(String points, double maxLoss, double lastLoss, int steps) {

    /** Width of the drawing box. */
    public static final int WIDTH = 520;
    /** Height of the drawing box. */
    public static final int HEIGHT = 110;

    /** The curve of a run's progress over {@code plannedSteps}. */
    public static LossCurve of(List<RunProgress> progress, int plannedSteps) {
        if (progress.isEmpty()) {
            return new LossCurve("", 0, Double.NaN, plannedSteps);
        }
        int steps = Math.max(plannedSteps, progress.getLast().step());
        double max = progress.stream().mapToDouble(RunProgress::loss).filter(Double::isFinite).max().orElse(1);
        max = max <= 0 ? 1 : max;
        StringBuilder s = new StringBuilder();
        for (RunProgress p : progress) {
            if (!Double.isFinite(p.loss())) {
                continue;
            }
            double x = steps <= 1 ? 0 : (double) (p.step() - 1) / (steps - 1) * WIDTH;
            double y = HEIGHT - p.loss() / max * (HEIGHT - 4);
            s.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return new LossCurve(s.toString().strip(), max, progress.getLast().loss(), steps);
    }

    /** The top loss, for the axis label. */
    public String maxLabel() {
        return String.format(Locale.ROOT, "%.3f", maxLoss);
    }

    /** The latest loss, for the legend. */
    public String lastLabel() {
        return Double.isNaN(lastLoss) ? "–" : String.format(Locale.ROOT, "%.4f", lastLoss);
    }
}
