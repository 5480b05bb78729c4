package io.mailtune.core.assignment;

import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;

/**
 * Which partition of {@link io.mailtune.core.contract.Topics#MAILBOX_OWNERS} decides a mailbox: the one Kafka's
 * default partitioner puts the mailbox id on as a record key (murmur2 of its UTF-8 bytes, made positive, modulo the
 * partition count). It depends on nothing but the id and the partition count, so every instance computes the same
 * mapping, a mailbox's owner records land on the very partition that decides it, and the mapping changes only when
 * the topic gains partitions.
 */
public final class MailboxPartitions {

    private MailboxPartitions() {
    }

    /** The partition deciding {@code mailbox} among {@code partitions}. */
    public static int of(String mailbox, int partitions) {
        if (mailbox == null || mailbox.isBlank()) {
            throw new IllegalArgumentException("mailbox must not be blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        return Utils.toPositive(Utils.murmur2(mailbox.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
