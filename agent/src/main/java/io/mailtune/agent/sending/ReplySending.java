package io.mailtune.agent.sending;

import io.mailtune.agent.config.InstanceId;
import io.mailtune.agent.config.OperationSettings;
import io.mailtune.agent.mail.MailHost;
import io.mailtune.agent.mail.Mailbox;
import io.mailtune.agent.mail.Mailboxes;
import io.mailtune.agent.store.DraftStore;
import io.mailtune.agent.store.EmailStore;
import io.mailtune.agent.store.OutgoingReply;
import io.mailtune.agent.store.ReplyStore;
import io.mailtune.core.mail.InboundEmail;
import io.mailtune.ingest.smtp.OutboundReply;
import io.mailtune.ingest.smtp.ReplySender;
import io.mailtune.ingest.smtp.SendResult;
import io.mailtune.ingest.smtp.SentReplies;
import io.mailtune.ingest.thread.ThreadIndex;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends approved replies over SMTP with ingest's {@link ReplySender}: in the customer's thread (In-Reply-To and
 * References of the email answered), at most once per reply id (the sender's claim table), retried with doubling
 * backoff while the server is down. A reply the sender finds already claimed by a crashed attempt is marked IN_DOUBT
 * for a person to check, never sent blindly again.
 */
@ApplicationScoped
public class ReplySending {

    private static final Logger LOG = Logger.getLogger(ReplySending.class);
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final ReplyStore replies;
    private final DraftStore drafts;
    private final EmailStore emails;
    private final Mailboxes mailboxes;
    private final MailHost mail;
    private final OperationSettings settings;
    private final String owner;
    private final Map<String, ReplySender> senders = new ConcurrentHashMap<>();
    private final Counter sent;
    private final Counter failures;
    private Thread thread;
    private volatile boolean running;

    ReplySending(ReplyStore replies, DraftStore drafts, EmailStore emails, Mailboxes mailboxes, MailHost mail,
                 OperationSettings settings, InstanceId instance, MeterRegistry registry) {
        this.replies = replies;
        this.drafts = drafts;
        this.emails = emails;
        this.mailboxes = mailboxes;
        this.mail = mail;
        this.settings = settings;
        this.owner = instance.get();
        this.sent = Counter.builder("mailtune.replies.sent").description("replies handed to SMTP").register(registry);
        this.failures = Counter.builder("mailtune.replies.failures").description("failed SMTP attempts (retried)").register(registry);
        Gauge.builder("mailtune.replies.pending", replies, ReplyStore::pending).description("approved replies waiting for SMTP")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "reply-sender");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                List<OutgoingReply> due = replies.claimDue(owner, LEASE, 20);
                for (OutgoingReply reply : due) {
                    send(reply);
                }
                if (due.isEmpty()) {
                    Thread.sleep(settings.sendInterval().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.errorf(e, "reply sender failed; retrying");
                    sleep(settings.sendInterval().toMillis() * 4);
                }
            }
        }
    }

    /** Sends one claimed reply, recording the outcome. */
    void send(OutgoingReply reply) {
        try {
            Mailbox mailbox = mailboxes.get(reply.mailbox()).orElseThrow(() -> new IllegalStateException(
                    "reply " + reply.replyId() + " answers from mailbox '" + reply.mailbox() + "', which is not configured"));
            InboundEmail email = drafts.find(reply.draftId()).flatMap(d -> emails.find(d.emailId()))
                    .orElseThrow(() -> new IllegalStateException("reply " + reply.replyId() + " has no stored email")).email();
            SendResult result = sender(mailbox).send(new OutboundReply(reply.replyId(), reply.mailbox(), reply.threadId(),
                    email.from(), List.of(), email.subject(), email.messageId(), email.references(), reply.body()));
            switch (result) {
                case SendResult.Sent s -> {
                    replies.sent(reply.replyId(), s.messageId());
                    sent.increment();
                    LOG.infof("reply %s sent to %s as %s", reply.replyId(), email.from().address(), s.messageId());
                }
                case SendResult.AlreadyHandled h when "SENT".equals(h.status()) -> replies.sent(reply.replyId(), h.messageId());
                case SendResult.AlreadyHandled h -> {
                    replies.inDoubt(reply.replyId(), h.messageId(), "a previous attempt was interrupted while sending ("
                            + h.status() + "); check the customer's mailbox before resending");
                    LOG.warnf("reply %s is in doubt: an earlier attempt was interrupted mid-send; not resent", reply.replyId());
                }
            }
        } catch (RuntimeException e) {
            failures.increment();
            Duration wait = backoff(reply.attempts());
            replies.retryAt(reply.replyId(), e.getMessage(), Instant.now().plus(wait));
            LOG.warnf("reply %s not sent (attempt %d): %s; retrying in %d s", reply.replyId(), reply.attempts() + 1,
                    e.getMessage(), wait.toSeconds());
        }
    }

    /** The wait after {@code attempts} failures: the first retry, doubled each time, capped. */
    Duration backoff(int attempts) {
        long first = settings.sendFirstRetry().toMillis();
        long max = settings.sendMaxRetry().toMillis();
        long wait = first << Math.min(Math.max(attempts, 0), 20);
        return Duration.ofMillis(Math.min(max, wait));
    }

    private ReplySender sender(Mailbox mailbox) {
        return senders.computeIfAbsent(mailbox.id(), id -> new ReplySender(mailbox.smtp(),
                new SentReplies(mail.ingestDatabase(), new ThreadIndex(Duration.ofDays(90)))));
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
