package io.mailtune.core.id;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 content hashes, written as lowercase hex: the identity of raw messages, adapters and articles. */
public final class Hashing {

    private Hashing() {
    }

    /** Hashes bytes. */
    public static String sha256Hex(byte[] content) {
        return HexFormat.of().formatHex(newDigest().digest(content));
    }

    /** Hashes the UTF-8 encoding of a string. */
    public static String sha256Hex(String content) {
        return sha256Hex(content.getBytes(StandardCharsets.UTF_8));
    }

    /** A fresh SHA-256 digest, for hashing streams without holding them in memory. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }

    /** True when the value looks like a SHA-256 hex digest. */
    public static boolean isSha256Hex(String value) {
        return value != null && value.length() == 64 && value.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
