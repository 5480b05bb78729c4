package io.mailtune.trainer.registry;

import io.mailtune.core.adapter.AdapterRef;

import java.time.Instant;
import java.util.Map;

/**
 * One immutable version of the registry.
 *
 * @param version     the name, derived from the weights' hash and never reused
 * @param sha256      SHA-256 of {@code adapter_model.safetensors}
 * @param baseModel   the base checkpoint it was trained on
 * @param runId       the run that trained it
 * @param datasetHash the hash of the run's dataset snapshot
 * @param examples    training examples it was trained on
 * @param metrics     the gate's candidate figures
 * @param createdAt   when it was registered
 * @param location    where its files were published ({@code kafka:…}), or null before publishing
 * @param publishedAt when its files were published, or null
 */
public record AdapterRecord(String version, String sha256, String baseModel, String runId, String datasetHash, int examples,
                            Map<String, Double> metrics, Instant createdAt, String location, Instant publishedAt) {

    /** Copies the metrics. */
    public AdapterRecord {
        metrics = Map.copyOf(metrics);
    }

    /** The version named by a weights hash: {@code mt-} and its first 16 hex digits. */
    public static String versionFor(String sha256) {
        return "mt-" + sha256.substring(0, 16);
    }

    /** The reference agents fetch it by; only for a published adapter. */
    public AdapterRef ref() {
        if (location == null) {
            throw new IllegalStateException("adapter " + version + " has not been published");
        }
        return new AdapterRef(version, baseModel, location, sha256);
    }
}
