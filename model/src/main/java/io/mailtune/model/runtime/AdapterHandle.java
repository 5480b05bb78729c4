package io.mailtune.model.runtime;

import io.mailtune.model.lora.LoraAdapter;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The adapter new requests use, swapped atomically while requests are in flight. A request takes a
 * {@link Lease} when it starts and keeps that adapter until it ends; the replaced adapter's device memory is
 * freed when its last lease closes. A version names one set of weights forever: installing under a version
 * seen before is rejected, so no request can get stale weights under a reused name.
 */
public final class AdapterHandle {

    /** One request's hold on the adapter it started with; close it when the request ends. */
    public static final class Lease implements AutoCloseable {
        private final Installed installed;
        private boolean closed;

        private Lease(Installed installed) {
            this.installed = installed;
        }

        /** The adapter version, or empty for the base model. */
        public Optional<String> version() {
            return installed == null ? Optional.empty() : Optional.of(installed.version);
        }

        /** The device weights, or null for the base model. */
        public AdapterWeights weights() {
            return installed == null ? null : installed.weights;
        }

        /** Releases the hold; the last release of a replaced adapter frees it. */
        @Override
        public synchronized void close() {
            if (!closed && installed != null) {
                installed.release();
            }
            closed = true;
        }
    }

    private static final class Installed {
        final String version;
        final AdapterWeights weights;
        final AtomicInteger holds = new AtomicInteger(1); // the handle itself holds one while current

        Installed(String version, AdapterWeights weights) {
            this.version = version;
            this.weights = weights;
        }

        boolean tryHold() {
            for (int n = holds.get(); n > 0; n = holds.get()) {
                if (holds.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
            return false;
        }

        void release() {
            if (holds.decrementAndGet() == 0) {
                weights.close();
            }
        }
    }

    private final Transformer transformer;
    private final AtomicReference<Installed> current = new AtomicReference<>();
    private final Set<String> versionsSeen = ConcurrentHashMap.newKeySet();

    /** A handle for a model, starting with no adapter (the base model). */
    public AdapterHandle(LanguageModel model) {
        this.transformer = model.transformer();
    }

    /**
     * Places the adapter on the device and makes it the one new requests get. Rejects a blank or already used
     * version, and an adapter that does not fit the model, leaving the current adapter in place.
     */
    public void install(String version, LoraAdapter adapter) {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("adapter version must not be blank");
        }
        if (!versionsSeen.add(version)) {
            throw new IllegalArgumentException("adapter version '" + version
                    + "' was installed before; a retrained adapter needs a new version");
        }
        AdapterWeights weights;
        try {
            weights = transformer.prepare(adapter);
        } catch (RuntimeException e) {
            versionsSeen.remove(version);
            throw e;
        }
        retire(current.getAndSet(new Installed(version, weights)));
    }

    /**
     * Makes a version installed before current again (a rollback to it). Only that version's own weights may be given:
     * the caller checks them (the agent compares their SHA-256 with the promotion's). Rejects a version never installed.
     */
    public void reinstate(String version, LoraAdapter adapter) {
        if (version == null || !versionsSeen.contains(version)) {
            throw new IllegalArgumentException("adapter version '" + version + "' was never installed; install it instead");
        }
        retire(current.getAndSet(new Installed(version, transformer.prepare(adapter))));
    }

    /** Goes back to the base model for new requests. */
    public void clear() {
        retire(current.getAndSet(null));
    }

    /** The version new requests get, or empty for the base model. */
    public Optional<String> version() {
        Installed i = current.get();
        return i == null ? Optional.empty() : Optional.of(i.version);
    }

    /** Takes a hold on the current adapter for one request. */
    public Lease acquire() {
        while (true) {
            Installed i = current.get();
            if (i == null) {
                return new Lease(null);
            }
            if (i.tryHold()) {
                return new Lease(i);
            }
        }
    }

    private static void retire(Installed replaced) {
        if (replaced != null) {
            replaced.release();
        }
    }
}
