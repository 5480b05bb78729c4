package io.mailtune.core.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;

/**
 * The JSON wire form of every event. Readers ignore fields they do not know and read unknown enum values as
 * {@code UNKNOWN}, so an older reader still reads what a newer writer wrote; fields absent in older records take
 * the defaults their record's constructor gives.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private EventCodec() {
    }

    /** Writes an event as UTF-8 JSON. */
    public static byte[] encode(Object event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + event.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Reads an event of the given type; throws {@link MalformedEventException} naming the type and the problem. */
    public static <T> T decode(byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw new MalformedEventException("empty record where a " + type.getSimpleName() + " was expected", null);
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedEventException("not a valid " + type.getSimpleName() + ": " + rootMessage(e), e);
        }
    }

    /** The shared mapper, for modules that write the same JSON elsewhere (REST APIs, stores). */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
