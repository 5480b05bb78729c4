package io.mailtune.core.contract;

import io.mailtune.core.adapter.AdapterEvent;
import io.mailtune.core.assignment.MailboxOwner;
import io.mailtune.core.mail.InboundEmail;
import io.mailtune.core.mail.MailClassification;
import io.mailtune.core.reply.ApprovedReply;
import io.mailtune.core.reply.ReviewOutcome;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Records as each schema version wrote them, kept verbatim under {@code src/test/resources/contracts/v<N>}. These
 * files never change: every later version of the code must still read them to the same values.
 */
class SchemaCompatibilityTest {

    @Test
    void inboundEmailWrittenByVersion1StillReads() throws IOException {
        assertEquals(Samples.inboundV1(), EventCodec.decode(golden("inbound-email.json"), InboundEmail.class));
    }

    @Test
    void inboundEmailOfVersion1ReadsWithNoForwardsAndAClassificationFromItsFlags() throws IOException {
        InboundEmail v1 = EventCodec.decode(golden("inbound-email.json"), InboundEmail.class);
        assertEquals(List.of(), v1.forwarded());
        assertEquals(MailClassification.AUTO_REPLY, v1.classification());
    }

    @Test
    void inboundEmailWrittenByVersion2StillReads() throws IOException {
        assertEquals(Samples.inbound(), EventCodec.decode(golden(2, "inbound-email.json"), InboundEmail.class));
    }

    @Test
    void approvedReplyWrittenByVersion1StillReads() throws IOException {
        assertEquals(Samples.approvedV1(), EventCodec.decode(golden("approved-reply.json"), ApprovedReply.class));
    }

    @Test
    void adapterPromotionWrittenByVersion1StillReads() throws IOException {
        assertEquals(Samples.promoted(), EventCodec.decode(golden("adapter-promoted.json"), AdapterEvent.class));
    }

    @Test
    void adapterRollbackWrittenByVersion1StillReads() throws IOException {
        assertEquals(Samples.rolledBack(), EventCodec.decode(golden("adapter-rolled-back.json"), AdapterEvent.class));
    }

    @Test
    void approvedReplyWrittenByVersion2StillReads() throws IOException {
        assertEquals(Samples.approvedV2(), EventCodec.decode(golden(2, "approved-reply.json"), ApprovedReply.class));
    }

    @Test
    void approvedReplyWrittenByVersion3StillReads() throws IOException {
        assertEquals(Samples.approvedV3(), EventCodec.decode(golden(3, "approved-reply.json"), ApprovedReply.class));
    }

    @Test
    void approvedReplyWrittenByVersion4StillReads() throws IOException {
        assertEquals(Samples.approved(), EventCodec.decode(golden(4, "approved-reply.json"), ApprovedReply.class));
    }

    @Test
    void reviewOutcomeWrittenByVersion1StillReads() throws IOException {
        assertEquals(Samples.reviewed(), EventCodec.decode(golden("review-outcome.json"), ReviewOutcome.class));
    }

    @Test
    void mailboxOwnerWrittenByVersion1StillReads() throws IOException {
        assertEquals(Samples.owner(), EventCodec.decode(golden("mailbox-owner.json"), MailboxOwner.class));
    }

    private static byte[] golden(String name) throws IOException {
        return golden(1, name);
    }

    private static byte[] golden(int version, String name) throws IOException {
        String path = "/contracts/v" + version + "/" + name;
        try (InputStream in = SchemaCompatibilityTest.class.getResourceAsStream(path)) {
            assertNotNull(in, "golden file " + path + " is missing");
            return in.readAllBytes();
        }
    }
}
