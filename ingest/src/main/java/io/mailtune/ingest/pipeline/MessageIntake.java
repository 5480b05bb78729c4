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
import java.util.List;

/**
 * Turns raw bytes into an {@link IntakeOutcome}: keeps the raw message, normalises, dedupes, classifies and threads.
 * A message that fails for any reason becomes a recorded rejection, so it never blocks the ones after it.
 */
public final class MessageIntake {

    private final MessageNormaliser normaliser;
    private final MessageLimits limits;
    private final RawMessageStore rawStore;
    private final IngestDatabase db;
    private final SeenMessages seen;
    private final ThreadIndex threads;
    private final Rejections rejections;

    /** An intake over the given stores. */
    public MessageIntake(MessageLimits limits, RawMessageStore rawStore, IngestDatabase db, ThreadIndex threads) {
        this.limits = limits;
        this.normaliser = new MessageNormaliser(limits);
        this.rawStore = rawStore;
        this.db = db;
        this.seen = new SeenMessages(db);
        this.threads = threads;
        this.rejections = new Rejections(db);
    }

    /** Processes one message of a mailbox. */
    public IntakeOutcome take(String mailbox, TrafficClassifier classifier, SourcedMessage message) {
        byte[] raw = message.raw();
        RawMessageRef rawRef = raw.length <= limits.maxMessageBytes() ? rawStore.store(raw) : null;
        NormalisedMessage normalised;
        try {
            normalised = normaliser.normalise(raw);
        } catch (RejectedMessageException e) {
            return reject(mailbox, message.source(), e.reason(), e.detail(), rawRef, raw.length);
        }
        if (seen.contains(mailbox, normalised.messageId(), normalised.contentHash())) {
            return new IntakeOutcome.Duplicate(message.source(), normalised.messageId());
        }
        List<MailFlag> flags = classifier.classify(normalised);
        boolean fromUs = flags.stream().anyMatch(f -> f.kind() == MailFlag.Kind.OWN_ADDRESS);
        String customer = customerOf(normalised, fromUs);
        String threadId = db.inTransaction(c -> threads.assign(c, mailbox, normalised, customer));
        InboundEmail email = new InboundEmail(InboundEmail.SCHEMA_VERSION, Ids.newId(), mailbox, normalised.messageId(), threadId,
                normalised.from(), normalised.to(), normalised.cc(), normalised.subject(), normalised.normalisedText(),
                normalised.sentAt(), Instant.now(), normalised.inReplyTo(), normalised.references(), rawRef, flags,
                normalised.attachments());
        return new IntakeOutcome.Accepted(message.source(), email, normalised.contentHash());
    }

    /** Records a message that was never read because the server reported it too large. */
    public IntakeOutcome rejectUnread(String mailbox, String source, long size) {
        return reject(mailbox, source, RejectionReason.TOO_LARGE, "message is " + size + " bytes; at most "
                + limits.maxMessageBytes() + " are accepted, so it was not downloaded", null, size);
    }

    private IntakeOutcome reject(String mailbox, String source, RejectionReason reason, String detail, RawMessageRef rawRef, long size) {
        // Deterministic id: the same message rejected again after a restart is recorded once.
        String id = Hashing.sha256Hex(mailbox + "\n" + source + "\n" + (rawRef == null ? size : rawRef.sha256())).substring(0, 32);
        Rejection rejection = new Rejection(id, mailbox, source, reason, detail, rawRef == null ? null : rawRef.sha256(),
                size, rawRef == null ? null : rawRef.location(), Instant.now());
        rejections.recordOnce(rejection);
        return new IntakeOutcome.Rejected(source, rejection);
    }

    /** The customer side of a conversation: the sender, or for mail from a support address its first recipient. */
    private static String customerOf(NormalisedMessage message, boolean fromUs) {
        EmailAddress customer = fromUs && !message.to().isEmpty() ? message.to().get(0) : message.from();
        return customer.normalised();
    }
}
