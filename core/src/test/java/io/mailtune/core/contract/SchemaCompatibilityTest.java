package io.mailtune.core.contract;

import io.mailtune.core.adapter.AdapterEvent;
import io.mailtune.core.mail.InboundEmail;
import io.mailtune.core.reply.ApprovedReply;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Records as schema version 1 wrote them, kept verbatim under {@code src/test/resources/contracts/v1}. These files
 * never change: every later version of the code must still read them to the same values.
 */
class SchemaCompatibilityTest {

    @Test
    void inboundEmailWrittenByVersion1StillReads() throws IOException {
        assertEquals(Samples.inbound(), EventCodec.decode(golden("inbound-email.json"), InboundEmail.class));
    }

    @Test
    void approvedReplyWrittenByVersion1StillReads() throws IOException {
        assertEquals(Samples.approved(), EventCodec.decode(golden("approved-reply.json"), ApprovedReply.class));
    }

    @Test
    void adapterPromotionWrittenByVersion1StillReads() throws IOException {
        assertEquals(Samples.promoted(), EventCodec.decode(golden("adapter-promoted.json"), AdapterEvent.class));
    }

    @Test
    void adapterRollbackWrittenByVersion1StillReads() throws IOException {
        assertEquals(Samples.rolledBack(), EventCodec.decode(golden("adapter-rolled-back.json"), AdapterEvent.class));
    }

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = SchemaCompatibilityTest.class.getResourceAsStream("/contracts/v1/" + name)) {
            assertNotNull(in, "golden file contracts/v1/" + name + " is missing");
            return in.readAllBytes();
        }
    }
}
