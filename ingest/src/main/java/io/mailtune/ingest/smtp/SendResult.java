package io.mailtune.ingest.smtp;

/** What sending a reply did. */
public sealed interface SendResult {

    /** The Message-ID the reply carries. */
    String messageId();

    /**
     * Sent now.
     *
     * @param messageId the generated Message-ID
     */
    record Sent(String messageId) implements SendResult {
    }

    /**
     * Not sent, because this reply id was sent before or is being sent right now.
     *
     * @param messageId the Message-ID recorded for it
     * @param status    SENT, or SENDING when another call holds it (or a crash left it in doubt)
     */
    record AlreadyHandled(String messageId, String status) implements SendResult {
    }
}
