package io.mailtune.ingest.pipeline;

import io.mailtune.core.id.Hashing;
import io.mailtune.core.id.Ids;
import io.mailtune.core.mail.EmailAddress;
import io.mailtune.core.mail.InboundEmail;
import io.mailtune.core.mail.MailFlag;
import io.mailtune.core.mail.RawMessageRef;
import io.mailtune.ingest.classify.TrafficClassifier;
import io.mailtune.ingest.mime.MessageLimits;
import io.mailtune.ingest.mime.MessageNormaliser;
import io.mailtune.ingest.mime.NormalisedMessage;
import io.mailtune.ingest.mime.RejectedMessageException;
import io.mailtune.ingest.mime.RejectionReason;
import io.mailtune.ingest.store.IngestDatabase;
import io.mailtune.ingest.store.RawMessageStore;
import io.mailtune.ingest.store.Rejection;
import io.mailtune.ingest.store.Rejections;
import io.mailtune.ingest.store.SeenMessages;
import io.mailtune.ingest.thread.ThreadIndex;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns raw bytes into an {@link IntakeOutcome}: keeps the raw message, normalises, dedupes, classifies and threads.
 * A message that fails for any reason becomes a recorded rejection, so it never blocks the ones after it.
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
            Set<String> inBatch = new HashSet<>();
            for (Parsed p : parsed) {
                if (p.rejection != null) {
                    out.add(reject(c, mailbox, p.source, p.rejection.reason(), p.rejection.detail(), p.rawRef, p.size));
                    continue;
                }
                NormalisedMessage m = p.message;
                if (!inBatch.add(m.messageId() + "\n" + m.contentHash()) || SeenMessages.contains(c, mailbox, m.messageId(), m.contentHash())) {
                    out.add(new IntakeOutcome.Duplicate(p.source, m.messageId()));
                    continue;
                }
                List<MailFlag> flags = classifier.classify(m);
                boolean fromUs = flags.stream().anyMatch(f -> f.kind() == MailFlag.Kind.OWN_ADDRESS);
                String threadId = threads.assign(c, mailbox, m, customerOf(m, fromUs));
                InboundEmail email = new InboundEmail(InboundEmail.SCHEMA_VERSION, Ids.newId(), mailbox, m.messageId(), threadId,
                        m.from(), m.to(), m.cc(), m.subject(), m.normalisedText(), m.sentAt(), Instant.now(), m.inReplyTo(),
                        m.references(), p.rawRef, flags, m.attachments());
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
