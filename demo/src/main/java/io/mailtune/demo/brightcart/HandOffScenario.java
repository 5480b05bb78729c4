package io.mailtune.demo.brightcart;

import java.util.List;

/**
 * A request the knowledge base cannot answer, which a reply must hand to a human colleague.
 *
 * @param topic    noun phrase for the request, used in the hand-off reply
 * @param subjects subject lines a customer might write
 * @param asks     customer wordings, possibly with {@link Slots} placeholders
 */
public record HandOffScenario(String topic, List<String> subjects, List<String> asks) {

    /** Validates that there is something to say and to ask. */
    public HandOffScenario {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("hand-off topic must not be blank");
        }
        subjects = List.copyOf(subjects);
        asks = List.copyOf(asks);
        if (subjects.isEmpty() || asks.isEmpty()) {
            throw new IllegalArgumentException("hand-off '" + topic + "' needs at least one subject and one ask");
        }
    }
}
