package io.mailtune.core.assignment;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MailboxPartitionsTest {

    @Test
    void theMappingNeverChangesBetweenVersions() {
        // Pinned: every instance of every version must agree on which partition decides a mailbox.
        assertEquals(4, MailboxPartitions.of("support", 12));
        assertEquals(9, MailboxPartitions.of("billing", 12));
        assertEquals(10, MailboxPartitions.of("returns", 12));
        assertEquals(1, MailboxPartitions.of("support", 3));
        assertEquals(0, MailboxPartitions.of("billing", 3));
    }

    @Test
    void oneSinglePartitionDecidesEveryMailbox() {
        assertEquals(0, MailboxPartitions.of("support", 1));
        assertEquals(0, MailboxPartitions.of("billing", 1));
    }

    @Test
    void aBlankMailboxOrNoPartitionsIsRejected() {
        assertEquals("mailbox must not be blank", assertThrows(IllegalArgumentException.class, () -> MailboxPartitions.of(" ", 3)).getMessage());
        assertEquals("partitions must be at least 1, was 0", assertThrows(IllegalArgumentException.class, () -> MailboxPartitions.of("support", 0)).getMessage());
    }
}
