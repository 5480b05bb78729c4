package io.mailtune.ingest.reply;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A corpus of both kinds: signatures without a "-- " line that are cut, and lines a customer wrote that merely look
 * like signatures, footers or quote headers and must come back untouched (a false cut loses what the customer said;
 * a kept signature only adds noise).
 */
class SignatureCorpusTest {

    private static final String TEXT = "The app crashes when I open the settings page.";

    /**
     * A body and what remains of it.
     *
     * @param name     what the case shows
     * @param sender   the sender's display name, or null
     * @param body     the body
     * @param expected the customer's words
     */
    record Case(String name, String sender, String body, String expected) {
        /** A body that must come back as it is. */
        Case(String name, String sender, String body) {
            this(name, sender, body, ReplyText.tidy(body.lines().toList()));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> signaturesThatAreCut() {
        return Stream.of(
                new Case("sign-off word and first name", null, TEXT + "\n\nThanks!\nRoman", TEXT + "\n\nThanks!"),
                new Case("lower-case sign-off and full name", null, TEXT + "\n\nregards,\nJohn Doe", TEXT + "\n\nregards,"),
                new Case("dash and name", null, TEXT + "\n\n-roman", TEXT),
                new Case("dash, space and name", null, TEXT + "\n\n-- Tim", TEXT),
                new Case("contact block after the sign-off", null, TEXT + "\n\nBest regards,\nJohn Doe\nHead of Purchasing\nACME GmbH\n"
                        + "Tel. +49 30 1234567\nwww.acme.example", TEXT + "\n\nBest regards,"),
                new Case("German contact block with a blank line", null, TEXT + "\n\nMit freundlichen Grüßen\n\nMax Mustermann\nEinkauf\n"
                        + "Muster GmbH | Hauptstraße 5 | 10115 Berlin\nTel.: +49 30 1234567", TEXT + "\n\nMit freundlichen Grüßen"),
                new Case("name on the sign-off line, details below", null, TEXT + "\n\nThanks, Roman\nACME Ltd.\n+44 20 7946 0000",
                        TEXT + "\n\nThanks, Roman"),
                new Case("sender's own contact block without a sign-off", "Jane Roe", TEXT + "\n\nJane Roe\nOperations Manager\n"
                        + "+1 555 123 4567\njane@roe.example", TEXT),
                new Case("French", null, TEXT + "\n\nCordialement,\nMarie Dupont", TEXT + "\n\nCordialement,"),
                new Case("Spanish", null, TEXT + "\n\nSaludos,\nJuan Pérez\nDirector comercial", TEXT + "\n\nSaludos,"),
                new Case("Russian", null, TEXT + "\n\nС уважением,\nИван Петров\n+7 495 123-45-67", TEXT + "\n\nС уважением,"),
                new Case("Polish", null, TEXT + "\n\nPozdrawiam\nJan Kowalski", TEXT + "\n\nPozdrawiam"),
                new Case("delimiter", null, TEXT + "\n\n-- \nJohn Doe\nACME", TEXT),
                new Case("mailing-list footer", null, TEXT + "\n\n_______________________________________________\nriak-users mailing list\n"
                        + "riak-users@lists.example\nhttp://lists.example/mailman/listinfo/riak-users", TEXT),
                new Case("Google Groups footer", null, TEXT + "\n\n-- \nYou received this message because you are subscribed to the Google "
                        + "Groups \"acme-users\" group.\nTo unsubscribe from this group, send an email to acme-users+unsubscribe@example.com.", TEXT),
                new Case("confidentiality notice", null, TEXT + "\n\nThis e-mail and any attachments are confidential and intended solely for "
                        + "the addressee. If you received it in error, please delete it.", TEXT),
                new Case("iPhone", null, TEXT + "\n\nSent from my iPhone", TEXT),
                new Case("BlackBerry", null, TEXT + "\n\nSent from my BlackBerry 10 smartphone.", TEXT),
                new Case("Mailbox", null, TEXT + "\n\nSent from Mailbox", TEXT),
                new Case("Outlook mobile with its link", null, TEXT + "\n\nGet Outlook for iOS<https://aka.ms/o0ukef>", TEXT),
                new Case("Proton", null, TEXT + "\n\nSent with Proton Mail secure email.", TEXT),
                new Case("German phone", null, TEXT + "\n\nVon meinem iPhone gesendet", TEXT),
                new Case("German Outlook", null, TEXT + "\n\nGesendet von Outlook für Android<https://aka.ms/AAb9ysg>", TEXT),
                new Case("French phone", null, TEXT + "\n\nEnvoyé de mon iPhone", TEXT),
                new Case("Spanish phone", null, TEXT + "\n\nEnviado desde mi smartphone Samsung Galaxy.", TEXT),
                new Case("Portuguese phone", null, TEXT + "\n\nEnviado do meu iPhone", TEXT),
                new Case("Italian phone", null, TEXT + "\n\nInviato da iPhone", TEXT),
                new Case("Dutch phone", null, TEXT + "\n\nVerzonden vanaf mijn iPhone", TEXT),
                new Case("Polish phone", null, TEXT + "\n\nWysłane z iPhone'a", TEXT),
                new Case("Swedish phone", null, TEXT + "\n\nSkickat från min iPhone", TEXT),
                new Case("Danish and Norwegian phone", null, TEXT + "\n\nSendt fra min iPhone", TEXT),
                new Case("Finnish phone", null, TEXT + "\n\nLähetetty iPhonesta", TEXT),
                new Case("Russian phone", null, TEXT + "\n\nОтправлено с iPhone", TEXT),
                new Case("Japanese phone", null, TEXT + "\n\niPhoneから送信", TEXT),
                new Case("Chinese phone", null, TEXT + "\n\n发自我的iPhone", TEXT),
                new Case("footer, then sign-off and name", null, TEXT + "\n\nCheers\nAnn\n\nSent from my iPhone", TEXT + "\n\nCheers"));
    }

    static Stream<Case> customerLinesThatAreKept() {
        return Stream.of(
                new Case("a sentence that starts like a phone footer", null, "Here is another email\n\nSent from my desk, is much easier then my mobile phone."),
                new Case("a sentence after the sign-off", null, TEXT + "\n\nThanks\nI'll wait for your answer."),
                new Case("a postscript after the sign-off and name", null, TEXT + "\n\nThanks!\nAnna\nP.S. Please also send the invoice"),
                new Case("an address the customer gives after the sign-off", null, TEXT + "\n\nCheers\nMy new address is:\nHauptstraße 5"),
                new Case("a list ending in a dash item", null, "Which colours do you have?\n- Dark blue\n- Light grey"),
                new Case("a list of dash items without spaces", null, "Colours I need:\n-Blue\n-Red"),
                new Case("a list with numbers", null, "I printed the label.\n- Box 1\n- Box 2"),
                new Case("a bare name after the text", "Bob Stone", "Could you fix it please?\nBob"),
                new Case("a phone number given on purpose", null, TEXT + "\n\nPlease call me back:\n+49 30 1234567"),
                new Case("a divider followed by a long text", null, "Part one.\n--\n" + "More of what I need to tell you.\n".repeat(14).strip()),
                new Case("sign-off words inside a sentence", null, "Regards to your team, they were great.\nThanks for the quick help with order 1234"),
                new Case("a name the customer asks to send to", "John Doe", "Please send it to\nJohn Doe"),
                new Case("\"wrote:\" without a date", null, "On Monday my colleague wrote:\nthe parcel is lost, please check."),
                new Case("\"wrote\" in a sentence with a date", null, "I wrote to you on 3 March 2020 about this:\nthe parcel is lost."),
                new Case("German \"schrieb\" in a sentence", null, "Am 3. März 2020 schrieb ich Ihnen wegen der Rechnung:\nSie ist falsch."),
                new Case("From and To of a shipment", null, "The route was wrong.\nFrom: Berlin\nTo: Munich\nDate: 3 March"),
                new Case("an opener and a colon in a sentence", null, "On your remote host you can run:\n\n     telnet 127.0.0.1 52698"),
                new Case("a signature delimiter in the middle of a line", null, "And here is a fix -- this is not a signature.\n\nkthxbai"),
                new Case("unsubscribe in the customer's own words", null, "Please unsubscribe me from the mailing list.\n\nThanks"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signaturesThatAreCut")
    void signaturesAreCut(Case c) {
        assertEquals(c.expected(), ReplyText.read(c.body(), "Question", c.sender()).text(), c.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("customerLinesThatAreKept")
    void customerLinesAreNeverCut(Case c) {
        assertEquals(c.expected(), ReplyText.read(c.body(), "Question", c.sender()).text(), c.name());
    }
}
