package io.mailtune.core.adapter;

import io.mailtune.core.id.Hashing;

/**
 * Where an adapter's files lie and what they hash to. A version names one set of weights forever: a retrained
 * adapter always gets a new version, never a reused one, so no cache can serve stale weights under an old name.
 *
 * @param version   unique adapter version, e.g. {@code 2026-11-25T1530Z-7f3a}
 * @param baseModel the base checkpoint it was trained on, as in PEFT's {@code base_model_name_or_path}
 * @param location  a URI of the PEFT adapter directory
 * @param sha256    hash of {@code adapter_model.safetensors}, checked before the adapter is loaded
 */
public record AdapterRef(String version, String baseModel, String location, String sha256) {

    /** Validates every part. */
    public AdapterRef {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("version must not be blank");
        }
        if (baseModel == null || baseModel.isBlank()) {
            throw new IllegalArgumentException("baseModel must not be blank");
        }
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("location must not be blank");
        }
        if (!Hashing.isSha256Hex(sha256)) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex characters, was '" + sha256 + "'");
        }
    }
}
