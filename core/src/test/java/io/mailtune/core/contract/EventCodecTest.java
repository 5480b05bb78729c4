package io.mailtune.core.contract;

import io.mailtune.core.adapter.AdapterEvent;
import io.mailtune.core.adapter.AdapterPromoted;
import io.mailtune.core.adapter.AdapterRolledBack;
import io.mailtune.core.assignment.MailboxOwner;
import io.mailtune.core.mail.InboundEmail;
import io.mailtune.core.mail.MailFlag;
import io.mailtune.core.reply.ApprovedReply;
import io.mailtune.core.reply.ReviewOutcome;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventCodecTest {

    @Test
    void inboundEmailSurvivesARoundTrip() {
        InboundEmail email = Samples.inbound();
        assertEquals(email, EventCodec.decode(EventCodec.encode(email), InboundEmail.class));
    }

    @Test
    void approvedReplySurvivesARoundTrip() {
        ApprovedReply reply = Samples.approved();
        assertEquals(reply, EventCodec.decode(EventCodec.encode(reply), ApprovedReply.class));
    }

    @Test
    void reviewOutcomeSurvivesARoundTrip() {
        ReviewOutcome outcome = Samples.reviewed();
        assertEquals(outcome, EventCodec.decode(EventCodec.encode(outcome), ReviewOutcome.class));
    }

    @Test
    void mailboxOwnerSurvivesARoundTrip() {
        MailboxOwner owner = Samples.owner();
        assertEquals(owner, EventCodec.decode(EventCodec.encode(owner), MailboxOwner.class));
    }

    @Test
    void aMailboxOwnerStatusFromANewerWriterReadsAsUnknown() {
        String json = new String(EventCodec.encode(Samples.owner()), StandardCharsets.UTF_8).replace("\"RUNNING\"", "\"DRAINING\"");
        assertEquals(MailboxOwner.Status.UNKNOWN, EventCodec.decode(json.getBytes(StandardCharsets.UTF_8), MailboxOwner.class).status());
    }

    @Test
    void adapterEventsRoundTripThroughTheirSealedInterface() {
        for (AdapterEvent event : new AdapterEvent[]{Samples.promoted(), Samples.rolledBack()}) {
            assertEquals(event, EventCodec.decode(EventCodec.encode(event), AdapterEvent.class));
        }
    }

    @Test
    void adapterEventsCarryATypeDiscriminator() {
        String json = new String(EventCodec.encode(Samples.rolledBack()), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"type\":\"rolled-back\""), json);
    }

    @Test
    void timestampsAreWrittenAsIsoStrings() {
        String json = new String(EventCodec.encode(Samples.inbound()), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"receivedAt\":\"2026-11-20T10:00:05Z\""), json);
    }

    @Test
    void fieldsFromANewerWriterAreIgnored() {
        String json = """
                {"schemaVersion":7,"emailId":"e-9","mailbox":"support","messageId":"<x@y>","threadId":"t-9",
                 "from":{"address":"a@b.test","pronouns":"they"},"receivedAt":"2026-11-20T10:00:05Z",
                 "raw":{"sha256":"%s","sizeBytes":10,"location":"file:///r","storageClass":"cold"},
                 "sentiment":"angry","flags":[{"kind":"PHISHING","reason":"looks like phishing"}]}
                """.formatted(Samples.HASH);
        InboundEmail email = EventCodec.decode(json.getBytes(StandardCharsets.UTF_8), InboundEmail.class);
        assertEquals(7, email.schemaVersion());
        assertEquals("e-9", email.emailId());
        assertEquals(MailFlag.Kind.UNKNOWN, email.flags().getFirst().kind());
    }

    @Test
    void absentOptionalFieldsReadAsEmptyNotNull() {
        String json = """
                {"schemaVersion":1,"emailId":"e-9","mailbox":"support","messageId":"<x@y>","threadId":"t-9",
                 "from":{"address":"a@b.test"},"receivedAt":"2026-11-20T10:00:05Z",
                 "raw":{"sha256":"%s","sizeBytes":10,"location":"file:///r"}}
                """.formatted(Samples.HASH);
        InboundEmail email = EventCodec.decode(json.getBytes(StandardCharsets.UTF_8), InboundEmail.class);
        assertTrue(email.to().isEmpty() && email.references().isEmpty() && email.flags().isEmpty());
        assertEquals("", email.subject());
        assertNull(email.sentAt());
        assertTrue(email.needsDraft());
    }

    @Test
    void aMissingRequiredFieldIsNamedInTheError() {
        String json = """
                {"schemaVersion":1,"emailId":"e-9","mailbox":"support","messageId":"<x@y>",
                 "from":{"address":"a@b.test"},"receivedAt":"2026-11-20T10:00:05Z",
                 "raw":{"sha256":"%s","sizeBytes":10,"location":"file:///r"}}
                """.formatted(Samples.HASH);
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> EventCodec.decode(json.getBytes(StandardCharsets.UTF_8), InboundEmail.class));
        assertTrue(e.getMessage().contains("InboundEmail") && e.getMessage().contains("threadId"), e.getMessage());
    }

    @Test
    void aRecordWithoutSchemaVersionIsRejected() {
        String json = "{\"withdrawnVersion\":\"v2\",\"reason\":\"x\",\"at\":\"2026-11-22T03:00:00Z\",\"type\":\"rolled-back\"}";
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> EventCodec.decode(json.getBytes(StandardCharsets.UTF_8), AdapterEvent.class));
        assertTrue(e.getMessage().contains("schemaVersion"), e.getMessage());
    }

    @Test
    void garbageIsAMalformedEventNotACrash() {
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> EventCodec.decode("{not json".getBytes(StandardCharsets.UTF_8), ApprovedReply.class));
        assertTrue(e.getMessage().startsWith("not a valid ApprovedReply"), e.getMessage());
        assertThrows(MalformedEventException.class, () -> EventCodec.decode(new byte[0], ApprovedReply.class));
    }

    @Test
    void anUnknownAdapterEventTypeIsMalformed() {
        String json = "{\"type\":\"exploded\",\"schemaVersion\":1}";
        assertThrows(MalformedEventException.class,
                () -> EventCodec.decode(json.getBytes(StandardCharsets.UTF_8), AdapterEvent.class));
    }

    @Test
    void aRollbackToTheBareBaseModelHasNoLiveAdapter() {
        AdapterRolledBack toBase = new AdapterRolledBack(1, "v1", null, "first adapter was worse in production",
                Samples.rolledBack().at());
        AdapterEvent read = EventCodec.decode(EventCodec.encode(toBase), AdapterEvent.class);
        assertInstanceOf(AdapterRolledBack.class, read);
        assertNull(read.live());
        assertInstanceOf(AdapterPromoted.class, EventCodec.decode(EventCodec.encode(Samples.promoted()), AdapterEvent.class));
    }
}
