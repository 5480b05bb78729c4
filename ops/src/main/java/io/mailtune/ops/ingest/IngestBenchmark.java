package io.mailtune.ops.ingest;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.mailtune.core.contract.Topics;
import io.mailtune.core.mail.EmailAddress;
import io.mailtune.ingest.gateway.GatewaySettings;
import io.mailtune.ingest.pipeline.InboundPublisher;
import io.mailtune.ingest.gateway.MailGateway;
import io.mailtune.ingest.imap.FirstSync;
import io.mailtune.ingest.imap.ImapAuth;
import io.mailtune.ingest.imap.MailboxConfig;
import io.mailtune.ingest.imap.TransportSecurity;
import io.mailtune.embedded.kafka.EmbeddedKafkaBroker;
import io.mailtune.core.contract.TopicSetup;
import io.mailtune.ingest.mime.MessageLimits;
import io.mailtune.ingest.mime.MessageNormaliser;
import io.mailtune.ingest.mime.RejectedMessageException;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Messages per second from IMAP fetch through normalisation to the Kafka transaction commit, with the stages measured alone
 * and Kafka's own producer throughput (same settings, same record sizes) as the ceiling, all in one run.
 * Usage: {@code IngestBenchmark [messages] [jdbcUrl user password]}; defaults 3000 messages and embedded H2.
 * {@code IngestBenchmark [messages] --normalise-only [rounds]} measures only single-threaded normalisation, in
 * rounds (default 5) over the same corpus, each with the load average.
 */
public final class IngestBenchmark {

    /** Distinguishes this run's mailboxes in a database kept between runs (PostgreSQL). */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    private IngestBenchmark() {
    }

    /** Runs the benchmark and prints a table. */
    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        if (args.length > 1 && args[1].equals("--normalise-only")) {
            normaliseRounds(messages, args.length > 2 ? Integer.parseInt(args[2]) : 5);
            return;
        }
        // Readable by the unprivileged users Postfix and Dovecot drop to.
        Path work = Files.createTempDirectory("mailtune-ingest-bench",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
        Random random = new Random(42);
        List<byte[]> corpus = new ArrayList<>(messages);
        long totalBytes = 0;
        for (int i = 0; i < messages; i++) {
            byte[] m = TypicalMail.message(i, random);
            corpus.add(m);
            totalBytes += m.length;
        }
        System.out.printf(Locale.ROOT, "corpus: %d messages, mean %.1f kB, %d cores, %s%n", messages, totalBytes / 1024.0 / messages,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));

        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        greenMail.start();
        GreenMailUser user = greenMail.setUser("support@acme.test", "support", "secret");
        Session session = Session.getInstance(new Properties());
        for (byte[] raw : corpus) {
            user.deliver(new MimeMessage(session, new ByteArrayInputStream(raw)));
        }
        int imapPort = greenMail.getImap().getPort();

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(work.resolve("kafka"))) {
            TopicSetup.ensure(broker.bootstrapServers(), 3, (short) 1);

            Stage fetchRate = imapFetchOnly(imapPort, messages);
            Stage normaliseRate = normaliseOnly(corpus);
            Stage kafkaRate = kafkaCeiling(broker.bootstrapServers(), corpus);
            String jdbcUrl = args.length > 3 ? args[1] : null;
            String dbUser = args.length > 3 ? args[2] : null;
            String password = args.length > 3 ? args[3] : null;
            Stage endToEnd = endToEnd(broker.bootstrapServers(), imapPort, "support", messages, work.resolve("state-greenmail"),
                    jdbcUrl, dbUser, password, "greenmail-" + RUN);
            greenMail.stop();
            Stage dovecotFetch = null;
            Stage dovecotEndToEnd = null;
            try (Dovecot dovecot = Dovecot.startIfInstalled(work.resolve("dovecot"), corpus)) {
                if (dovecot != null) {
                    dovecotFetch = imapFetchOnly(dovecot.imapPort(), messages, "bench");
                    dovecotEndToEnd = endToEnd(broker.bootstrapServers(), dovecot.imapPort(), "bench", messages,
                            work.resolve("state-dovecot"), jdbcUrl, dbUser, password, "dovecot-" + RUN);
                }
            }

            System.out.println();
            System.out.println("| stage (same run) | msgs/s | MB/s | share of Kafka ceiling | CPU ms per message (whole process) |");
            System.out.println("|---|---:|---:|---:|---:|");
            row("GreenMail: IMAP fetch only (UID FETCH BODY.PEEK[], batches of 100)", fetchRate, totalBytes, messages, kafkaRate);
            row("normalisation only (1 thread, in memory)", normaliseRate, totalBytes, messages, kafkaRate);
            row("Kafka producer alone (transactions of 100, acks=all, same sizes): ceiling", kafkaRate, totalBytes, messages, kafkaRate);
            String db = jdbcUrl == null ? "H2" : "PostgreSQL";
            row("GreenMail: end to end: IMAP → normalise → dedupe/thread (" + db + ") → Kafka ack → checkpoint", endToEnd, totalBytes, messages, kafkaRate);
            if (dovecotFetch != null) {
                row("Dovecot: IMAP fetch only", dovecotFetch, totalBytes, messages, kafkaRate);
                row("Dovecot: end to end (" + db + ")", dovecotEndToEnd, totalBytes, messages, kafkaRate);
            } else {
                System.out.println("(Dovecot rows skipped: Debian's dovecot-imapd is not installed; ops/mail-servers/mail-servers.sh install)");
            }
        } finally {
            greenMail.stop();
            deleteRecursively(work);
        }
    }

    private static void row(String stage, Stage measured, long totalBytes, int messages, Stage ceiling) {
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.1f | %.2f | %.2f |%n", stage, measured.rate(), measured.rate() * totalBytes / messages / 1e6,
                measured.rate() / ceiling.rate(), measured.cpuMillisPerMessage());
    }

    /**
     * One stage's result: wall-clock rate, and CPU time of this whole process per message, which the other tenants of a
     * shared machine disturb far less than wall-clock time.
     */
    record Stage(double rate, double cpuMillisPerMessage) {
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private static long cpuNanos() {
        return OS.getProcessCpuTime();
    }

    private static Stage stage(long startNanos, long startCpu, int messages) {
        double rate = messages / seconds(startNanos);
        return new Stage(rate, (cpuNanos() - startCpu) / 1e6 / messages);
    }

    private static Stage imapFetchOnly(int port, int messages) throws Exception {
        return imapFetchOnly(port, messages, "support");
    }

    private static Stage imapFetchOnly(int port, int messages, String login) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", port, login, "secret");
        IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        long start = System.nanoTime();
        long cpu = cpuNanos();
        long bytes = 0;
        for (int from = 1; from <= messages; from += 100) {
            int to = Math.min(messages, from + 99);
            String range = from + ":" + to;
            bytes += (long) inbox.doCommand(protocol -> {
                Response[] responses = protocol.command("UID FETCH " + range + " (UID BODY.PEEK[])", null);
                long sum = 0;
                for (Response r : responses) {
                    if (r instanceof FetchResponse f && f.getItem(BODY.class) != null) {
                        sum += f.getItem(BODY.class).getByteArray().getCount();
                    }
                }
                protocol.handleResult(responses[responses.length - 1]);
                return sum;
            });
        }
        Stage result = stage(start, cpu, messages);
        store.close();
        System.out.printf(Locale.ROOT, "IMAP fetch only: %s (%d bytes)%n", result, bytes);
        return result;
    }

    /** Normalisation alone, several rounds over one corpus, each printed with the load average at its end. */
    private static void normaliseRounds(int messages, int rounds) throws Exception {
        Random random = new Random(42);
        List<byte[]> corpus = new ArrayList<>(messages);
        for (int i = 0; i < messages; i++) {
            corpus.add(TypicalMail.message(i, random));
        }
        List<Double> rates = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Stage stage = normaliseOnly(corpus);
            rates.add(stage.rate());
            System.out.printf(Locale.ROOT, "round %d: %.0f msgs/s, %.3f CPU ms/msg, load average %s%n", round, stage.rate(),
                    stage.cpuMillisPerMessage(), Files.readString(Path.of("/proc/loadavg")).strip());
        }
        rates.sort(null);
        System.out.printf(Locale.ROOT, "median of %d rounds: %.0f msgs/s (1 thread, %d messages)%n", rounds, rates.get(rates.size() / 2), messages);
    }

    private static Stage normaliseOnly(List<byte[]> corpus) throws RejectedMessageException {
        MessageNormaliser normaliser = new MessageNormaliser(MessageLimits.DEFAULT);
        for (int i = 0; i < Math.min(500, corpus.size()); i++) {
            normaliser.normalise(corpus.get(i));
        }
        long start = System.nanoTime();
        long cpu = cpuNanos();
        long chars = 0;
        for (byte[] raw : corpus) {
            chars += normaliser.normalise(raw).normalisedText().length();
        }
        Stage result = stage(start, cpu, corpus.size());
        System.out.printf(Locale.ROOT, "normalisation only: %s (%d chars kept)%n", result, chars);
        return result;
    }

    /** The producer settings the gateway uses, sending records as large as the raw messages, one transaction per batch. */
    private static Stage kafkaCeiling(String bootstrap, List<byte[]> corpus) throws Exception {
        Properties p = InboundPublisher.producerSettings(bootstrap, GatewaySettings.embedded(bootstrap, Path.of(".")).ackTimeout());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "ingest-benchmark-ceiling-" + java.util.UUID.randomUUID());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.partitionsFor(Topics.INBOUND.name());
            producer.initTransactions();
            long start = System.nanoTime();
            long cpu = cpuNanos();
            for (int from = 0; from < corpus.size(); from += 100) {
                List<Future<RecordMetadata>> acks = new ArrayList<>();
                producer.beginTransaction();
                for (int i = from; i < Math.min(corpus.size(), from + 100); i++) {
                    acks.add(producer.send(new ProducerRecord<>(Topics.INBOUND.name(), "thread-" + (i % 500), corpus.get(i))));
                }
                producer.commitTransaction();
                for (Future<RecordMetadata> ack : acks) {
                    ack.get();
                }
            }
            Stage result = stage(start, cpu, corpus.size());
            System.out.printf(Locale.ROOT, "Kafka producer alone: %s%n", result);
            return result;
        }
    }

    private static Stage endToEnd(String bootstrap, int imapPort, String login, int messages, Path stateDir, String jdbcUrl, String user,
                                  String password, String mailbox) throws InterruptedException {
        GatewaySettings defaults = GatewaySettings.embedded(bootstrap, stateDir);
        GatewaySettings settings = jdbcUrl == null ? defaults : new GatewaySettings(bootstrap, jdbcUrl, user, password,
                defaults.rawStoreDir(), defaults.limits(), defaults.ackTimeout(), defaults.subjectWindow(), defaults.producerOverrides());
        MailboxConfig config = MailboxConfig.of(mailbox, "127.0.0.1", imapPort, TransportSecurity.NONE, login,
                        new ImapAuth.Password("secret"), EmailAddress.of("support@acme.test"))
                .withFirstSync(FirstSync.ALL)
                .withFetchBatchSize(100);
        try (MailGateway gateway = new MailGateway(settings)) {
            long start = System.nanoTime();
            long cpu = cpuNanos();
            gateway.start(List.of(config));
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (gateway.watcher(mailbox, "INBOX").published() < messages) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + gateway.watcher(mailbox, "INBOX").published() + " of " + messages
                            + " published in 10 minutes; " + gateway.watcher(mailbox, "INBOX").lastProblem());
                }
                Thread.sleep(5);
            }
            Stage result = stage(start, cpu, messages);
            System.out.printf(Locale.ROOT, "end to end (%s): %s%n", mailbox, result);
            return result;
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
