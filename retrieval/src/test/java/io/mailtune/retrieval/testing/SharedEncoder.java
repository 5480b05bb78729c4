package io.mailtune.retrieval.testing;

import io.mailtune.retrieval.encode.minilm.MiniLmEncoder;

/** One MiniLM encoder per test JVM: loading it costs about a second and ~470 MB, so test classes share it. */
public final class SharedEncoder {

    private static MiniLmEncoder instance;

    private SharedEncoder() {
    }

    /** The shared encoder, loaded on first use. */
    public static synchronized MiniLmEncoder get() {
        if (instance == null) {
            instance = new MiniLmEncoder();
        }
        return instance;
    }
}
