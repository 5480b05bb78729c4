package io.mailtune.ingest.mime;

import io.mailtune.core.mail.AttachmentInfo;
import io.mailtune.core.mail.ForwardedMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Limits that protect normalisation from hostile input; what it reads of bodies, attachments and forwards. */
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

    @Test
    void anXmlDeclarationLeakedIntoAPlainTextPartIsRemoved() throws Exception {
        NormalisedMessage m = normaliser.normalise(("From: a@b.example\r\nMessage-ID: <x1@b.example>\r\nContent-Type: text/plain\r\n\r\n"
                + "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\nPlease send a new label.\r\n").getBytes(StandardCharsets.US_ASCII));
        assertEquals("Please send a new label.", m.normalisedText());
    }

    @Test
    void anAttachmentInTheAlternativeNotReadForTextIsRecordedOnceEvenWhenBothCarryIt() throws Exception {
        String png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgAAACAAFUok9dAAAAAElFTkSuQmCC";
        String image = "Content-Type: image/png; name=\"map.png\"\r\nContent-Disposition: inline; filename=\"map.png\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + png + "\r\n";
        String mail = "From: a@b.example\r\nMessage-ID: <x2@b.example>\r\nContent-Type: multipart/alternative; boundary=\"a\"\r\n\r\n"
                + "--a\r\nContent-Type: multipart/mixed; boundary=\"m\"\r\n\r\n--m\r\nContent-Type: text/plain\r\n\r\nSee the map.\r\n--m\r\n"
                + image + "--m--\r\n"
                + "--a\r\nContent-Type: multipart/related; boundary=\"r\"\r\n\r\n--r\r\nContent-Type: text/html\r\n\r\n<p>See the map.</p>\r\n--r\r\n"
                + image + "--r\r\nContent-Type: application/pdf; name=\"route.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--r--\r\n--a--\r\n";
        NormalisedMessage m = normaliser.normalise(mail.getBytes(StandardCharsets.US_ASCII));
        assertEquals("See the map.", m.normalisedText());
        assertEquals(List.of("map.png", "route.pdf"), m.attachments().stream().map(AttachmentInfo::fileName).toList());
    }

    @Test
    void aMessageAttachedInsideAnAttachedMessageIsForwardedToo() throws Exception {
        String inner = "From: Shop <shop@example.com>\r\nSubject: Order 5\r\nDate: Tue, 24 Nov 2026 10:00:00 +0000\r\n\r\nOrder 5 shipped.\r\n";
        String middle = "From: Ann <ann@example.com>\r\nSubject: Fwd: Order 5\r\nContent-Type: multipart/mixed; boundary=\"i\"\r\n\r\n"
                + "--i\r\nContent-Type: text/plain\r\n\r\nLook at this.\r\n--i\r\nContent-Type: message/rfc822\r\n\r\n" + inner + "--i--\r\n";
        String mail = "From: Bob <bob@example.com>\r\nMessage-ID: <x3@example.com>\r\nSubject: Fwd: Fwd: Order 5\r\n"
                + "Content-Type: multipart/mixed; boundary=\"o\"\r\n\r\n--o\r\nContent-Type: text/plain\r\n\r\nWhere is it?\r\n"
                + "--o\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment\r\n\r\n" + middle + "--o--\r\n";
        NormalisedMessage m = normaliser.normalise(mail.getBytes(StandardCharsets.US_ASCII));
        assertEquals("Where is it?", m.normalisedText());
        assertEquals(List.of("Fwd: Order 5", "Order 5"), m.forwarded().stream().map(ForwardedMessage::subject).toList());
        assertEquals(Instant.parse("2026-11-24T10:00:00Z"), m.forwarded().get(1).sentAt());
        assertEquals("Order 5 shipped.", m.forwarded().get(1).text());
    }
}
