package io.mailtune.ingest.gateway;

import io.mailtune.ingest.imap.FolderWatcher;
import io.mailtune.ingest.imap.MailboxConfig;
import io.mailtune.ingest.imap.WatcherState;
import io.mailtune.ingest.pipeline.InboundPublisher;
import io.mailtune.ingest.pipeline.MessageIntake;
import io.mailtune.ingest.store.CheckpointStore;
import io.mailtune.ingest.store.IngestDatabase;
import io.mailtune.ingest.store.MailboxEvents;
import io.mailtune.ingest.store.RawMessageStore;
import io.mailtune.ingest.store.Rejections;
import io.mailtune.ingest.thread.ThreadIndex;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inbound side of Mailtune: one watcher thread per mailbox folder, all feeding one intake and one exactly-once
 * publisher. Several mailboxes, each with its own settings, run side by side.
 */
public final class MailGateway implements AutoCloseable {

    private final IngestDatabase db;
    private final MessageIntake intake;
    private final InboundPublisher publisher;
    private final CheckpointStore checkpoints;
    private final MailboxEvents events;
    private final Rejections rejections;
    private final long maxMessageBytes;
    private final Map<String, FolderWatcher> watchers = new LinkedHashMap<>();
    private final List<Thread> threads = new ArrayList<>();

    /** Opens the stores and the Kafka clients; {@link #start} then begins reading. */
    public MailGateway(GatewaySettings settings) {
        this.db = new IngestDatabase(settings.jdbcUrl(), settings.jdbcUser(), settings.jdbcPassword());
        this.intake = new MessageIntake(settings.limits(), new RawMessageStore(settings.rawStoreDir()), db, new ThreadIndex(settings.subjectWindow()));
        this.publisher = new InboundPublisher(settings.bootstrapServers(), db, settings.producerOverrides(), settings.ackTimeout());
        this.checkpoints = new CheckpointStore(db);
        this.events = new MailboxEvents(db);
        this.rejections = new Rejections(db);
        this.maxMessageBytes = settings.limits().maxMessageBytes();
    }

    /** Starts watching every folder of the mailboxes; mailbox ids must be unique. */
    public synchronized void start(List<MailboxConfig> mailboxes) {
        Set<String> ids = new HashSet<>();
        for (MailboxConfig m : mailboxes) {
            if (!ids.add(m.id()) || watchers.keySet().stream().anyMatch(k -> k.startsWith(m.id() + "/"))) {
                throw new IllegalArgumentException("mailbox id '" + m.id() + "' is configured twice; each mailbox needs its own id");
            }
        }
        for (MailboxConfig m : mailboxes) {
            Object mailboxLock = new Object();
            for (String folder : m.folders()) {
                FolderWatcher watcher = new FolderWatcher(m, folder, intake, publisher, checkpoints, events, maxMessageBytes, mailboxLock);
                watchers.put(m.id() + "/" + folder, watcher);
                Thread thread = new Thread(watcher, "imap-" + m.id() + "-" + folder);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
        }
    }

    /** Watcher states by {@code mailbox/folder}. */
    public synchronized Map<String, WatcherState> states() {
        Map<String, WatcherState> out = new LinkedHashMap<>();
        watchers.forEach((k, w) -> out.put(k, w.state()));
        return out;
    }

    /** The watcher of one folder, or null. */
    public synchronized FolderWatcher watcher(String mailbox, String folder) {
        return watchers.get(mailbox + "/" + folder);
    }

    /** The intake, for history importers sharing the same stores. */
    public MessageIntake intake() {
        return intake;
    }

    /** The publisher, for history importers sharing the same stores. */
    public InboundPublisher publisher() {
        return publisher;
    }

    /** The database holding checkpoints, dedupe keys, threads and rejections. */
    public IngestDatabase database() {
        return db;
    }

    /** Mailbox events: connections, login problems, UIDVALIDITY changes. */
    public MailboxEvents events() {
        return events;
    }

    /** Rejected messages. */
    public Rejections rejections() {
        return rejections;
    }

    /** Stops every watcher, then the Kafka clients. */
    @Override
    public synchronized void close() {
        watchers.values().forEach(FolderWatcher::close);
        publisher.close();
        db.close();
    }
}
