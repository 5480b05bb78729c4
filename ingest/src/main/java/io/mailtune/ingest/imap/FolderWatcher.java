package io.mailtune.ingest.imap;

import io.mailtune.ingest.classify.TrafficClassifier;
import io.mailtune.ingest.pipeline.InboundPublisher;
import io.mailtune.ingest.pipeline.IntakeOutcome;
import io.mailtune.ingest.pipeline.MailboxFencedException;
import io.mailtune.ingest.pipeline.MessageIntake;
import io.mailtune.ingest.pipeline.SourcedMessage;
import io.mailtune.ingest.store.Checkpoint;
import io.mailtune.ingest.store.CheckpointStore;
import io.mailtune.ingest.store.MailboxEvent;
import io.mailtune.ingest.store.MailboxEvents;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.eclipse.angus.mail.imap.protocol.UIDSet;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads one folder of one mailbox, forever: connects (reconnecting with backoff), settles an interrupted batch,
 * checks UIDVALIDITY against the checkpoint, fetches UIDs and sizes of everything after the checkpoint, then the
 * bodies in batches, publishes them and advances the checkpoint only after Kafka committed them. Then it waits with
 * IDLE when offered, else polls. Reads are peeks on a read-only folder: nothing changes on the server unless
 * {@link MailboxConfig#afterIngest()} says so.
 */
public final class FolderWatcher implements Runnable, AutoCloseable {

    private static final long BATCH_BYTES = 8L << 20;

    private final MailboxConfig config;
    private final String folderName;
    private final MessageIntake intake;
    private final InboundPublisher publisher;
    private final CheckpointStore checkpoints;
    private final MailboxEvents events;
    private final TrafficClassifier classifier;
    private final long maxMessageBytes;
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));
    private final ScheduledExecutorService idleBreaker;
    private final ExecutorService fetcher;
    private final AtomicLong published = new AtomicLong();
    private volatile boolean running = true;
    private volatile WatcherState state = WatcherState.STARTING;
    private volatile String lastProblem;
    private volatile IMAPFolder openFolder;
    private volatile Thread thread;
    private final Object wakeUp = new Object();
    private final Object mailboxLock;

    /** A watcher for one folder; call {@link #run} on a thread of its own. Watchers of one mailbox share {@code mailboxLock}. */
    public FolderWatcher(MailboxConfig config, String folderName, MessageIntake intake, InboundPublisher publisher,
                         CheckpointStore checkpoints, MailboxEvents events, long maxMessageBytes, Object mailboxLock) {
        if (mailboxLock == null) {
            throw new IllegalArgumentException("mailboxLock is required: the watchers of one mailbox's folders share it");
        }
        this.mailboxLock = mailboxLock;
        if (!config.folders().contains(folderName)) {
            throw new IllegalArgumentException("folder '" + folderName + "' is not among mailbox '" + config.id() + "' folders " + config.folders());
        }
        this.config = config;
        this.folderName = folderName;
        this.intake = intake;
        this.publisher = publisher;
        this.checkpoints = checkpoints;
        this.events = events;
        this.classifier = new TrafficClassifier(config.ownAddresses());
        this.maxMessageBytes = maxMessageBytes;
        this.fetcher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "imap-fetch-" + config.id() + "-" + folderName);
            t.setDaemon(true);
            return t;
        });
        this.idleBreaker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "imap-idle-renew-" + config.id() + "-" + folderName);
            t.setDaemon(true);
            return t;
        });
    }

    /** The current state. */
    public WatcherState state() {
        return state;
    }

    /** The last connection or login problem, or null. */
    public String lastProblem() {
        return lastProblem;
    }

    /** Messages published since start. */
    public long published() {
        return published.get();
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        while (running) {
            try {
                connectAndRead();
            } catch (TokenRevokedException e) {
                problem(WatcherState.NEEDS_REAUTHORISATION, MailboxEvent.Kind.AUTHENTICATION_FAILED,
                        "OAuth2 grant for " + config.username() + " is revoked or expired: " + e.getMessage());
                pause(Duration.ofMinutes(5));
            } catch (AuthenticationFailedException e) {
                if (config.auth() instanceof ImapAuth.OAuth2 oauth) {
                    oauth.tokens().invalidate();
                }
                problem(WatcherState.NEEDS_REAUTHORISATION, MailboxEvent.Kind.AUTHENTICATION_FAILED,
                        config.host() + " refused the login of " + config.username() + ": " + e.getMessage());
                pause(backoff.next());
            } catch (MailboxFencedException e) {
                // Recorded even while stopping: a stalled owner's late commit failing is what an operator looks for.
                problem(WatcherState.RECONNECTING, MailboxEvent.Kind.FENCED, e.getMessage());
                if (!running) {
                    break;
                }
                pause(backoff.next());
            } catch (MessagingException | IOException | RuntimeException e) {
                if (!running) {
                    break;
                }
                problem(WatcherState.RECONNECTING, MailboxEvent.Kind.CONNECTION_LOST, describe(e));
                pause(backoff.next());
            }
        }
        state = WatcherState.STOPPED;
    }

    private void connectAndRead() throws MessagingException, IOException, TokenRevokedException {
        Store store = ImapSessions.session(config).getStore(ImapSessions.protocol(config));
        try {
            store.connect(config.host(), config.port(), config.username(), secret());
            int settled = publisher.recover(config.id());
            if (settled > 0) {
                events.record(new MailboxEvent(config.id(), folderName, MailboxEvent.Kind.INTERRUPTED_BATCH_SETTLED, settled
                        + " messages published before an interruption were found in Kafka and recorded; they are not published again",
                        Instant.now()));
            }
            IMAPFolder folder = (IMAPFolder) store.getFolder(folderName);
            folder.open(config.afterIngest() == AfterIngest.NOTHING ? Folder.READ_ONLY : Folder.READ_WRITE);
            openFolder = folder;
            boolean idle = config.idle() && ((IMAPStore) store).hasCapability("IDLE");
            if (state != WatcherState.CONNECTED) {
                events.record(new MailboxEvent(config.id(), folderName, MailboxEvent.Kind.CONNECTED,
                        "connected to " + config.host() + ":" + config.port() + (idle ? " with IDLE" : " polling every " + config.pollInterval()),
                        Instant.now()));
            }
            state = WatcherState.CONNECTED;
            lastProblem = null;
            backoff.reset();
            while (running) {
                int known = folder.getMessageCount();
                readNew(folder);
                if (!running) {
                    break;
                }
                if (idle) {
                    // Mail announced while we were reading would not wake a new IDLE: read again first.
                    if (folder.getMessageCount() == known) {
                        idleOnce(folder);
                    }
                } else {
                    pause(config.pollInterval());
                }
            }
        } finally {
            openFolder = null;
            try {
                store.close();
            } catch (MessagingException ignored) {
                // The connection is being dropped anyway; the next attempt opens a new one.
            }
        }
    }

    private String secret() throws TokenRevokedException, IOException {
        return switch (config.auth()) {
            case ImapAuth.Password p -> p.password();
            case ImapAuth.OAuth2 o -> o.tokens().token().value();
        };
    }

    /** Reads everything after the checkpoint, batch by batch, until the folder has nothing new. */
    void readNew(IMAPFolder folder) throws MessagingException {
        long validity = folder.getUIDValidity();
        Checkpoint checkpoint = checkpoints.find(config.id(), folderName).orElse(null);
        long lastUid;
        if (checkpoint == null) {
            lastUid = config.firstSync() == FirstSync.ALL ? 0 : highestUid(folder);
            checkpoints.save(config.id(), folderName, new Checkpoint(validity, lastUid));
        } else if (checkpoint.uidValidity() != validity) {
            events.record(new MailboxEvent(config.id(), folderName, MailboxEvent.Kind.UIDVALIDITY_CHANGED, "UIDVALIDITY of "
                    + folderName + " changed from " + checkpoint.uidValidity() + " to " + validity + " (last UID read was "
                    + checkpoint.lastUid() + "); re-reading the folder, skipping messages already published by Message-ID and content",
                    Instant.now()));
            lastUid = 0;
            checkpoints.save(config.id(), folderName, new Checkpoint(validity, 0));
        } else {
            lastUid = checkpoint.lastUid();
        }
        List<long[]> pending = uidsAndSizesAfter(folder, lastUid);
        List<List<long[]>> batches = new ArrayList<>();
        int i = 0;
        while (i < pending.size()) {
            List<long[]> batch = new ArrayList<>();
            long bytes = 0;
            while (i < pending.size() && batch.size() < config.fetchBatchSize() && (batch.isEmpty() || bytes + pending.get(i)[1] <= BATCH_BYTES)) {
                long[] next = pending.get(i++);
                batch.add(next);
                bytes += next[1] <= maxMessageBytes ? next[1] : 0;
            }
            batches.add(batch);
        }
        // The next batch's bodies download while this one is normalised and published: fetch and processing overlap.
        CompletableFuture<Map<Long, byte[]>> next = batches.isEmpty() ? null : prefetch(folder, batches.get(0));
        for (int b = 0; b < batches.size() && running; b++) {
            Map<Long, byte[]> bodies = await(next);
            next = b + 1 < batches.size() ? prefetch(folder, batches.get(b + 1)) : null;
            handleBatch(folder, validity, batches.get(b), bodies);
        }
        if (next != null) {
            await(next);
        }
    }

    private CompletableFuture<Map<Long, byte[]>> prefetch(IMAPFolder folder, List<long[]> batch) {
        List<Long> toFetch = new ArrayList<>();
        for (long[] uidAndSize : batch) {
            if (uidAndSize[1] <= maxMessageBytes) {
                toFetch.add(uidAndSize[0]);
            }
        }
        if (toFetch.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return bodies(folder, toFetch);
            } catch (MessagingException e) {
                throw new CompletionException(e);
            }
        }, fetcher);
    }

    private static Map<Long, byte[]> await(CompletableFuture<Map<Long, byte[]>> bodies) throws MessagingException {
        try {
            return bodies.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof MessagingException m) {
                throw m;
            }
            throw e;
        }
    }

    private void handleBatch(IMAPFolder folder, long validity, List<long[]> batch, Map<Long, byte[]> bodies) throws MessagingException {
        List<SourcedMessage> fetched = new ArrayList<>();
        List<Long> fetchedUids = new ArrayList<>();
        List<IntakeOutcome> outcomes = new ArrayList<>();
        List<Long> outcomeUids = new ArrayList<>();
        for (long[] uidAndSize : batch) {
            long uid = uidAndSize[0];
            String source = "imap:" + folderName + "/uid:" + uid + "/uidvalidity:" + validity;
            if (uidAndSize[1] > maxMessageBytes) {
                outcomes.add(intake.rejectUnread(config.id(), source, uidAndSize[1]));
                outcomeUids.add(uid);
            } else if (bodies.containsKey(uid)) {
                fetched.add(new SourcedMessage(source, bodies.get(uid)));
                fetchedUids.add(uid);
            }
        }
        List<IntakeOutcome.Accepted> accepted = new ArrayList<>();
        List<Long> handled = new ArrayList<>();
        long highest = batch.get(batch.size() - 1)[0];
        // Folders of one mailbox share its dedupe keys: one batch at a time, or a message filed in two folders
        // (Gmail labels) could pass dedupe in both before either is recorded.
        synchronized (mailboxLock) {
            outcomes.addAll(intake.takeAll(config.id(), classifier, fetched));
            outcomeUids.addAll(fetchedUids);
            for (int k = 0; k < outcomes.size(); k++) {
                if (outcomes.get(k) instanceof IntakeOutcome.Accepted a) {
                    accepted.add(a);
                }
                if (!(outcomes.get(k) instanceof IntakeOutcome.Rejected)) {
                    handled.add(outcomeUids.get(k));
                }
            }
            publisher.publish(config.id(), accepted, c -> checkpoints.save(c, config.id(), folderName, new Checkpoint(validity, highest)));
        }
        published.addAndGet(accepted.size());
        afterIngest(folder, handled);
    }

    private void afterIngest(IMAPFolder folder, List<Long> uids) throws MessagingException {
        if (config.afterIngest() == AfterIngest.NOTHING || uids.isEmpty()) {
            return;
        }
        Message[] messages = folder.getMessagesByUID(uids.stream().mapToLong(Long::longValue).toArray());
        List<Message> present = new ArrayList<>();
        for (Message m : messages) {
            if (m != null) {
                present.add(m);
            }
        }
        Message[] targets = present.toArray(Message[]::new);
        if (config.afterIngest() == AfterIngest.MARK_SEEN) {
            folder.setFlags(targets, new jakarta.mail.Flags(jakarta.mail.Flags.Flag.SEEN), true);
        } else {
            folder.moveMessages(targets, folder.getStore().getFolder(config.moveTo()));
        }
    }

    /** UIDs and sizes after {@code lastUid}, oldest first: the cheap first pass before any body is fetched. */
    @SuppressWarnings("unchecked")
    private List<long[]> uidsAndSizesAfter(IMAPFolder folder, long lastUid) throws MessagingException {
        return (List<long[]>) folder.doCommand(protocol -> {
            Response[] responses = protocol.command("UID FETCH " + (lastUid + 1) + ":* (UID RFC822.SIZE)", null);
            List<long[]> out = new ArrayList<>();
            for (Response r : responses) {
                if (r instanceof FetchResponse fetch) {
                    UID uid = fetch.getItem(UID.class);
                    RFC822SIZE size = fetch.getItem(RFC822SIZE.class);
                    // "n:*" always matches the highest UID, even when it is below n.
                    if (uid != null && uid.uid > lastUid) {
                        out.add(new long[]{uid.uid, size == null ? 0 : size.size});
                    }
                }
            }
            protocol.notifyResponseHandlers(responses);
            protocol.handleResult(responses[responses.length - 1]);
            out.sort((a, b) -> Long.compare(a[0], b[0]));
            return out;
        });
    }

    /** Raw bodies of the given UIDs in one command, as peeks so the \Seen flag stays untouched. */
    @SuppressWarnings("unchecked")
    private Map<Long, byte[]> bodies(IMAPFolder folder, List<Long> uids) throws MessagingException {
        String set = UIDSet.toString(UIDSet.createUIDSets(uids.stream().mapToLong(Long::longValue).toArray()));
        return (Map<Long, byte[]>) folder.doCommand(protocol -> {
            Response[] responses = protocol.command("UID FETCH " + set + " (UID BODY.PEEK[])", null);
            Map<Long, byte[]> out = new HashMap<>();
            for (Response r : responses) {
                if (r instanceof FetchResponse fetch) {
                    UID uid = fetch.getItem(UID.class);
                    BODY body = fetch.getItem(BODY.class);
                    if (uid != null && body != null && body.getByteArray() != null) {
                        out.put(uid.uid, body.getByteArray().getNewBytes());
                    }
                }
            }
            protocol.notifyResponseHandlers(responses);
            protocol.handleResult(responses[responses.length - 1]);
            return out;
        });
    }

    private long highestUid(IMAPFolder folder) throws MessagingException {
        long next = folder.getUIDNext();
        if (next > 0) {
            return next - 1;
        }
        List<long[]> last = uidsAndSizesAfter(folder, 0);
        return last.isEmpty() ? 0 : last.get(last.size() - 1)[0];
    }

    /** One IDLE, ended by new mail or by a NOOP from another thread after {@link MailboxConfig#idleRefresh()}. */
    private void idleOnce(IMAPFolder folder) throws MessagingException {
        ScheduledFuture<?> renew = idleBreaker.schedule(() -> wake(folder), config.idleRefresh().toMillis(), TimeUnit.MILLISECONDS);
        try {
            folder.idle(true);
        } finally {
            renew.cancel(false);
        }
    }

    private static void wake(IMAPFolder folder) {
        try {
            folder.doCommand(protocol -> {
                protocol.simpleCommand("NOOP", null);
                return null;
            });
        } catch (MessagingException | RuntimeException ignored) {
            // The connection is gone; the watcher's own read fails and reconnects.
        }
    }

    private void problem(WatcherState newState, MailboxEvent.Kind kind, String detail) {
        boolean changed = newState != state || !detail.equals(lastProblem);
        lastProblem = detail;
        if (changed) {
            try {
                events.record(new MailboxEvent(config.id(), folderName, kind, detail, Instant.now()));
            } catch (RuntimeException databaseDown) {
                lastProblem = detail + " (and the event could not be recorded: " + databaseDown.getMessage() + ")";
            }
        }
        // The event is on record before the state says so: whoever sees the new state can read why.
        state = newState;
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    /** Waits without interrupts: interrupting a thread inside JDBC or Kafka I/O can close shared channels. */
    private void pause(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        synchronized (wakeUp) {
            long left;
            while (running && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(wakeUp, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Stops after the current batch: ends an IDLE or a pause, then closes the connection. */
    @Override
    public void close() {
        running = false;
        IMAPFolder folder = openFolder;
        if (folder != null) {
            wake(folder);
        }
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        idleBreaker.shutdownNow();
        fetcher.shutdownNow();
        state = WatcherState.STOPPED;
    }
}
