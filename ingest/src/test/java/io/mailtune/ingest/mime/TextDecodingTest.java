package io.mailtune.ingest.mime;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Charset handling: every charset the JVM can encode, and mislabelled text. */
class TextDecodingTest {

    private static final String SAMPLE = "Hello Grüße café naïve – €5 Ωμέγα Привет Xin chào 注文番号 返品 안녕하세요 שלום مرحبا สวัสดี";

    @Test
    void textInEveryCharsetTheJvmKnowsDecodesWhenLabelledCorrectly() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Charset charset : Charset.availableCharsets().values()) {
            if (!charset.canEncode()) {
                continue;
            }
            CharsetEncoder encoder = charset.newEncoder();
            StringBuilder text = new StringBuilder();
            SAMPLE.codePoints().filter(cp -> encoder.canEncode(Character.toString(cp))).forEach(text::appendCodePoint);
            String expected = text.toString();
            byte[] bytes = expected.getBytes(charset);
            if (!new String(bytes, charset).equals(expected)) {
                continue; // stateful encoders that do not round-trip single characters
            }
            checked++;
            String decoded = TextDecoding.decode(bytes, charset.name());
            if (!decoded.equals(expected)) {
                failures.add(charset.name());
            }
        }
        assertTrue(checked > 100, "only " + checked + " charsets checked");
        assertEquals(List.of(), failures);
    }

    @Test
    void utf8LabelledAsLatin1IsReadAsUtf8() {
        assertEquals("Grüße", TextDecoding.decode("Grüße".getBytes(StandardCharsets.UTF_8), "iso-8859-1"));
    }

    @Test
    void windows1252LabelledAsUtf8IsReadAsWindows1252() {
        assertEquals("café – naïve", TextDecoding.decode("café – naïve".getBytes(Charset.forName("windows-1252")), "utf-8"));
    }

    @Test
    void anUnknownOrMissingLabelFallsBackToWhatTheBytesAre() {
        assertEquals("Grüße", TextDecoding.decode("Grüße".getBytes(StandardCharsets.UTF_8), "x-no-such-charset"));
        assertEquals("Grüße", TextDecoding.decode("Grüße".getBytes(Charset.forName("windows-1252")), null));
    }

    @Test
    void anHtmlMetaCharsetIsReadWhenTheHeaderHasNone() {
        byte[] html = "<html><head><meta charset=\"koi8-r\"></head><body>Привет</body></html>".getBytes(Charset.forName("KOI8-R"));
        assertTrue(TextDecoding.decodeHtml(html, null).contains("Привет"));
    }
}
