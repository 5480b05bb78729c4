package io.mailtune.ingest.history;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Splits an mbox file into messages without holding the file in memory: a message starts at a "From " line at the
 * start of the file or after a blank line; "&gt;From " lines are unescaped (mboxrd and mboxo). A message larger than
 * the cap is reported with its size only.
 */
public final class MboxReader {

    /**
     * One message of the file.
     *
     * @param index position in the file, from 1
     * @param raw   the bytes, or null when the message exceeded the cap
     * @param size  the message's size in bytes
     */
    public record Entry(int index, byte[] raw, long size) {
    }

    private final long maxMessageBytes;

    /** A reader keeping messages up to {@code maxMessageBytes}. */
    public MboxReader(long maxMessageBytes) {
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be positive, was " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Reads every message and hands it to the consumer, in file order. */
    public void read(InputStream in, Consumer<Entry> consumer) throws IOException {
        BufferedInputStream input = new BufferedInputStream(in, 1 << 16);
        ByteArrayOutputStream current = null;
        long size = 0;
        boolean tooLarge = false;
        boolean previousBlank = true;
        int index = 0;
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        while (readLine(input, line)) {
            byte[] bytes = line.toByteArray();
            boolean separator = previousBlank && startsWith(bytes, 0, "From ");
            if (separator) {
                if (current != null || tooLarge) {
                    consumer.accept(new Entry(index, tooLarge ? null : trimTrailingBlankLine(current.toByteArray()), size));
                }
                index++;
                current = new ByteArrayOutputStream(8192);
                size = 0;
                tooLarge = false;
            } else if (current != null || tooLarge) {
                int from = unescapeOffset(bytes);
                size += bytes.length - from;
                if (!tooLarge && size > maxMessageBytes) {
                    tooLarge = true;
                    current = null;
                }
                if (!tooLarge) {
                    current.write(bytes, from, bytes.length - from);
                }
            }
            previousBlank = isBlank(bytes);
        }
        if (current != null || tooLarge) {
            consumer.accept(new Entry(index, tooLarge ? null : trimTrailingBlankLine(current.toByteArray()), size));
        }
    }

    /** Reads one line including its terminator; false at the end of input. */
    private static boolean readLine(InputStream in, ByteArrayOutputStream line) throws IOException {
        line.reset();
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                return true;
            }
        }
        return line.size() > 0;
    }

    /** "&gt;From ", "&gt;&gt;From " … lose one '&gt;'. */
    private static int unescapeOffset(byte[] line) {
        int i = 0;
        while (i < line.length && line[i] == '>') {
            i++;
        }
        return i > 0 && startsWith(line, i, "From ") ? 1 : 0;
    }

    private static boolean startsWith(byte[] bytes, int offset, String prefix) {
        if (bytes.length - offset < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[offset + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(byte[] line) {
        return line.length == 0 || (line.length == 1 && line[0] == '\n') || (line.length == 2 && line[0] == '\r' && line[1] == '\n');
    }

    /** The blank line before the next "From " belongs to the separator, not the message. */
    private static byte[] trimTrailingBlankLine(byte[] raw) {
        int end = raw.length;
        if (end >= 2 && raw[end - 1] == '\n' && raw[end - 2] == '\n') {
            end--;
        } else if (end >= 4 && raw[end - 1] == '\n' && raw[end - 2] == '\r' && raw[end - 3] == '\n' && raw[end - 4] == '\r') {
            end -= 2;
        }
        return end == raw.length ? raw : java.util.Arrays.copyOf(raw, end);
    }
}
