package io.mailtune.core.contract;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicsTest {

    @Test
    void inboundAndApprovedMailIsKeyedByThread() {
        assertEquals("t-1", Topics.INBOUND.keyOf(Samples.inbound()));
        assertEquals("t-1", Topics.APPROVED.keyOf(Samples.approved()));
    }

    @Test
    void everyAdapterEventSharesOneKeySoAllAgentsSeeOneOrder() {
        assertEquals(Topics.ADAPTERS.keyOf(Samples.promoted()), Topics.ADAPTERS.keyOf(Samples.rolledBack()));
    }

    @Test
    void mailboxOwnersAreKeyedByMailboxAndCompacted() {
        assertEquals("support", Topics.MAILBOX_OWNERS.keyOf(Samples.owner()));
        assertTrue(Topics.isCompacted(Topics.MAILBOX_OWNERS));
        assertFalse(Topics.isCompacted(Topics.INBOUND), "inbound mail is never compacted away");
    }

    @Test
    void topicNamesAreDistinct() {
        List<String> names = Topics.all().stream().map(TopicContract::name).toList();
        assertEquals(names.size(), new HashSet<>(names).size());
    }

    @Test
    void anIllegalTopicNameIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TopicContract<>("has space", String.class, s -> s, "itself"));
        assertEquals("topic name 'has space' is not a legal Kafka topic name", e.getMessage());
    }
}
