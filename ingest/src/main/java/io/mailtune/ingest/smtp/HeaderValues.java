package io.mailtune.ingest.smtp;

/** Guards for values that end up in mail headers: a CR or LF would let a value add headers of its own. */
final class HeaderValues {

    private HeaderValues() {
    }

    /** Returns the value, refusing CR, LF and NUL. Null passes. */
    static String check(String value, String field) {
        if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0)) {
            throw new IllegalArgumentException(field + " contains a line break (CR/LF) or NUL; refused to prevent header injection");
        }
        return value;
    }

    /** Like {@link #check} but also refuses null and blank. */
    static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return check(value, field);
    }
}
