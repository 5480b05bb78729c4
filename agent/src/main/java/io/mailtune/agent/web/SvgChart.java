package io.mailtune.agent.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A small line chart drawn on the server as SVG: time along the bottom, one line per series, a few round-number grid
 * lines, a point with a tooltip per value; gaps where a series has no value. Colours come from the desk's style sheet
 * ({@code .series-N}), so the page needs no script and no inline style.
 */
public final class SvgChart {

    /** A series' value at one time; null value for no data. */
    public record Point(Instant at, Double value) {
    }

    /**
     * A line.
     *
     * @param name   its legend label
     * @param points its values, oldest first
     */
    public record Series(String name, List<Point> points) {
    }

    static final int WIDTH = 560;
    static final int HEIGHT = 200;
    private static final int LEFT = 44;
    private static final int RIGHT = 12;
    private static final int TOP = 12;
    private static final int BOTTOM = 26;

    private SvgChart() {
    }

    /**
     * The chart's SVG markup.
     *
     * @param title     what the chart shows (the SVG's accessible name)
     * @param series    the lines
     * @param from      the left edge
     * @param to        the right edge
     * @param fixedMax  the top of the scale, or null to fit the data
     * @param format    formats a value for the axis and tooltips
     * @param timeLabel formats a time for the axis
     */
    public static String render(String title, List<Series> series, Instant from, Instant to, Double fixedMax,
                                Function<Double, String> format, Function<Instant, String> timeLabel) {
        double max = fixedMax != null ? fixedMax : series.stream().flatMap(s -> s.points().stream())
                .filter(p -> p.value() != null).mapToDouble(Point::value).max().orElse(0);
        double top = niceCeiling(max);
        double span = Math.max(1, to.toEpochMilli() - from.toEpochMilli());
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        Function<Instant, Double> x = t -> LEFT + plotW * (t.toEpochMilli() - from.toEpochMilli()) / span;
        Function<Double, Double> y = v -> TOP + plotH * (1 - v / top);

        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(escape(title)).append("\" preserveAspectRatio=\"xMidYMid meet\">");
        for (int i = 0; i <= 4; i++) {
            double v = top * i / 4;
            double gy = y.apply(v);
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                    .append("\" y1=\"").append(fmt(gy)).append("\" y2=\"").append(fmt(gy)).append("\"/>");
            svg.append("<text class=\"axis\" x=\"").append(LEFT - 6).append("\" y=\"").append(fmt(gy + 4))
                    .append("\" text-anchor=\"end\">").append(escape(format.apply(v))).append("</text>");
        }
        for (int i = 0; i <= 4; i++) {
            Instant t = Instant.ofEpochMilli(from.toEpochMilli() + (long) (span * i / 4));
            svg.append("<text class=\"axis\" x=\"").append(fmt(x.apply(t))).append("\" y=\"").append(HEIGHT - 8)
                    .append("\" text-anchor=\"").append(i == 0 ? "start" : i == 4 ? "end" : "middle").append("\">")
                    .append(escape(timeLabel.apply(t))).append("</text>");
        }
        for (int s = 0; s < series.size(); s++) {
            Series line = series.get(s);
            String cls = "series-" + (s % 6);
            List<String> run = new ArrayList<>();
            StringBuilder dots = new StringBuilder();
            for (Point p : line.points()) {
                if (p.value() == null) {
                    path(svg, run, cls);
                    continue;
                }
                String px = fmt(x.apply(p.at()));
                String py = fmt(y.apply(Math.min(p.value(), top)));
                run.add(px + "," + py);
                dots.append("<circle class=\"dot ").append(cls).append("\" cx=\"").append(px).append("\" cy=\"").append(py)
                        .append("\" r=\"2.5\"><title>").append(escape(line.name() + ": " + format.apply(p.value()) + " at "
                                + timeLabel.apply(p.at()))).append("</title></circle>");
            }
            path(svg, run, cls);
            svg.append(dots);
        }
        return svg.append("</svg>").toString();
    }

    private static void path(StringBuilder svg, List<String> run, String cls) {
        if (run.size() > 1) {
            svg.append("<polyline class=\"line ").append(cls).append("\" points=\"").append(String.join(" ", run)).append("\"/>");
        }
        run.clear();
    }

    /** The smallest of 1, 2, 2.5, 5 × 10^n at or above the value (at least 1). */
    static double niceCeiling(double v) {
        if (v <= 1) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[]{1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
