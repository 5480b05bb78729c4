package io.mailtune.agent.embedded;

import com.sun.net.httpserver.HttpServer;
import io.mailtune.agent.config.DemoSettings;
import io.mailtune.agent.config.KafkaSettings;
import io.mailtune.agent.config.MailSettings;
import io.mailtune.agent.config.StorageSettings;
import io.mailtune.core.contract.TopicSetup;
import io.mailtune.embedded.kafka.EmbeddedKafkaBroker;
import io.mailtune.embedded.mail.EmbeddedMailServer;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.PathConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;

/**
 * The demo company's infrastructure as a process of its own, the way production has its Kafka cluster and mail server
 * apart from the services ({@code ./mailtune start}): the embedded KRaft broker with Mailtune's topics, the GreenMail
 * IMAP + SMTP server with the demo support mailbox and demo mail, and the simulated customer writing to it; health on
 * {@code /q/health}. Configured with the agent's own properties ({@code mailtune.kafka.*}, {@code mailtune.mail.embedded.*},
 * {@code mailtune.storage.data-dir}, {@code mailtune.demo.*}). SIGINT or SIGTERM stops it; the broker keeps its data,
 * the mail server's mail lives in memory.
 */
public final class DemoInfrastructure {

    private DemoInfrastructure() {
    }

    /** Starts everything and runs until the process is told to stop. */
    public static void main(String[] args) throws Exception {
        quietServerLogs();
        SmallRyeConfig config = configuration();
        KafkaSettings kafka = config.getConfigMapping(KafkaSettings.class);
        MailSettings.EmbeddedMail mail = config.getConfigMapping(MailSettings.class).embedded();
        DemoSettings demo = config.getConfigMapping(DemoSettings.class);
        Path dataDir = config.getConfigMapping(StorageSettings.class).dataDir();

        // A configured cluster or a disabled mail server is someone else's: only the rest starts here.
        EmbeddedKafkaBroker broker = kafka.bootstrapServers().isPresent() ? null
                : EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), kafka.embeddedPort());
        String bootstrap = broker == null ? kafka.bootstrapServers().get() : broker.bootstrapServers();
        TopicSetup.ensure(bootstrap, kafka.partitions(), kafka.replicationFactor());
        EmbeddedMailServer mailServer = mail.enabled() ? DemoMail.startServer(mail.imapPort(), mail.smtpPort(), mail.demoEmails()) : null;
        SimulatedCustomer customer = mailServer != null && demo.customer().enabled()
                ? SimulatedCustomer.start(mailServer, demo.customer()) : null;
        HttpServer health = health(demo.healthPort());

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            health.stop(0);
            if (customer != null) {
                customer.close();
            }
            if (mailServer != null) {
                mailServer.close();
            }
            if (broker != null) {
                broker.close();
            }
            System.out.println("demo infrastructure stopped");
            stopped.countDown();
        }, "demo-infrastructure-stop"));
        System.out.printf("demo infrastructure up: Kafka %s%s; %s; simulated customer %s; health http://127.0.0.1:%d/q/health%n",
                bootstrap, broker == null ? " (configured)" : " (embedded, data in " + broker.dataDir() + ")",
                mailServer == null ? "no mail server" : "IMAP 127.0.0.1:" + mailServer.imapPort() + " and SMTP 127.0.0.1:"
                        + mailServer.smtpPort() + " with mailbox " + DemoCompany.SUPPORT_ADDRESS + " (" + mail.demoEmails() + " demo emails)",
                customer == null ? "off" : "on", health.getAddress().getPort());
        stopped.await();
    }

    private static SmallRyeConfig configuration() throws IOException {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().addDefaultSources().addDefaultInterceptors()
                .withProfile("prod").withValidateUnknown(false)
                // Quarkus's own converters, so values read exactly as in the agent ("10s", "500ms", paths).
                .withConverter(Path.class, 100, new PathConverter())
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(DemoInfrastructure.class.getResource("/application.properties"), 250))
                .withMapping(KafkaSettings.class).withMapping(MailSettings.class)
                .withMapping(StorageSettings.class).withMapping(DemoSettings.class);
        Path local = Path.of("config", "application.properties");
        if (Files.isRegularFile(local)) {
            builder.withSources(new PropertiesConfigSource(local.toUri().toURL(), 260));
        }
        return builder.build();
    }

    private static HttpServer health(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/q/health", exchange -> {
            byte[] body = "{\"status\":\"UP\",\"checks\":[{\"name\":\"demo infrastructure\",\"status\":\"UP\"}]}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    /** The broker's INFO lines would bury the few that matter (the agent's own logging does the same). */
    private static void quietServerLogs() {
        for (String category : new String[]{"kafka", "org.apache.kafka", "state.change.logger", "com.icegreen"}) {
            java.util.logging.Logger.getLogger(category).setLevel(Level.WARNING);
        }
    }
}
