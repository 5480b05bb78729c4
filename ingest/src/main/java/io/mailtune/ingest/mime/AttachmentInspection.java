package io.mailtune.ingest.mime;

import io.mailtune.core.id.Hashing;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Reads an attachment's decoded bytes up to a cap for its hash and size, and inspects attached zips for bombs. */
final class AttachmentInspection {

    /** What was learnt: size read (or the cap), hash (null when decoding failed) and the bytes when a zip must be checked. */
    record Result(long size, String sha256, byte[] zipBytes) {
    }

    private AttachmentInspection() {
    }

    static Result read(InputStream decoded, long cap, boolean mayBeZip) {
        MessageDigest digest = Hashing.newDigest();
        byte[] buffer = new byte[16 * 1024];
        java.io.ByteArrayOutputStream zip = mayBeZip ? new java.io.ByteArrayOutputStream() : null;
        long total = 0;
        try (decoded) {
            int n;
            while (total < cap && (n = decoded.read(buffer, 0, (int) Math.min(buffer.length, cap - total))) > 0) {
                digest.update(buffer, 0, n);
                if (zip != null) {
                    zip.write(buffer, 0, n);
                }
                total += n;
            }
        } catch (IOException e) {
            return new Result(total, null, null);
        }
        byte[] zipBytes = zip == null ? null : zip.toByteArray();
        boolean isZip = zipBytes != null && zipBytes.length > 4 && zipBytes[0] == 'P' && zipBytes[1] == 'K' && zipBytes[2] == 3 && zipBytes[3] == 4;
        return new Result(total, HexFormat.of().formatHex(digest.digest()), isZip ? zipBytes : null);
    }

    /**
     * Inflates a zip entry by entry without keeping the output and rejects it once the inflated total exceeds the
     * allowed expansion of its compressed size (plus 10 MB of slack), or it holds too many entries.
     */
    static void checkZip(byte[] zipBytes, String fileName, MessageLimits limits) throws RejectedMessageException {
        long allowed = (long) zipBytes.length * limits.maxZipExpansion() + (10L << 20);
        long inflated = 0;
        int entries = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(zipBytes))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (++entries > limits.maxZipEntries()) {
                    throw new RejectedMessageException(RejectionReason.ZIP_BOMB, "attachment '" + fileName + "' holds more than "
                            + limits.maxZipEntries() + " entries");
                }
                int n;
                while ((n = zip.read(buffer)) > 0) {
                    inflated += n;
                    if (inflated > allowed) {
                        throw new RejectedMessageException(RejectionReason.ZIP_BOMB, "attachment '" + fileName + "' ("
                                + zipBytes.length + " bytes) inflates beyond " + allowed + " bytes (entry '" + entry.getName() + "')");
                    }
                }
            }
        } catch (IOException unreadable) {
            // A damaged archive is kept as an opaque attachment: its metadata is still recorded.
        }
    }
}
