package io.mailtune.model.checkpoint;

import io.mailtune.model.config.UnsupportedModelException;

/** A checkpoint file that is missing, malformed, or holds a tensor of the wrong name, type or shape. */
public class CheckpointException extends UnsupportedModelException {

    /** Creates the exception; the message names the file or tensor. */
    public CheckpointException(String message) {
        super(message);
    }

    /** Creates the exception with its cause. */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
