package io.mailtune.ingest.reply;

import io.mailtune.core.mail.ForwardedMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Forwarded messages become separate blocks; inline answers keep the quoted lines they answer. */
class ForwardsAndInlineAnswersTest {

    @Test
    void aGmailForwardKeepsWhoSentItWhenTheSubjectAndItsText() {
        Reply reply = ReplyText.read("""
                Can you check this charge?

                ---------- Forwarded message ---------
                From: ACME Billing <billing@acme.test>
                Date: Tue, Nov 24, 2026 at 6:12 PM
                Subject: Invoice 5521
                To: <mia@example.com>


                Your card was charged 49.00 EUR.
                """, "Fwd: Invoice 5521", null);
        assertEquals("Can you check this charge?", reply.text());
        assertEquals(List.of(new ForwardedMessage("ACME Billing <billing@acme.test>", "Tue, Nov 24, 2026 at 6:12 PM", null,
                "Invoice 5521", "Your card was charged 49.00 EUR.")), reply.forwarded());
    }

    @Test
    void anAppleMailForwardWithoutWordsOfTheCustomersIsAllForwarded() {
        Reply reply = ReplyText.read("""
                Begin forwarded message:

                From: Courier <noreply@courier.example>
                Subject: Delivery failed
                Date: 24 November 2026 at 16:30:00 CET
                To: ann@example.com

                We could not deliver parcel 00340.
                """, "Fwd: Delivery failed", null);
        assertEquals("", reply.text());
        assertEquals("Courier <noreply@courier.example>", reply.forwarded().get(0).from());
        assertEquals("Delivery failed", reply.forwarded().get(0).subject());
        assertEquals("We could not deliver parcel 00340.", reply.forwarded().get(0).text());
    }

    @Test
    void aThunderbirdForwardReadsItsTabSeparatedHeadersAndAnRfcDate() {
        Reply reply = ReplyText.read("""
                See below.

                -------- Forwarded Message --------
                Subject: \tDelivery failed
                Date: \tTue, 24 Nov 2026 16:30:00 +0100
                From: \tCourier <noreply@courier.example>
                To: \tann@example.com

                We could not deliver parcel 00340.
                """, "Fwd: Delivery failed", null);
        ForwardedMessage forwarded = reply.forwarded().get(0);
        assertEquals("Delivery failed", forwarded.subject());
        assertEquals(Instant.parse("2026-11-24T15:30:00Z"), forwarded.sentAt());
    }

    @Test
    void anOutlookForwardIsTheHeaderBlockOfAMessageWhoseSubjectSaysItForwards() {
        String body = """
                Please look at the order below.

                ________________________________
                Von: Shop <orders@shop.example>
                Gesendet: Dienstag, 24. November 2026 10:00
                An: Ann Lee <ann@example.com>
                Betreff: Bestellung 771

                Ihre Bestellung 771 ist unterwegs.
                """;
        Reply forward = ReplyText.read(body, "WG: Bestellung 771", null);
        assertEquals("Please look at the order below.", forward.text());
        assertEquals("Shop <orders@shop.example>", forward.forwarded().get(0).from());
        assertEquals("Ihre Bestellung 771 ist unterwegs.", forward.forwarded().get(0).text());
        for (String replySubject : List.of("AW: Bestellung 771", "AW: WG: Bestellung 771")) {
            Reply reply = ReplyText.read(body, replySubject, null);
            assertEquals("Please look at the order below.", reply.text());
            assertTrue(reply.forwarded().isEmpty(), "the same block under a reply's subject is quoted history: " + replySubject);
        }
    }

    @Test
    void forwardsInOtherLanguagesAndSeveralInARowAreEachABlock() {
        Reply reply = ReplyText.read("""
                Zwei Nachrichten:

                ---------- Weitergeleitete Nachricht ---------
                Von: A <a@example.com>
                Date: Di., 24. Nov. 2026 um 10:00 Uhr
                Subject: Eins
                To: <b@example.com>

                Erste.

                ---------- Message transféré ---------
                De : C <c@example.com>
                Date : mar. 24 nov. 2026 à 11:00
                Objet : Deux
                À : <b@example.com>

                Deuxième.
                """, "Fwd: Eins", null);
        assertEquals(List.of("Eins", "Deux"), reply.forwarded().stream().map(ForwardedMessage::subject).toList());
        assertEquals(List.of("Erste.", "Deuxième."), reply.forwarded().stream().map(ForwardedMessage::text).toList());
    }

    @Test
    void aForwardBelowQuotedHistoryIsHistory() {
        Reply reply = ReplyText.read("""
                Thanks, solved.

                On Tue, Nov 24, 2026 at 10:00 AM Support <support@acme.test> wrote:
                > See the forwarded mail.
                > ---------- Forwarded message ---------
                > From: A <a@example.com>
                """, "Re: Fwd: Order", null);
        assertEquals("Thanks, solved.", reply.text());
        assertTrue(reply.forwarded().isEmpty());
    }

    @Test
    void inlineAnswersKeepTheQuotedLinesTheyAnswerMarkedAsQuoted() {
        Reply reply = ReplyText.read("""
                On 24.11.26 10:00, ACME Support wrote:
                > Which size do you need?

                XL please.

                > And which colour?
                >> (we have blue and grey)

                Dark blue.

                > Kind regards,
                > ACME Support
                """, "Re: Your order", null);
        assertEquals("> Which size do you need?\n\nXL please.\n\n> And which colour?\n> (we have blue and grey)\n\nDark blue.", reply.text());
    }

    @Test
    void aLongQuoteBeforeAnAnswerKeepsItsLastLinesAsContext() {
        StringBuilder body = new StringBuilder("On Tue, Nov 24, 2026 at 10:00 AM Support <support@acme.test> wrote:\n");
        for (int i = 1; i <= 30; i++) {
            body.append("> line ").append(i).append('\n');
        }
        body.append("\nThat answers it, thanks.\n");
        String text = ReplyText.read(body.toString(), "Re: x", null).text();
        assertTrue(text.startsWith("> […]\n> line 19\n"), text);
        assertTrue(text.endsWith("> line 30\n\nThat answers it, thanks."), text);
    }

    @Test
    void aTopPostDropsTheWholeQuoteBelowIt() {
        Reply reply = ReplyText.read("Sure, Friday works.\n\nOn Tue, Nov 24, 2026 at 10:00 AM Support <support@acme.test> wrote:\n"
                + "> Does Friday work?\n", "Re: x", null);
        assertEquals("Sure, Friday works.", reply.text());
        assertTrue(reply.forwarded().isEmpty());
    }

    @Test
    void aBodyThatIsOnlyAQuoteIsKeptWhole() {
        assertEquals("> only a quote\n> of something", ReplyText.read("> only a quote\n> of something\n", "Re: x", null).text());
    }
}
