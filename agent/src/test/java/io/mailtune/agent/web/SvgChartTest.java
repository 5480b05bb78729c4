package io.mailtune.agent.web;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SvgChartTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private static List<SvgChart.Point> points(Double... values) {
        List<SvgChart.Point> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.add(new SvgChart.Point(T0.plusSeconds(3600L * i), values[i]));
        }
        return out;
    }

    @Test
    void theScaleEndsOnARoundNumber() {
        assertEquals(1, SvgChart.niceCeiling(0));
        assertEquals(5, SvgChart.niceCeiling(4.2));
        assertEquals(25, SvgChart.niceCeiling(21));
        assertEquals(100, SvgChart.niceCeiling(100));
        assertEquals(200, SvgChart.niceCeiling(130));
    }

    @Test
    void aMissingValueBreaksTheLineAndEveryValueHasATooltip() {
        String svg = SvgChart.render("Rejected", List.of(new SvgChart.Series("v7", points(10.0, 20.0, null, 30.0, 40.0))),
                T0, T0.plusSeconds(4 * 3600), 100.0, v -> Math.round(v) + "%", t -> "h");
        assertEquals(2, svg.split("<polyline", -1).length - 1, svg);
        assertEquals(4, svg.split("<circle", -1).length - 1, svg);
        assertTrue(svg.contains("<title>v7: 40% at h</title>"), svg);
        assertTrue(svg.contains("aria-label=\"Rejected\""));
        assertFalse(svg.contains("style="), "colours come from the style sheet: " + svg);
    }

    @Test
    void labelsAreEscaped() {
        String svg = SvgChart.render("<b>", List.of(new SvgChart.Series("<script>", points(1.0, 2.0))), T0, T0.plusSeconds(3600),
                null, String::valueOf, t -> "&");
        assertFalse(svg.contains("<script>") || svg.contains("<b>"), svg);
        assertTrue(svg.contains("&lt;script&gt;") && svg.contains("&amp;"), svg);
    }
}
