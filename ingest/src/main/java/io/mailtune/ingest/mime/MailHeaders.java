package io.mailtune.ingest.mime;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decoded header values by lower-case name, in the order they appear.
 *
 * @param values header values by lower-case field name
 */
public record MailHeaders(Map<String, List<String>> values) {

    /** Copies the map. */
    public MailHeaders {
        values = Map.copyOf(values);
    }

    /** The first value of a header, or null. */
    public String first(String name) {
        List<String> all = values.get(name.toLowerCase(Locale.ROOT));
        return all == null || all.isEmpty() ? null : all.get(0);
    }

    /** Every value of a header, possibly none. */
    public List<String> all(String name) {
        return values.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** True when the header is present. */
    public boolean has(String name) {
        return values.containsKey(name.toLowerCase(Locale.ROOT));
    }
}
