package io.mailtune.core.contract;

import io.mailtune.core.adapter.AdapterEvent;
import io.mailtune.core.adapter.AdapterFileChunk;
import io.mailtune.core.assignment.MailboxOwner;
import io.mailtune.core.mail.InboundEmail;
import io.mailtune.core.reply.ApprovedReply;
import io.mailtune.core.reply.ReviewOutcome;

import java.util.List;

/** Every Kafka topic Mailtune uses, with its key. Names and keys may never change (docs/architecture.md). */
public final class Topics {

    /** The single key of {@link #ADAPTERS}. */
    public static final String LIVE_ADAPTER_KEY = "live-adapter";

    /**
     * Accepted inbound mail, from ingest to the agents; keyed by thread so a conversation stays in order. Written in
     * Kafka transactions: consumers read with {@code isolation.level=read_committed}, or they may see a batch twice.
     */
    public static final TopicContract<InboundEmail> INBOUND =
            new TopicContract<>("mailtune.inbound", InboundEmail.class, InboundEmail::threadId, "threadId");

    /** Replies staff approved and sent, from the agents to the trainer; keyed by thread. */
    public static final TopicContract<ApprovedReply> APPROVED =
            new TopicContract<>("mailtune.approved", ApprovedReply.class, ApprovedReply::threadId, "threadId");

    /**
     * One event per reviewed draft (approved, edited or rejected, with the adapter that wrote it), from the agents to
     * the trainer, which watches each adapter's live approval and edit rates; keyed by thread.
     */
    public static final TopicContract<ReviewOutcome> REVIEW_OUTCOMES =
            new TopicContract<>("mailtune.review-outcomes", ReviewOutcome.class, ReviewOutcome::threadId, "threadId");

    /**
     * Adapter promotions and rollbacks, from the trainer to every agent. One constant key puts every event in one
     * partition, so all agents apply them in the same order.
     */
    public static final TopicContract<AdapterEvent> ADAPTERS =
            new TopicContract<>("mailtune.adapters", AdapterEvent.class, event -> LIVE_ADAPTER_KEY, "the constant \"live-adapter\"");

    /**
     * The files of every published adapter, in chunks, from the trainer to every agent (see
     * {@link io.mailtune.core.adapter.AdapterFiles}); keyed by adapter version, one partition, kept forever.
     */
    public static final TopicContract<AdapterFileChunk> ADAPTER_FILES =
            new TopicContract<>("mailtune.adapter-files", AdapterFileChunk.class, AdapterFileChunk::version, "the adapter version");

    /**
     * Mailbox assignment among the instances that run mailboxes: they form one consumer group on this topic, and the
     * partitions the group assigns to an instance decide which mailboxes it reads ({@link
     * io.mailtune.core.assignment.MailboxPartitions}). Its records say who runs which mailbox ({@link MailboxOwner}),
     * keyed by mailbox id and compacted, so the latest record per mailbox names its current owner. Give it at least as
     * many partitions as there are mailboxes.
     */
    public static final TopicContract<MailboxOwner> MAILBOX_OWNERS =
            new TopicContract<>("mailtune.mailbox-owners", MailboxOwner.class, MailboxOwner::mailbox, "mailbox");

    private Topics() {
    }

    /** Whether a topic has exactly one partition and keeps its records forever (the adapter history and files). */
    public static boolean isSinglePartitionForever(TopicContract<?> topic) {
        return topic == ADAPTERS || topic == ADAPTER_FILES;
    }

    /** Whether a topic keeps only the latest record per key (the mailbox owners). */
    public static boolean isCompacted(TopicContract<?> topic) {
        return topic == MAILBOX_OWNERS;
    }

    /** All topics, for creating them at start-up. */
    public static List<TopicContract<?>> all() {
        return List.of(INBOUND, APPROVED, REVIEW_OUTCOMES, ADAPTERS, ADAPTER_FILES, MAILBOX_OWNERS);
    }
}
