package io.mailtune.ingest.gateway;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/** Customers writing all the time: appends a message to each mailbox's folder in turn, at a steady pace, over IMAP. */
final class Feeder implements AutoCloseable {

    private final Map<String, String> folders;
    private final Duration every;
    private final Store store;
    private final Map<String, Long> appendedAt = new ConcurrentHashMap<>();
    private final Map<String, String> mailboxOf = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Exception failure;

    /** Feeds the folders of {@code folders} (mailbox → folder) through the IMAP server at {@code imapPort}. */
    Feeder(int imapPort, String login, String password, String support, Map<String, String> folders, Duration every) throws Exception {
        this.folders = Map.copyOf(folders);
        this.every = every;
        this.store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", imapPort, login, password);
        for (String folder : folders.values()) {
            Folder f = store.getFolder(folder);
            if (!f.exists()) {
                f.create(Folder.HOLDS_MESSAGES);
            }
        }
        this.thread = new Thread(() -> feed(support), "feeder");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void feed(String support) {
        List<String> mailboxes = folders.keySet().stream().sorted().toList();
        Session session = Session.getInstance(new Properties());
        try {
            for (int i = 0; running; i++) {
                String mailbox = mailboxes.get(i % mailboxes.size());
                String messageId = "<" + i + "." + mailbox + "@customer.example>";
                MimeMessage m = new MimeMessage(session) {
                    @Override
                    protected void updateMessageID() throws jakarta.mail.MessagingException {
                        setHeader("Message-ID", messageId);
                    }
                };
                m.setFrom(new InternetAddress("customer" + (i % 13) + "@customer.example"));
                m.setRecipients(Message.RecipientType.TO, support);
                m.setSubject("Order question " + i);
                m.setText("Hello, where is order " + i + "? " + "Some words about it. ".repeat(10), "UTF-8");
                m.saveChanges();
                store.getFolder(folders.get(mailbox)).appendMessages(new Message[]{m});
                appendedAt.put(messageId, System.currentTimeMillis());
                mailboxOf.put(messageId, mailbox);
                Thread.sleep(every.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure = e;
        }
    }

    /** Stops appending and returns when each message was appended, by Message-ID. */
    Map<String, Long> stop() throws Exception {
        running = false;
        thread.join(10_000);
        if (failure != null) {
            throw failure;
        }
        return Map.copyOf(appendedAt);
    }

    /** The mailbox a message was appended to. */
    String mailboxOf(String messageId) {
        return mailboxOf.get(messageId);
    }

    /** When a message was appended (epoch milliseconds), or null. */
    Long appendedAt(String messageId) {
        return appendedAt.get(messageId);
    }

    @Override
    public void close() throws Exception {
        running = false;
        thread.join(10_000);
        store.close();
    }
}
