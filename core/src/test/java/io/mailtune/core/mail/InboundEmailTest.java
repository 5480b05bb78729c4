package io.mailtune.core.mail;

import io.mailtune.core.contract.EventCodec;
import io.mailtune.core.id.Hashing;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The primary classification, the builder and the drafting text of {@link InboundEmail}. */
class InboundEmailTest {

    private static final String HASH = Hashing.sha256Hex("raw");

    private static InboundEmail.Builder email() {
        return InboundEmail.builder().emailId("e-1").mailbox("support").messageId("<m@x.test>").threadId("t-1")
                .from(EmailAddress.of("ann@example.com")).receivedAt(Instant.parse("2026-11-20T10:00:00Z"))
                .raw(new RawMessageRef(HASH, 10, "file:///raw/" + HASH + ".eml"));
    }

    @Test
    void aBounceIsClassifiedBounceWhateverTheOrderOfItsFlags() {
        MailFlag auto = new MailFlag(MailFlag.Kind.AUTO_REPLY, "Auto-Submitted: auto-replied");
        MailFlag bounce = new MailFlag(MailFlag.Kind.BOUNCE, "Content-Type: multipart/report");
        assertEquals(MailClassification.BOUNCE, email().flags(List.of(auto, bounce)).build().classification());
        assertEquals(MailClassification.BOUNCE, email().flags(List.of(bounce, auto)).build().classification());
    }

    @Test
    void ourOwnReplyComingBackIsOwnAddressThoughItAsksForNoAutoReply() {
        List<MailFlag> flags = List.of(new MailFlag(MailFlag.Kind.AUTO_REPLY, "X-Auto-Response-Suppress: OOF, AutoReply"),
                new MailFlag(MailFlag.Kind.OWN_ADDRESS, "From: support@acme.test is a support address"));
        assertEquals(MailClassification.OWN_ADDRESS, email().flags(flags).build().classification());
    }

    @Test
    void mailWithoutFlagsIsCustomerMail() {
        InboundEmail email = email().build();
        assertEquals(MailClassification.CUSTOMER, email.classification());
        assertTrue(email.needsDraft());
    }

    @Test
    void aClassificationThatContradictsTheFlagsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> email().flags(List.of(new MailFlag(MailFlag.Kind.BOUNCE, "Return-Path: <>")))
                        .classification(MailClassification.CUSTOMER).build());
        assertTrue(e.getMessage().contains("classification CUSTOMER contradicts flags"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> email().classification(MailClassification.BOUNCE).build());
    }

    @Test
    void aClassificationFromANewerWriterReadsAsUnknown() {
        String json = """
                {"schemaVersion":9,"emailId":"e-9","mailbox":"support","messageId":"<x@y>","threadId":"t-9",
                 "from":{"address":"a@b.test"},"receivedAt":"2026-11-20T10:00:05Z",
                 "raw":{"sha256":"%s","sizeBytes":10,"location":"file:///r"},
                 "flags":[{"kind":"PHISHING","reason":"looks like phishing"}],"classification":"PHISHING"}
                """.formatted(HASH);
        InboundEmail email = EventCodec.decode(json.getBytes(StandardCharsets.UTF_8), InboundEmail.class);
        assertEquals(MailClassification.UNKNOWN, email.classification());
    }

    @Test
    void theBuilderNamesTheMissingField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> email().mailbox(null).build());
        assertTrue(e.getMessage().contains("mailbox"), e.getMessage());
    }

    @Test
    void theVersion1ConstructorStillBuildsARecord() {
        InboundEmail v1 = new InboundEmail(1, "e-1", "support", "<m@x.test>", "t-1", EmailAddress.of("ann@example.com"), List.of(),
                List.of(), "Hi", "Hello", null, Instant.parse("2026-11-20T10:00:00Z"), null, List.of(),
                new RawMessageRef(HASH, 10, "file:///r"), List.of(), List.of());
        assertEquals(List.of(), v1.forwarded());
        assertEquals(MailClassification.CUSTOMER, v1.classification());
    }

    @Test
    void theDraftingTextShowsEachForwardedMessageAsAMarkedBlockAfterTheCustomersWords() {
        InboundEmail email = email().normalisedText("Can you explain this charge?")
                .forwarded(List.of(new ForwardedMessage("Billing <billing@shop.example>", "Thu, 19 Nov 2026 08:00", null,
                        "Invoice 1234", "Amount due: 40 EUR"))).build();
        assertEquals("""
                Can you explain this charge?

                ---------- Forwarded message ----------
                From: Billing <billing@shop.example>
                Date: Thu, 19 Nov 2026 08:00
                Subject: Invoice 1234

                Amount due: 40 EUR""", email.draftingText());
    }

    @Test
    void aForwardWithoutWordsOfTheCustomersDraftsFromTheForwardedMessageAlone() {
        InboundEmail email = email().forwarded(List.of(new ForwardedMessage(null, null, null, null, "The parcel is lost."))).build();
        assertEquals("---------- Forwarded message ----------\n\nThe parcel is lost.", email.draftingText());
    }
}
