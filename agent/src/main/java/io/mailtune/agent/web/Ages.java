package io.mailtune.agent.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as people read them at a glance: "4 min", "3 h 20 min", "2 d 4 h"; and absolute times for tooltips. */
public final class Ages {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);

    private Ages() {
    }

    /** How long ago, shortly. */
    public static String since(Instant then, Instant now) {
        return then == null ? "" : of(Duration.between(then, now));
    }

    /** How long ago, as a phrase: "just now", "4 min ago". */
    public static String ago(Instant then, Instant now) {
        String since = since(then, now);
        return since.isEmpty() || since.equals("just now") ? since : since + " ago";
    }

    /** A duration, shortly. */
    public static String of(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return "just now";
        }
        long m = s / 60;
        if (m < 60) {
            return m + " min";
        }
        long h = m / 60;
        if (h < 24) {
            return m % 60 == 0 ? h + " h" : h + " h " + (m % 60) + " min";
        }
        long days = h / 24;
        return h % 24 == 0 ? days + " d" : days + " d " + (h % 24) + " h";
    }

    /** A time in the server's zone, for a tooltip. */
    public static String when(Instant t) {
        return t == null ? "" : WHEN.format(t.atZone(ZoneId.systemDefault()));
    }
}
