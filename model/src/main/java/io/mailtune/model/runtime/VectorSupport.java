package io.mailtune.model.runtime;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the JVM was started with {@code --add-modules jdk.incubator.vector}, which the Vector API decoder needs;
 * without it, loading falls back to DJL for decode and says so once.
 */
final class VectorSupport {

    private static final System.Logger LOG = System.getLogger(VectorSupport.class.getName());
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private VectorSupport() {
    }

    /** True when the incubator module is resolved in the boot layer. */
    static boolean available() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** The format to use for {@code wanted}: itself, or TORCH (logged once) when the module is missing. */
    static DecodeFormat resolve(DecodeFormat wanted) {
        if (wanted == DecodeFormat.TORCH || available()) {
            return wanted;
        }
        if (WARNED.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "decode format " + wanted + " needs the JVM flag --add-modules jdk.incubator.vector"
                    + " (the mailtune launcher sets it); decoding on DJL PyTorch instead, several times slower");
        }
        return DecodeFormat.TORCH;
    }
}
