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

/** Mailbox ids for assignment tests that fall on distinct partitions of the owners topic, so every instance gets some. */
final class OwnerPartitions {

    private OwnerPartitions() {
    }

    /** {@code count} ids starting with {@code prefix}, on distinct partitions once the topic has a partition per mailbox. */
    static List<String> distinctIds(KafkaBroker kafka, String prefix, int count) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        int partitions;
        try (Admin admin = Admin.create(props)) {
            partitions = admin.describeTopics(List.of(Topics.MAILBOX_OWNERS.name())).allTopicNames().get()
                    .get(Topics.MAILBOX_OWNERS.name()).partitions().size();
        }
        // startAssigned grows the topic to a partition per mailbox.
        int target = Math.max(partitions, count);
        List<String> out = new ArrayList<>();
        Set<Integer> used = new HashSet<>();
        for (int i = 0; out.size() < count; i++) {
            String id = prefix + "-box" + i;
            if (used.add(MailboxPartitions.of(id, target))) {
                out.add(id);
            }
        }
        return out;
    }
}
