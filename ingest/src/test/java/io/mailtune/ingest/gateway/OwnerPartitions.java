package io.mailtune.ingest.gateway;

import io.mailtune.core.assignment.MailboxPartitions;
import io.mailtune.core.contract.Topics;
import io.mailtune.testing.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Mailbox ids for assignment tests that cover every partition of the owners topic, one each, so every instance that
 * is assigned a partition runs a mailbox.
 */
final class OwnerPartitions {

    private OwnerPartitions() {
    }

    /**
     * Ids starting with {@code prefix}, one per partition of the owners topic once {@code startAssigned} grew it to at
     * least {@code atLeast} partitions: {@code max(partitions, atLeast)} of them.
     */
    static List<String> coveringIds(KafkaBroker kafka, String prefix, int atLeast) throws Exception {
        int target = Math.max(count(kafka), atLeast);
        List<String> out = new ArrayList<>();
        Set<Integer> used = new HashSet<>();
        for (int i = 0; out.size() < target; i++) {
            String id = prefix + "-box" + i;
            if (used.add(MailboxPartitions.of(id, target))) {
                out.add(id);
            }
        }
        return out;
    }

    /** The owners topic's partition count now. */
    static int count(KafkaBroker kafka) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            return admin.describeTopics(List.of(Topics.MAILBOX_OWNERS.name())).allTopicNames().get()
                    .get(Topics.MAILBOX_OWNERS.name()).partitions().size();
        }
    }
}
