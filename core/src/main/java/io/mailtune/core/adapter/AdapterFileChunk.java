package io.mailtune.core.adapter;

import io.mailtune.core.contract.Schema;
import io.mailtune.core.id.Hashing;

import java.util.Arrays;
import java.util.Objects;

/**
 * One piece of one file of a PEFT adapter, as published on {@link io.mailtune.core.contract.Topics#ADAPTER_FILES}, so
 * that agents on machines that share no disk receive the adapter's bytes through Kafka. The chunks of a file are
 * written in order, keyed by the adapter version.
 *
 * @param schemaVersion version of this contract that wrote the record ({@link #SCHEMA_VERSION} today)
 * @param version       the adapter version the file belongs to
 * @param file          the file name inside the adapter directory, e.g. {@code adapter_model.safetensors}
 * @param index         this chunk's position, from 0
 * @param count         how many chunks the file has
 * @param fileSha256    the SHA-256 of the whole file, checked after reassembly
 * @param data          this chunk's bytes (base64 in JSON)
 */
public record AdapterFileChunk(int schemaVersion, String version, String file, int index, int count, String fileSha256,
                               byte[] data) {

    /** The version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    /** Validates every part. */
    public AdapterFileChunk {
        Schema.requireVersion(schemaVersion, "AdapterFileChunk");
        AdapterFiles.requireSafeVersion(version);
        if (!AdapterFiles.FILES.contains(file)) {
            throw new IllegalArgumentException("file must be one of " + AdapterFiles.FILES + ", was '" + file + "'");
        }
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("chunk " + index + " of " + count + " is out of range");
        }
        if (!Hashing.isSha256Hex(fileSha256)) {
            throw new IllegalArgumentException("fileSha256 must be 64 lowercase hex characters, was '" + fileSha256 + "'");
        }
        Schema.require(data, "data");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AdapterFileChunk c && schemaVersion == c.schemaVersion && index == c.index && count == c.count
                && version.equals(c.version) && file.equals(c.file) && fileSha256.equals(c.fileSha256)
                && Arrays.equals(data, c.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, file, index, count, fileSha256) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "AdapterFileChunk[" + version + "/" + file + " " + (index + 1) + "/" + count + ", " + data.length + " bytes]";
    }
}
