package io.mailtune.core.assignment;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import io.mailtune.core.contract.Schema;
import io.mailtune.core.id.Ids;

import java.time.Instant;

/**
 * Who runs a mailbox, as published on {@link io.mailtune.core.contract.Topics#MAILBOX_OWNERS} whenever an instance
 * starts or stops reading it. The topic is compacted and keyed by mailbox, so its latest record per mailbox names the
 * current owner (a killed instance writes no {@code RELEASED} record: its successor's {@code RUNNING} one supersedes
 * it). The record informs; what decides ownership is the consumer group's partition assignment, and what stops a
 * stale owner from publishing is the fencing of its Kafka transactional id.
 *
 * @param schemaVersion version of this contract that wrote the record ({@link #SCHEMA_VERSION} today)
 * @param mailbox       the mailbox id
 * @param instance      the instance that took or gave up the mailbox
 * @param status        whether the instance runs it from now on or stopped
 * @param generation    the consumer group generation in which that happened
 * @param reason        why, e.g. {@code assigned}, {@code revoked by a rebalance}, {@code lost: no heartbeat}
 * @param at            when
 */
public record MailboxOwner(int schemaVersion, String mailbox, String instance, Status status, int generation, String reason, Instant at) {

    /** The version this code writes. Bump it for every added field; see docs/architecture.md. */
    public static final int SCHEMA_VERSION = 1;

    /** Whether the instance runs the mailbox. */
    public enum Status {
        /** The instance reads the mailbox from now on. */
        RUNNING,
        /** The instance stopped reading it (revoked, lost or shut down). */
        RELEASED,
        /** A status written by a newer version that this reader does not know. */
        @JsonEnumDefaultValue
        UNKNOWN
    }

    /** Validates required fields. */
    public MailboxOwner {
        Schema.requireVersion(schemaVersion, "MailboxOwner");
        Ids.requireId(mailbox, "mailbox");
        Ids.requireId(instance, "instance");
        status = status == null ? Status.UNKNOWN : status;
        reason = reason == null ? "" : reason;
        Schema.require(at, "at");
    }

    /** A record of the current version. */
    public static MailboxOwner of(String mailbox, String instance, Status status, int generation, String reason, Instant at) {
        return new MailboxOwner(SCHEMA_VERSION, mailbox, instance, status, generation, reason, at);
    }
}
