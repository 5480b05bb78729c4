package io.mailtune.ingest.history;

/**
 * What a history import did.
 *
 * @param accepted   messages published
 * @param duplicates messages already published before (re-imports are harmless)
 * @param rejected   messages recorded as rejections
 */
public record ImportReport(int accepted, int duplicates, int rejected) {

    /** Sum of two reports. */
    public ImportReport plus(ImportReport other) {
        return new ImportReport(accepted + other.accepted, duplicates + other.duplicates, rejected + other.rejected);
    }
}
