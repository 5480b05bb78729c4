package io.mailtune.agent.embedded;

import io.mailtune.agent.config.DemoSettings;
import io.mailtune.demo.brightcart.SupportCase;
import io.mailtune.demo.brightcart.SupportCaseGenerator;
import io.mailtune.embedded.mail.EmbeddedMailServer;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Customers of the demo company who keep writing: a new support email every so often (the demo company's generator,
 * so the wording varies like real mail), sent over SMTP to the demo support mailbox, and follow-ups in the same
 * thread to some of the replies they receive, read from their own mailboxes over IMAP. Everything goes through the
 * mail protocols, as real customers' mail would.
 */
public final class SimulatedCustomer implements AutoCloseable {

    /** The IMAP password of every simulated customer's mailbox. */
    static final String PASSWORD = "customer";
    private static final Logger LOG = Logger.getLogger(SimulatedCustomer.class);
    private static final int MAX_OPEN = 500;

    private final EmbeddedMailServer server;
    private final DemoSettings.Customer settings;
    private final SupportCaseGenerator generator = SupportCaseGenerator.demo();
    private final long seed;
    private final Random random;
    private final Session session;
    /** Threads waiting for an answer, by the Message-ID of the customer's latest message in them. */
    private final Map<String, Conversation> waiting = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Conversation> eldest) {
            return size() > MAX_OPEN;
        }
    };
    private final Set<String> readReplies = new HashSet<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "simulated-customer");
        t.setDaemon(true);
        return t;
    });
    private int next;

    private record Conversation(SupportCase opening, String subject, List<String> references, int followUps) {
    }

    private SimulatedCustomer(EmbeddedMailServer server, DemoSettings.Customer settings) {
        if (settings.minInterval().isNegative() || settings.maxInterval().compareTo(settings.minInterval()) < 0
                || settings.maxInterval().isZero()) {
            throw new IllegalArgumentException("mailtune.demo.customer: max-interval must be positive and at least min-interval, was "
                    + settings.minInterval() + " .. " + settings.maxInterval());
        }
        if (settings.followUpProbability() < 0 || settings.followUpProbability() > 1) {
            throw new IllegalArgumentException("mailtune.demo.customer.follow-up-probability must be within 0 and 1, was "
                    + settings.followUpProbability());
        }
        this.server = server;
        this.settings = settings;
        this.seed = settings.seed() != 0 ? settings.seed() : new Random().nextLong();
        this.random = new Random(seed);
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(server.smtpPort()));
        props.put("mail.imap.host", "127.0.0.1");
        props.put("mail.imap.port", String.valueOf(server.imapPort()));
        this.session = Session.getInstance(props);
    }

    /** Starts writing to the demo support mailbox on {@code server}. */
    public static SimulatedCustomer start(EmbeddedMailServer server, DemoSettings.Customer settings) {
        SimulatedCustomer customer = new SimulatedCustomer(server, settings);
        customer.scheduleNext();
        long check = settings.replyCheckInterval().toMillis();
        customer.timer.scheduleWithFixedDelay(customer::answerReplies, check, check, TimeUnit.MILLISECONDS);
        LOG.infof("simulated customer: a new email every %s to %s, follow-ups to %.0f %% of replies (seed %d)",
                settings.minInterval().equals(settings.maxInterval()) ? settings.minInterval()
                        : settings.minInterval() + " .. " + settings.maxInterval(),
                DemoCompany.SUPPORT_ADDRESS, 100 * settings.followUpProbability(), customer.seed);
        return customer;
    }

    /** Stops writing; mail already sent stays. */
    @Override
    public void close() {
        timer.shutdownNow();
    }

    private void scheduleNext() {
        long min = settings.minInterval().toMillis();
        long span = settings.maxInterval().toMillis() - min;
        long wait = min + (span == 0 ? 0 : (long) (random.nextDouble() * span));
        timer.schedule(() -> {
            try {
                writeNew();
            } catch (RuntimeException | MessagingException e) {
                LOG.warnf("simulated customer could not send an email: %s", e.getMessage());
            } finally {
                if (!timer.isShutdown()) {
                    scheduleNext();
                }
            }
        }, wait, TimeUnit.MILLISECONDS);
    }

    private void writeNew() throws MessagingException {
        int index = next++;
        SupportCase c = generator.caseAt(seed, index);
        String messageId = "<live-" + Long.toUnsignedString(seed) + "-" + index + "@customers.brightcart.example>";
        send(c, messageId, null, List.of());
        waiting.put(messageId, new Conversation(c, c.subject(), List.of(messageId), 0));
    }

    private void answerReplies() {
        Set<String> addresses = new HashSet<>();
        waiting.values().forEach(c -> addresses.add(c.opening().customerEmail()));
        for (String address : addresses) {
            try {
                for (Message reply : unread(address)) {
                    answer(reply);
                }
            } catch (RuntimeException | MessagingException | java.io.IOException e) {
                LOG.warnf("simulated customer could not read the mailbox of %s: %s", address, e.getMessage());
            }
        }
    }

    private List<Message> unread(String address) throws MessagingException, java.io.IOException {
        List<Message> out = new ArrayList<>();
        Store store = session.getStore("imap");
        store.connect("127.0.0.1", server.imapPort(), address, PASSWORD);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            for (Message m : inbox.getMessages()) {
                String id = header(m, "Message-ID");
                if (id != null && readReplies.add(id)) {
                    MimeMessage copy = new MimeMessage((MimeMessage) m);
                    out.add(copy);
                }
            }
            inbox.close(false);
        } finally {
            store.close();
        }
        return out;
    }

    private void answer(Message reply) throws MessagingException, java.io.IOException {
        String inReplyTo = header(reply, "In-Reply-To");
        Conversation conversation = inReplyTo == null ? null : waiting.remove(inReplyTo.trim());
        if (conversation == null || conversation.followUps() >= settings.maxFollowUps()
                || random.nextDouble() >= settings.followUpProbability()) {
            return;
        }
        String replyId = header(reply, "Message-ID");
        SupportCase followUp = generator.followUp(seed, next++, conversation.opening(), text(reply));
        String messageId = "<live-" + Long.toUnsignedString(seed) + "-" + (next - 1) + "@customers.brightcart.example>";
        List<String> references = new ArrayList<>(conversation.references());
        references.add(replyId);
        send(followUp, messageId, replyId, references);
        references.add(messageId);
        waiting.put(messageId, new Conversation(conversation.opening(), followUp.subject(), references, conversation.followUps() + 1));
    }

    private void send(SupportCase c, String messageId, String inReplyTo, List<String> references) throws MessagingException {
        server.addUser(c.customerEmail(), PASSWORD);
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        try {
            m.setFrom(new InternetAddress(c.customerEmail(), c.customerName(), "UTF-8"));
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(DemoCompany.SUPPORT_ADDRESS));
        m.setSubject(c.subject(), "UTF-8");
        m.setSentDate(new java.util.Date());
        m.setText(c.body(), "UTF-8");
        if (inReplyTo != null) {
            m.setHeader("In-Reply-To", inReplyTo);
            m.setHeader("References", String.join(" ", references));
        }
        m.saveChanges();
        Transport.send(m);
        LOG.debugf("simulated customer %s wrote %s", c.customerEmail(), messageId);
    }

    private static String header(Message m, String name) throws MessagingException {
        String[] values = m.getHeader(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    private static String text(Message m) throws MessagingException, java.io.IOException {
        Object content = m.getContent();
        if (content instanceof String s) {
            return s;
        }
        if (content instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                if (multipart.getBodyPart(i).isMimeType("text/plain")) {
                    return String.valueOf(multipart.getBodyPart(i).getContent());
                }
            }
        }
        return "(no text)";
    }
}
