package io.mailtune.model.runtime;

/** Receives tokens as they are generated; called on the generator's thread, so it must return quickly. */
@FunctionalInterface
public interface TokenListener {

    /** One new token and the text it added (empty when it completes no character yet, or without a tokenizer). */
    void onToken(int token, String textDelta);

    /** A listener that ignores tokens. */
    static TokenListener none() {
        return (token, text) -> { };
    }
}
