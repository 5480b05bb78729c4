package io.mailtune.agent.flow;

import io.mailtune.embedded.kafka.EmbeddedKafkaBroker;
import io.mailtune.embedded.mail.EmbeddedMailServer;
import io.mailtune.testing.PostgresDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real servers the agent's Quarkus tests run against: a PostgreSQL database, a KRaft broker on a fixed port (so a
 * test can stop it and start it again where the agent expects it), GreenMail as the support mailbox (IMAP) and a second
 * GreenMail as the outgoing SMTP relay that holds the customers' mailboxes (so a test can take SMTP down alone).
 */
public final class AgentTestResources implements QuarkusTestResourceLifecycleManager {

    /** The support address of the test company. */
    public static final String SUPPORT = "support@acme.example";
    /** The admin's password, from the environment variable the surefire configuration sets. */
    public static final String ADMIN_PASSWORD = System.getenv("MAILTUNE_TEST_ADMIN_PASSWORD");
    /** The test company's signature. */
    public static final String SIGNATURE = "Warm wishes,\nThe Acme Help Team";

    private static volatile AgentTestResources current;

    private Path dir;
    private PostgresDatabase postgres;
    private EmbeddedKafkaBroker broker;
    private int kafkaPort;
    private EmbeddedMailServer mailbox;
    private EmbeddedMailServer relay;
    private int relayImapPort;
    private int relaySmtpPort;

    /** The running resources. */
    public static AgentTestResources current() {
        return current;
    }

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("mailtune-agent-test");
            postgres = new PostgresDatabase();
            postgres.beforeAll(null);
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the agent's test database: " + e.getMessage(), e);
        }
        kafkaPort = freePort();
        broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), kafkaPort);
        mailbox = EmbeddedMailServer.start(0, 0);
        mailbox.addUser(SUPPORT, System.getenv("MAILTUNE_TEST_IMAP_PASSWORD"));
        relayImapPort = freePort();
        relaySmtpPort = freePort();
        relay = EmbeddedMailServer.start(relayImapPort, relaySmtpPort);
        current = this;
        Map<String, String> config = new HashMap<>();
        config.put("mailtune.storage.data-dir", dir.resolve("agent").toString());
        config.put("mailtune.database.url", postgres.jdbcUrl());
        config.put("mailtune.database.username", postgres.user());
        config.put("mailtune.kafka.bootstrap-servers", broker.bootstrapServers());
        String m = "mailtune.mail.mailboxes.support.";
        config.put(m + "host", "127.0.0.1");
        config.put(m + "port", String.valueOf(mailbox.imapPort()));
        config.put(m + "security", "NONE");
        config.put(m + "username", SUPPORT);
        config.put(m + "password-env", "MAILTUNE_TEST_IMAP_PASSWORD");
        config.put(m + "address", SUPPORT);
        config.put(m + "first-sync", "ALL");
        // Polling, not IDLE: a message delivered between a read and the next IDLE was seen to wait for the next event.
        config.put(m + "idle", "false");
        config.put(m + "poll-interval", "300ms");
        config.put(m + "smtp.host", "127.0.0.1");
        config.put(m + "smtp.port", String.valueOf(relaySmtpPort));
        config.put(m + "smtp.security", "NONE");
        config.put("mailtune.company.name", "Acme Gadgets");
        config.put("mailtune.company.signature", SIGNATURE);
        config.put("mailtune.company.tone", "warm and brief");
        config.put("mailtune.security.admin-password-env", "MAILTUNE_TEST_ADMIN_PASSWORD");
        config.put("mailtune.drafting.lease", "20s");
        return config;
    }

    /** The test broker's bootstrap servers. */
    public String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** Stops the broker (the agent's clients keep retrying). */
    public synchronized void stopKafka() {
        broker.close();
    }

    /** Starts the broker again on the same port and data. */
    public synchronized void startKafka() {
        broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), kafkaPort);
    }

    /** The support mailbox's server. */
    public EmbeddedMailServer mailbox() {
        return mailbox;
    }

    /** The outgoing relay, where customers' mailboxes are. */
    public synchronized EmbeddedMailServer relay() {
        return relay;
    }

    /** Takes the outgoing SMTP server down (what it held is gone). */
    public synchronized void stopSmtp() {
        relay.close();
    }

    /** Brings the outgoing SMTP server back on the same ports, empty. */
    public synchronized void startSmtp() {
        relay = EmbeddedMailServer.start(relayImapPort, relaySmtpPort);
    }

    /** The test database. */
    public PostgresDatabase postgres() {
        return postgres;
    }

    @Override
    public void stop() {
        try {
            relay.close();
            mailbox.close();
            broker.close();
            postgres.afterAll(null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            deleteRecursively(dir);
            current = null;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
