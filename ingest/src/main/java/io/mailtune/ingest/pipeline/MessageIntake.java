package io.mailtune.ingest.pipeline;

import io.mailtune.core.id.Hashing;
import io.mailtune.core.id.Ids;
import io.mailtune.core.mail.EmailAddress;
import io.mailtune.core.mail.InboundEmail;
import io.mailtune.core.mail.MailClassification;
import io.mailtune.core.mail.MailFlag;
import io.mailtune.core.mail.RawMessageRef;
import io.mailtune.ingest.classify.TrafficClassifier;
import io.mailtune.ingest.mime.MessageLimits;
import io.mailtune.ingest.mime.MessageNormaliser;
import io.mailtune.ingest.mime.NormalisedMessage;
import io.mailtune.ingest.mime.RejectedMessageException;
import io.mailtune.ingest.mime.RejectionReason;
import io.mailtune.ingest.store.IngestDatabase;
import io.mailtune.ingest.store.MailboxEvent;
import io.mailtune.ingest.store.MailboxEvents;
import io.mailtune.ingest.store.RawMessageStore;
import io.mailtune.ingest.store.Rejection;
import io.mailtune.ingest.store.Rejections;
import io.mailtune.ingest.store.SeenMessages;
import io.mailtune.ingest.thread.ThreadIndex;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns raw bytes into an {@link IntakeOutcome}: keeps the raw message, normalises, dedupes, classifies and threads.
 * A message that fails for any reason becomes a recorded rejection, so it never blocks the ones after it; a
 * duplicate becomes a recorded mailbox event naming the copy it repeats.
 */
public final class MessageIntake {

    private final MessageNormaliser normaliser;
    private final MessageLimits limits;
    private final RawMessageStore rawStore;
    private final IngestDatabase db;
    private final ThreadIndex threads;
    private final Rejections rejections;

    /** An intake over the given stores. */
    public MessageIntake(MessageLimits limits, RawMessageStore rawStore, IngestDatabase db, ThreadIndex threads) {
        this.limits = limits;
        this.normaliser = new MessageNormaliser(limits);
        this.rawStore = rawStore;
        this.db = db;
        this.threads = threads;
        this.rejections = new Rejections(db);
    }

    /** Processes one message of a mailbox. */
    public IntakeOutcome take(String mailbox, TrafficClassifier classifier, SourcedMessage message) {
        return takeAll(mailbox, classifier, List.of(message)).get(0);
    }

    /**
     * Processes a batch in order. Parsing runs on all cores; dedupe, threading and rejections then go through one
     * transaction, so a later message of the batch sees the threads of the earlier ones and a copy of an earlier
     * message in the same batch is a duplicate.
     */
    public List<IntakeOutcome> takeAll(String mailbox, TrafficClassifier classifier, List<SourcedMessage> messages) {
        List<Parsed> parsed = (messages.size() > 1 ? messages.parallelStream() : messages.stream()).map(this::parse).toList();
        return db.inTransaction(c -> {
            List<IntakeOutcome> out = new ArrayList<>(parsed.size());
            Map<String, String> inBatch = new HashMap<>();
            for (Parsed p : parsed) {
                if (p.rejection != null) {
                    out.add(reject(c, mailbox, p.source, p.rejection.reason(), p.rejection.detail(), p.rawRef, p.size));
                    continue;
                }
                NormalisedMessage m = p.message;
                String earlier = inBatch.putIfAbsent(SeenMessages.key(m.messageId(), m.contentHash()), p.source);
                String duplicateOf = earlier != null ? "the copy from " + earlier + " earlier in the same batch"
                        : SeenMessages.find(c, mailbox, m.messageId(), m.contentHash())
                        .map(seen -> "email " + seen.emailId() + " in thread " + seen.threadId()).orElse(null);
                if (duplicateOf != null) {
                    out.add(duplicate(c, mailbox, p.source, m.messageId(), duplicateOf));
                    continue;
                }
                List<MailFlag> flags = classifier.classify(m);
                boolean fromUs = flags.stream().anyMatch(f -> f.kind() == MailFlag.Kind.OWN_ADDRESS);
                String threadId = threads.assign(c, mailbox, m, customerOf(m, fromUs));
                InboundEmail email = InboundEmail.builder().emailId(Ids.newId()).mailbox(mailbox).messageId(m.messageId())
                        .threadId(threadId).from(m.from()).to(m.to()).cc(m.cc()).subject(m.subject())
                        .normalisedText(m.normalisedText()).sentAt(m.sentAt()).receivedAt(Instant.now()).inReplyTo(m.inReplyTo())
                        .references(m.references()).raw(p.rawRef).flags(flags).attachments(m.attachments()).forwarded(m.forwarded())
                        .classification(MailClassification.of(flags)).build();
                out.add(new IntakeOutcome.Accepted(p.source, email, m.contentHash()));
            }
            return out;
        });
    }

    /** The outcome of parsing one message: a normalised message or a rejection, with the stored raw bytes. */
    private record Parsed(String source, NormalisedMessage message, RejectedMessageException rejection, RawMessageRef rawRef, long size) {
    }

    private Parsed parse(SourcedMessage message) {
        byte[] raw = message.raw();
        try {
            NormalisedMessage normalised = normaliser.normalise(raw);
            return new Parsed(message.source(), normalised, null, rawStore.store(raw, normalised.rawSha256()), raw.length);
        } catch (RejectedMessageException e) {
            RawMessageRef rawRef = raw.length <= limits.maxMessageBytes() ? rawStore.store(raw) : null;
            return new Parsed(message.source(), null, e, rawRef, raw.length);
        }
    }

    /** A skipped duplicate, recorded as a mailbox event in the caller's transaction. */
    static IntakeOutcome.Duplicate duplicate(java.sql.Connection c, String mailbox, String source, String messageId, String duplicateOf)
            throws java.sql.SQLException {
        MailboxEvents.record(c, new MailboxEvent(mailbox, MailboxEvent.folderOf(source), MailboxEvent.Kind.DUPLICATE_SKIPPED,
                "Message-ID " + messageId + " from " + source + " duplicates " + duplicateOf + " (same Message-ID and content); skipped",
                Instant.now()));
        return new IntakeOutcome.Duplicate(source, messageId, duplicateOf);
    }

    /** Records a message that was never read because the server reported it too large. */
    public IntakeOutcome rejectUnread(String mailbox, String source, long size) {
        return db.inTransaction(c -> reject(c, mailbox, source, RejectionReason.TOO_LARGE, "message is " + size + " bytes; at most "
                + limits.maxMessageBytes() + " are accepted, so it was not downloaded", null, size));
    }

    private IntakeOutcome reject(java.sql.Connection c, String mailbox, String source, RejectionReason reason, String detail,
                                 RawMessageRef rawRef, long size) throws java.sql.SQLException {
        // Deterministic id: the same message rejected again after a restart is recorded once.
        String id = Hashing.sha256Hex(mailbox + "\n" + source + "\n" + (rawRef == null ? size : rawRef.sha256())).substring(0, 32);
        Rejection rejection = new Rejection(id, mailbox, source, reason, detail, rawRef == null ? null : rawRef.sha256(),
                size, rawRef == null ? null : rawRef.location(), Instant.now());
        rejections.recordOnce(c, rejection);
        return new IntakeOutcome.Rejected(source, rejection);
    }

    /** The customer side of a conversation: the sender, or for mail from a support address its first recipient. */
    private static String customerOf(NormalisedMessage message, boolean fromUs) {
        EmailAddress customer = fromUs && !message.to().isEmpty() ? message.to().get(0) : message.from();
        return customer.normalised();
    }
}
