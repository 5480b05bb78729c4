package io.mailtune.core.contract;

import io.mailtune.core.adapter.AdapterEvent;
import io.mailtune.core.mail.InboundEmail;
import io.mailtune.core.reply.ApprovedReply;

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
     * Adapter promotions and rollbacks, from the trainer to every agent. One constant key puts every event in one
     * partition, so all agents apply them in the same order.
     */
    public static final TopicContract<AdapterEvent> ADAPTERS =
            new TopicContract<>("mailtune.adapters", AdapterEvent.class, event -> LIVE_ADAPTER_KEY, "the constant \"live-adapter\"");

    private Topics() {
    }

    /** All topics, for creating them at start-up. */
    public static List<TopicContract<?>> all() {
        return List.of(INBOUND, APPROVED, ADAPTERS);
    }
}
