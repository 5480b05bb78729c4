package io.mailtune.core.contract;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
