package io.mailtune.core.contract;

import java.util.function.Function;

/**
 * A Kafka topic with the record type it carries and how its key is derived. Producers take the key from here,
 * so every producer of a topic keys alike and per-key ordering holds.
 *
 * @param name           the topic name
 * @param type           the record type of values
 * @param key            derives the key from a value
 * @param keyDescription what the key is, for documentation and errors
 * @param <T>            the value type
 */
public record TopicContract<T>(String name, Class<T> type, Function<T, String> key, String keyDescription) {

    /** Validates the name against Kafka's rules. */
    public TopicContract {
        if (name == null || !name.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw new IllegalArgumentException("topic name '" + name + "' is not a legal Kafka topic name");
        }
        Schema.require(type, "type");
        Schema.require(key, "key");
    }

    /** The key of a value. */
    public String keyOf(T value) {
        return key.apply(value);
    }
}
