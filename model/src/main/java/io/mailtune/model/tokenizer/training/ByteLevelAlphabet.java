package io.mailtune.model.tokenizer.training;

/**
 * GPT-2's byte-to-character table, which HuggingFace's ByteLevel pre-tokenizer and decoder use: every byte maps to a
 * printable character, so any UTF-8 text is a string over 256 symbols and nothing is ever unknown.
 */
final class ByteLevelAlphabet {

    private static final char[] BYTE_TO_CHAR = new char[256];

    static {
        int next = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            BYTE_TO_CHAR[b] = printable ? (char) b : (char) (256 + next++);
        }
    }

    private ByteLevelAlphabet() {
    }

    /** The character standing for one byte. */
    static char charOf(int unsignedByte) {
        return BYTE_TO_CHAR[unsignedByte];
    }

    /** A UTF-8 string's bytes as byte-level characters. */
    static String encode(String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        char[] chars = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            chars[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        }
        return new String(chars);
    }
}
