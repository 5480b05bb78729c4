package io.mailtune.core.contract;

/** Checks shared by every versioned event record. */
public final class Schema {

    private Schema() {
    }

    /** Rejects a missing or non-positive schema version: every record ever written carries one. */
    public static int requireVersion(int schemaVersion, String record) {
        if (schemaVersion < 1) {
            throw new IllegalArgumentException(record + ".schemaVersion must be 1 or more, was " + schemaVersion);
        }
        return schemaVersion;
    }

    /** Null when absent in an older record becomes an empty, immutable list. */
    public static <T> java.util.List<T> listOrEmpty(java.util.List<T> values) {
        return values == null ? java.util.List.of() : java.util.List.copyOf(values);
    }

    /** Null when absent becomes an empty, immutable map. */
    public static <K, V> java.util.Map<K, V> mapOrEmpty(java.util.Map<K, V> values) {
        return values == null ? java.util.Map.of() : java.util.Map.copyOf(values);
    }

    /** Requires a non-null value, naming the field. */
    public static <T> T require(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }
}
