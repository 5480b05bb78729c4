package io.mailtune.model.config;

/** A checkpoint, adapter or tokenizer the runtime cannot run; the message names what is wrong. */
public class UnsupportedModelException extends RuntimeException {

    /** Creates the exception with a message that names the offending part. */
    public UnsupportedModelException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the cause. */
    public UnsupportedModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
