package io.mailtune.ingest.thread;

import java.util.Locale;
import java.util.regex.Pattern;

/** Subjects compared for threading: reply and forward prefixes in many languages removed, case and spacing folded. */
public final class SubjectKey {

    private static final Pattern PREFIXES = Pattern.compile(
            "^\\s*(((re|fw|fwd|aw|wg|sv|vs|antw|rif|tr|r|ynt|odp|res|enc)(\\[\\d+]|\\(\\d+\\))?|回复|答复|转发)\\s*[:：]\\s*)+",
            Pattern.CASE_INSENSITIVE);

    private SubjectKey() {
    }

    /** The comparison key of a subject. */
    public static String of(String subject) {
        String key = strip(subject == null ? "" : subject).replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
        return key.length() > 1000 ? key.substring(0, 1000) : key;
    }

    /** The subject without reply and forward prefixes, case kept. */
    public static String strip(String subject) {
        return PREFIXES.matcher(subject).replaceFirst("");
    }

    /** True when the subject carries a reply or forward prefix. */
    public static boolean looksLikeReply(String subject) {
        return subject != null && PREFIXES.matcher(subject).lookingAt();
    }
}
