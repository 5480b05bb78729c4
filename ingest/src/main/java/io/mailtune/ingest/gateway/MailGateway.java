package io.mailtune.ingest.gateway;

import io.mailtune.ingest.imap.FolderWatcher;
import io.mailtune.ingest.imap.MailboxConfig;
import io.mailtune.ingest.imap.WatcherState;
import io.mailtune.ingest.pipeline.InboundPublisher;
import io.mailtune.ingest.pipeline.MessageIntake;
import io.mailtune.ingest.store.CheckpointStore;
import io.mailtune.ingest.store.IngestDatabase;
import io.mailtune.ingest.store.MailboxEvent;
import io.mailtune.ingest.store.MailboxEvents;
import io.mailtune.ingest.store.RawMessageStore;
import io.mailtune.ingest.store.Rejections;
import io.mailtune.ingest.thread.ThreadIndex;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The inbound side of Mailtune: one watcher thread per mailbox folder, all feeding one intake and one exactly-once
 * publisher. Several mailboxes, each with its own settings, run side by side. {@link #start} runs every mailbox given
 * (one instance per ingest database); {@link #startAssigned} runs only those that Kafka assigns to this instance among
 * several sharing the database.
 */
public final class MailGateway implements AutoCloseable {

    private final IngestDatabase db;
    private final MessageIntake intake;
    private final InboundPublisher publisher;
    private final CheckpointStore checkpoints;
    private final MailboxEvents events;
    private final Rejections rejections;
    private final long maxMessageBytes;
    private final String bootstrapServers;
    private final Properties producerOverrides;
    /** Running watchers by mailbox id, then folder. */
    private final Map<String, Map<String, FolderWatcher>> running = new LinkedHashMap<>();
    private MailboxAssignment assignment;
    private boolean started;

    /** Opens the stores and the Kafka clients; {@link #start} or {@link #startAssigned} then begins reading. */
    public MailGateway(GatewaySettings settings) {
        this.db = new IngestDatabase(settings.jdbcUrl(), settings.jdbcUser(), settings.jdbcPassword());
        this.intake = new MessageIntake(settings.limits(), new RawMessageStore(settings.rawStoreDir()), db, new ThreadIndex(settings.subjectWindow()));
        this.publisher = new InboundPublisher(settings.bootstrapServers(), db, settings.producerOverrides(), settings.ackTimeout());
        this.checkpoints = new CheckpointStore(db);
        this.events = new MailboxEvents(db);
        this.rejections = new Rejections(db);
        this.maxMessageBytes = settings.limits().maxMessageBytes();
        this.bootstrapServers = settings.bootstrapServers();
        this.producerOverrides = settings.producerOverrides();
    }

    /**
     * Starts watching every folder of the mailboxes, for a gateway that is the only one on its database; mailbox ids
     * must be unique. May be called again with more mailboxes.
     */
    public synchronized void start(List<MailboxConfig> mailboxes) {
        if (assignment != null) {
            throw new IllegalStateException("this gateway runs the mailboxes Kafka assigns to it (startAssigned); it cannot also run others");
        }
        requireUnique(mailboxes);
        started = true;
        mailboxes.forEach(this::run);
    }

    /**
     * Runs, of the given mailboxes, exactly those that Kafka assigns to this instance, for several gateways sharing one
     * ingest database and one Kafka cluster: every instance is given the same mailboxes and the same settings. The
     * instances form the consumer group {@link AssignmentSettings#groupId()} on {@code mailtune.mailbox-owners}
     * (grown here to a partition per mailbox if it has fewer); a mailbox runs where its partition is assigned. When an
     * instance leaves, dies or stalls past the session timeout, its mailboxes move to the others, whose producers fence
     * its own: nothing is published twice and nothing is lost. Returns at once; mailboxes start as they are assigned.
     */
    public void startAssigned(List<MailboxConfig> mailboxes, AssignmentSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("assignment settings are required, e.g. AssignmentSettings.defaults()");
        }
        MailboxAssignment created;
        synchronized (this) {
            if (started) {
                throw new IllegalStateException("this gateway was already started; startAssigned must be its only start");
            }
            requireUnique(mailboxes);
            created = new MailboxAssignment(bootstrapServers, producerOverrides, settings, mailboxes, this::runClaimed, this::stopClaimed, events);
            publisher.publishOnlyClaimedMailboxes();
            started = true;
            assignment = created;
        }
        created.start();
    }

    private void requireUnique(List<MailboxConfig> mailboxes) {
        Set<String> ids = new HashSet<>();
        for (MailboxConfig m : mailboxes) {
            if (!ids.add(m.id()) || running.containsKey(m.id())) {
                throw new IllegalArgumentException("mailbox id '" + m.id() + "' is configured twice; each mailbox needs its own id");
            }
        }
    }

    /** Takes a mailbox the group assigned here: fences its previous owner, then starts its watchers. */
    private void runClaimed(MailboxConfig mailbox) {
        try {
            publisher.claim(mailbox.id());
        } catch (RuntimeException e) {
            // The watchers fence and settle on their first connection, retrying with backoff.
            events.record(new MailboxEvent(mailbox.id(), "", MailboxEvent.Kind.CONNECTION_LOST,
                    "could not fence the previous owner at once; the watchers retry: " + e.getMessage(), Instant.now()));
        }
        synchronized (this) {
            run(mailbox);
        }
    }

    /** Gives a mailbox up: its watchers finish the batch in flight and stop, then its producer closes. */
    private void stopClaimed(String mailbox) {
        Map<String, FolderWatcher> folders;
        synchronized (this) {
            folders = running.remove(mailbox);
        }
        if (folders != null) {
            stopAll(folders.values());
        }
        publisher.release(mailbox);
    }

    private void run(MailboxConfig m) {
        Object mailboxLock = new Object();
        Map<String, FolderWatcher> folders = new LinkedHashMap<>();
        for (String folder : m.folders()) {
            FolderWatcher watcher = new FolderWatcher(m, folder, intake, publisher, checkpoints, events, maxMessageBytes, mailboxLock);
            folders.put(folder, watcher);
            Thread thread = new Thread(watcher, "imap-" + m.id() + "-" + folder);
            thread.setDaemon(true);
            thread.start();
        }
        running.put(m.id(), folders);
    }

    /** Closes watchers side by side: each waits for its batch in flight. */
    private static void stopAll(Iterable<FolderWatcher> watchers) {
        List<Thread> closing = new ArrayList<>();
        for (FolderWatcher w : watchers) {
            closing.add(Thread.ofVirtual().start(w::close));
        }
        for (Thread t : closing) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The ids of the mailboxes this gateway runs now. */
    public synchronized Set<String> mailboxes() {
        return Set.copyOf(running.keySet());
    }

    /** Watcher states by {@code mailbox/folder}, for the mailboxes running here. */
    public synchronized Map<String, WatcherState> states() {
        Map<String, WatcherState> out = new LinkedHashMap<>();
        running.forEach((mailbox, folders) -> folders.forEach((folder, w) -> out.put(mailbox + "/" + folder, w.state())));
        return out;
    }

    /** The watcher of one folder, or null when that mailbox does not run here. */
    public synchronized FolderWatcher watcher(String mailbox, String folder) {
        Map<String, FolderWatcher> folders = running.get(mailbox);
        return folders == null ? null : folders.get(folder);
    }

    /** The intake, for history importers sharing the same stores. */
    public MessageIntake intake() {
        return intake;
    }

    /**
     * The publisher, for history importers sharing the same stores. Under {@link #startAssigned} it publishes only for
     * the mailboxes running here.
     */
    public InboundPublisher publisher() {
        return publisher;
    }

    /** The database holding checkpoints, dedupe keys, threads and rejections. */
    public IngestDatabase database() {
        return db;
    }

    /** Mailbox events: connections, login problems, UIDVALIDITY changes, assignment changes. */
    public MailboxEvents events() {
        return events;
    }

    /** Rejected messages. */
    public Rejections rejections() {
        return rejections;
    }

    /** Leaves the group (the others take this instance's mailboxes at once), stops every watcher, then the Kafka clients. */
    @Override
    public void close() {
        MailboxAssignment leaving;
        synchronized (this) {
            leaving = assignment;
        }
        // Not under this gateway's lock: leaving the group stops mailboxes through it.
        if (leaving != null) {
            leaving.close();
        }
        List<FolderWatcher> left = new ArrayList<>();
        synchronized (this) {
            running.values().forEach(folders -> left.addAll(folders.values()));
            running.clear();
        }
        stopAll(left);
        publisher.close();
        db.close();
    }
}
