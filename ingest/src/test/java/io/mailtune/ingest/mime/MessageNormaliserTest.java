package io.mailtune.ingest.mime;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Limits that protect normalisation from hostile input. */
class MessageNormaliserTest {

    private final MessageNormaliser normaliser = new MessageNormaliser(MessageLimits.DEFAULT);

    @Test
    void aFiftyMegabyteMessageIsRejectedWithoutParsing() {
        byte[] huge = new byte[50 << 20];
        Arrays.fill(huge, (byte) 'a');
        RejectedMessageException e = assertThrows(RejectedMessageException.class, () -> normaliser.normalise(huge));
        assertEquals(RejectionReason.TOO_LARGE, e.reason());
        assertTrue(e.detail().contains(String.valueOf(50 << 20)), e.detail());
    }

    @Test
    void partsNestedDeeperThanTheLimitAreRejected() {
        StringBuilder mail = new StringBuilder("From: a@b.example\r\nMessage-ID: <deep@b.example>\r\nContent-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n");
        for (int i = 0; i < 30; i++) {
            mail.append("--b").append(i).append("\r\nContent-Type: multipart/mixed; boundary=\"b").append(i + 1).append("\"\r\n\r\n");
        }
        mail.append("--b30\r\nContent-Type: text/plain\r\n\r\ndeep\r\n");
        RejectedMessageException e = assertThrows(RejectedMessageException.class,
                () -> normaliser.normalise(mail.toString().getBytes(StandardCharsets.US_ASCII)));
        assertEquals(RejectionReason.MALFORMED, e.reason());
        assertTrue(e.detail().contains("nest"), e.detail());
    }

    @Test
    void aMessageWithoutMessageIdGetsOneFromItsContentHash() throws Exception {
        byte[] raw = "From: a@b.example\r\nSubject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);
        NormalisedMessage first = normaliser.normalise(raw);
        assertTrue(first.messageIdSynthesised());
        assertEquals(first.messageId(), normaliser.normalise(raw).messageId(), "the same bytes get the same id");
    }
}
