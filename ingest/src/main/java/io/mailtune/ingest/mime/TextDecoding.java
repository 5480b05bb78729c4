package io.mailtune.ingest.mime;

import jakarta.mail.internet.MimeUtility;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the bytes of a text part into a string: the declared charset when the bytes are valid in it, otherwise the
 * charset the bytes actually are in. Mislabelled mail is common: UTF-8 declared as ISO-8859-1 (zammad #6221) and
 * windows-1252 declared as UTF-8.
 */
public final class TextDecoding {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    /** Single-byte charsets where any byte sequence decodes, so a strict decode proves nothing. */
    private static final Set<String> LATIN = Set.of("ISO-8859-1", "US-ASCII", "windows-1252", "ISO-8859-15");
    private static final Pattern META_CHARSET = Pattern.compile("<meta[^>]+charset=[\"']?([A-Za-z0-9_.:-]+)", Pattern.CASE_INSENSITIVE);

    private TextDecoding() {
    }

    /** Decodes text bytes; the declared charset may be null, unknown to the JVM or wrong. */
    public static String decode(byte[] bytes, String declaredCharset) {
        Charset declared = lookup(declaredCharset);
        boolean ascii = isAscii(bytes);
        if (declared != null && LATIN.contains(declared.name())) {
            if (ascii) {
                return new String(bytes, StandardCharsets.US_ASCII);
            }
            String utf8 = strict(bytes, StandardCharsets.UTF_8);
            if (utf8 != null) {
                return utf8;
            }
            return new String(bytes, declared.name().equals("ISO-8859-1") || declared.name().equals("US-ASCII") ? WINDOWS_1252 : declared);
        }
        if (declared != null) {
            String text = strict(bytes, declared);
            if (text != null) {
                return text;
            }
        }
        if (ascii) {
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        String utf8 = strict(bytes, StandardCharsets.UTF_8);
        return utf8 != null ? utf8 : new String(bytes, WINDOWS_1252);
    }

    /** Decodes an HTML part, reading a {@code <meta charset>} when the MIME header declared none. */
    public static String decodeHtml(byte[] bytes, String declaredCharset) {
        if (lookup(declaredCharset) == null) {
            String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1);
            Matcher meta = META_CHARSET.matcher(head);
            if (meta.find()) {
                return decode(bytes, meta.group(1));
            }
        }
        return decode(bytes, declaredCharset);
    }

    /** The JVM charset for a MIME charset name, or null when the JVM does not know it. */
    static Charset lookup(String mimeCharset) {
        if (mimeCharset == null || mimeCharset.isBlank()) {
            return null;
        }
        String name = mimeCharset.strip().replace("\"", "").toLowerCase(Locale.ROOT);
        if (name.equals("utf8") || name.equals("unicode-1-1-utf-8") || name.equals("utf8mb4")) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(MimeUtility.javaCharset(name));
        } catch (RuntimeException unknown) {
            return null;
        }
    }

    private static String strict(byte[] bytes, Charset charset) {
        try {
            CharBuffer chars = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
