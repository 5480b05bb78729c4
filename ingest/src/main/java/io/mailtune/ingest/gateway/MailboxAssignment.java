package io.mailtune.ingest.gateway;

import io.mailtune.core.assignment.MailboxOwner;
import io.mailtune.core.assignment.MailboxPartitions;
import io.mailtune.core.contract.EventCodec;
import io.mailtune.core.contract.TopicSetup;
import io.mailtune.core.contract.Topics;
import io.mailtune.ingest.imap.MailboxConfig;
import io.mailtune.ingest.pipeline.InboundPublisher;
import io.mailtune.ingest.store.MailboxEvent;
import io.mailtune.ingest.store.MailboxEvents;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * This instance's share of the mailboxes, decided by Kafka: the instances form one consumer group on
 * {@link Topics#MAILBOX_OWNERS}, and an instance runs exactly the mailboxes whose partition
 * ({@link MailboxPartitions}) the group assigned to it. Rebalancing is cooperative: a partition is revoked from its old
 * owner, which stops the mailbox's watchers (the batch in flight commits or fails) before the partition is assigned to
 * the new one. An instance that stops heartbeating (killed, stopped) or polling (stuck) is dropped from the group after
 * the session timeout or the poll interval, and its partitions go to the others; the new owner's producer then fences
 * the old one's, so a stalled owner that wakes up can publish nothing. Each change is recorded as a mailbox event and
 * as a {@link MailboxOwner} record, except that an instance which lost its mailboxes writes no record: the new owner's
 * already names who runs them.
 */
final class MailboxAssignment implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(MailboxAssignment.class.getName());

    private static final Duration METADATA_MAX_AGE = Duration.ofSeconds(3);

    private final String topic = Topics.MAILBOX_OWNERS.name();
    private final List<MailboxConfig> mailboxes;
    private final AssignmentSettings settings;
    private final Consumer<MailboxConfig> start;
    private final Consumer<String> stop;
    private final MailboxEvents events;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> owners;
    private final Thread thread;
    /** Partitions of the owners topic assigned here; touched only by the poll thread. */
    private final Set<TopicPartition> assigned = new HashSet<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;
    private int partitionCount;

    /**
     * Makes sure the owners topic has a partition per mailbox at least, then prepares the group member; {@link #start}
     * joins the group. {@code start} and {@code stop} run and stop one mailbox; {@code stop} returns once it stopped.
     */
    MailboxAssignment(String bootstrapServers, Properties producerOverrides, AssignmentSettings settings, List<MailboxConfig> mailboxes,
                      Consumer<MailboxConfig> start, Consumer<String> stop, MailboxEvents events) {
        this.mailboxes = List.copyOf(mailboxes);
        this.settings = settings;
        this.start = start;
        this.stop = stop;
        this.events = events;
        this.partitionCount = TopicSetup.ensurePartitions(bootstrapServers, producerOverrides, Topics.MAILBOX_OWNERS, Math.max(1, mailboxes.size()));
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.putAll(InboundPublisher.consumerOverrides(producerOverrides));
        c.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "mailtune-mailboxes-" + settings.instanceId());
        c.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(settings.sessionTimeout().toMillis()));
        c.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Long.toString(settings.heartbeatInterval().toMillis()));
        c.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, Long.toString(settings.maxPollInterval().toMillis()));
        // Cooperative: only partitions that move are revoked, and only after their old owner let them go are they
        // assigned to the new one, so two live instances never run one mailbox.
        c.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        // The mailbox-to-partition mapping depends on the partition count: a member still seeing the count from before
        // the topic grew would run mailboxes its peers run too, so it learns of growth within seconds, not 5 minutes.
        c.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, Long.toString(METADATA_MAX_AGE.toMillis()));
        this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        if (producerOverrides != null) {
            p.putAll(producerOverrides);
        }
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "mailtune-mailbox-owners-" + settings.instanceId());
        // Owner records inform; a Kafka outage must not hold a rebalance callback for long.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
        this.owners = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.thread = new Thread(this::pollLoop, "mailbox-assignment-" + settings.instanceId());
        this.thread.setDaemon(true);
    }

    /** Joins the group; mailboxes start as partitions are assigned. */
    void start() {
        thread.start();
    }

    private void pollLoop() {
        try {
            consumer.subscribe(List.of(topic), new Rebalance());
            while (!closing) {
                try {
                    // Nothing is fetched (the partitions are paused): polling keeps this member in the group and runs
                    // the rebalance callbacks on this thread.
                    consumer.poll(Duration.ofMillis(200));
                    if (knownPartitionCount() > partitionCount) {
                        // The topic grew (another instance started with more mailboxes): the mapping moved, and a
                        // member given no new partition has no rebalance callback to tell it.
                        reconcile("the owners topic grew", true);
                    }
                } catch (WakeupException e) {
                    // close() wants the loop to end.
                } catch (KafkaException e) {
                    if (closing) {
                        break;
                    }
                    LOG.log(System.Logger.Level.WARNING, "mailbox assignment: Kafka did not answer, polling again in 1 s: " + e.getMessage());
                    sleep(Duration.ofSeconds(1));
                }
            }
        } finally {
            try {
                // Leaving the group revokes every partition here (the callback stops the mailboxes) and hands them to
                // the others at once, without waiting for the session timeout.
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(10)));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "mailbox assignment: leaving the group failed: " + e.getMessage());
            }
            assigned.clear();
            reconcile("shut down", true);
            owners.close(Duration.ofSeconds(5));
        }
    }

    /** The group's decisions, on the poll thread. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            consumer.pause(partitions);
            assigned.addAll(partitions);
            reconcile("assigned", true);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            assigned.removeAll(partitions);
            reconcile(closing ? "shut down" : "revoked in a rebalance", true);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            assigned.removeAll(partitions);
            reconcile("lost: this instance sent no heartbeat within " + settings.sessionTimeout()
                    + " or did not poll within " + settings.maxPollInterval() + ", so the group gave its mailboxes to others", false);
        }
    }

    /**
     * Stops the mailboxes whose partition is no longer assigned here, then starts those whose partition is; both in
     * parallel, since each stop waits for a batch in flight.
     */
    private void reconcile(String reason, boolean stillCurrent) {
        refreshPartitionCount();
        Set<Integer> mine = new HashSet<>();
        assigned.forEach(tp -> mine.add(tp.partition()));
        Map<String, MailboxConfig> wanted = new LinkedHashMap<>();
        for (MailboxConfig m : mailboxes) {
            if (mine.contains(MailboxPartitions.of(m.id(), partitionCount))) {
                wanted.put(m.id(), m);
            }
        }
        List<Runnable> stops = new ArrayList<>();
        for (String id : Set.copyOf(running)) {
            if (!wanted.containsKey(id)) {
                stops.add(() -> {
                    stop.accept(id);
                    running.remove(id);
                    record(id, stillCurrent ? MailboxOwner.Status.RELEASED : null, MailboxEvent.Kind.RELEASED, reason,
                            "released by instance " + settings.instanceId() + ": " + reason);
                });
            }
        }
        inParallel(stops);
        if (!stops.isEmpty() && stillCurrent) {
            // The release is on record before the next owner is assigned the partition and writes its own.
            flushOwners();
        }
        List<Runnable> starts = new ArrayList<>();
        for (MailboxConfig m : wanted.values()) {
            if (!running.contains(m.id())) {
                starts.add(() -> {
                    // On record before anything runs, as the release is after everything stopped: the records bound
                    // the time an instance runs a mailbox from both sides.
                    record(m.id(), MailboxOwner.Status.RUNNING, MailboxEvent.Kind.ASSIGNED, reason, "assigned to instance "
                            + settings.instanceId() + " (group " + settings.groupId() + ", generation " + generation() + ", partition "
                            + MailboxPartitions.of(m.id(), partitionCount) + " of " + partitionCount + ")");
                    running.add(m.id());
                    try {
                        start.accept(m);
                    } catch (RuntimeException e) {
                        running.remove(m.id());
                        throw e;
                    }
                });
            }
        }
        inParallel(starts);
    }

    /** Takes the partition count the cluster reports now; never lower, since a topic never shrinks and a stale view can be. */
    private void refreshPartitionCount() {
        if (closing) {
            return;
        }
        partitionCount = Math.max(partitionCount, knownPartitionCount());
    }

    /** The partition count in this consumer's metadata, or 0 when it has none yet. */
    private int knownPartitionCount() {
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            return infos == null ? 0 : infos.size();
        } catch (RuntimeException e) {
            // Keep the count last seen: the mapping only changes when the topic grows.
            return 0;
        }
    }

    private void flushOwners() {
        try {
            owners.flush();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "mailbox assignment: owner records not flushed: " + e.getMessage());
        }
    }

    private int generation() {
        try {
            return consumer.groupMetadata().generationId();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Records the change as a mailbox event and, unless {@code status} is null, as an owner record. */
    private void record(String mailbox, MailboxOwner.Status status, MailboxEvent.Kind kind, String reason, String detail) {
        Instant now = Instant.now();
        try {
            events.record(new MailboxEvent(mailbox, "", kind, detail, now));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "mailbox assignment: could not record '" + detail + "': " + e.getMessage());
        }
        if (status == null) {
            return;
        }
        MailboxOwner owner = MailboxOwner.of(mailbox, settings.instanceId(), status, generation(), reason, now);
        owners.send(new ProducerRecord<>(topic, Topics.MAILBOX_OWNERS.keyOf(owner), EventCodec.encode(owner)), (meta, e) -> {
            if (e != null) {
                LOG.log(System.Logger.Level.WARNING, "mailbox assignment: owner record of " + mailbox + " not written: " + e.getMessage());
            }
        });
    }

    /** Runs the tasks side by side and waits for all; a failing task is logged, and its mailbox retried at the next rebalance. */
    private static void inParallel(List<Runnable> tasks) {
        List<Thread> threads = new ArrayList<>();
        for (Runnable task : tasks) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "mailbox assignment: starting or stopping a mailbox failed", e);
                }
            }));
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Leaves the group: every mailbox here stops and the others take them at once. */
    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        if (thread.isAlive()) {
            try {
                thread.join(Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (thread.getState() == Thread.State.NEW) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            owners.close(Duration.ZERO);
        }
    }
}
