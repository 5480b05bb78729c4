package io.mailtune.ops.agent;

import io.mailtune.core.contract.EventCodec;
import io.mailtune.core.contract.TopicSetup;
import io.mailtune.core.contract.Topics;
import io.mailtune.core.id.Hashing;
import io.mailtune.core.id.Ids;
import io.mailtune.core.mail.EmailAddress;
import io.mailtune.core.mail.InboundEmail;
import io.mailtune.core.mail.RawMessageRef;
import io.mailtune.demo.brightcart.DemoArticles;
import io.mailtune.demo.brightcart.DemoSeeds;
import io.mailtune.demo.brightcart.SupportCase;
import io.mailtune.demo.brightcart.SupportCaseGenerator;
import io.mailtune.embedded.kafka.EmbeddedKafkaBroker;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Load on the packaged agent: the agent runs as its own JVM (as deployed) on an embedded broker and a fresh PostgreSQL
 * database; demo customer emails are published to {@code mailtune.inbound} as ingest publishes them, and the drafts'
 * times are read from the database. Two phases: emails one at a time with pauses (idle latency, arrival to draft),
 * then a burst (throughput and latency under load, and that nothing is lost).
 *
 * <pre>
 * java -cp &lt;ops classpath&gt; io.mailtune.ops.agent.AgentLoadBenchmark --agent agent/target/quarkus-app/quarkus-run.jar
 *      [--burst 1000] [--idle 20] [--max-batch 8] [--in-flight 16] [--pg jdbc:postgresql://127.0.0.1:5432/postgres]
 * </pre>
 */
public final class AgentLoadBenchmark {

    private AgentLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path agentJar = null;
        int burst = 1000;
        int idle = 20;
        int maxBatch = 8;
        int inFlight = 16;
        String pg = "jdbc:postgresql://127.0.0.1:5432/postgres";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--agent" -> agentJar = Path.of(args[++i]);
                case "--burst" -> burst = Integer.parseInt(args[++i]);
                case "--idle" -> idle = Integer.parseInt(args[++i]);
                case "--max-batch" -> maxBatch = Integer.parseInt(args[++i]);
                case "--in-flight" -> inFlight = Integer.parseInt(args[++i]);
                case "--pg" -> pg = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (agentJar == null || !Files.isRegularFile(agentJar)) {
            throw new IllegalArgumentException("--agent must name the packaged agent (agent/target/quarkus-app/quarkus-run.jar)");
        }
        Path work = Files.createTempDirectory("mailtune-agent-bench");
        String db = "mailtune_bench_" + Long.toHexString(System.nanoTime());
        try (Connection c = DriverManager.getConnection(pg, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        String dbUrl = pg.substring(0, pg.lastIndexOf('/') + 1) + db;
        Process agent = null;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(work.resolve("kafka"))) {
            TopicSetup.ensure(broker.bootstrapServers(), 3, (short) 1);
            Path kb = DemoArticles.copyTo(work.resolve("kb"));
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true", "-Dquarkus.http.port=" + port,
                    "-Dmailtune.storage.data-dir=" + work.resolve("agent"), "-Dmailtune.database.url=" + dbUrl,
                    "-Dmailtune.database.username=postgres", "-Dmailtune.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                    "-Dmailtune.mail.embedded.enabled=false", "-Dmailtune.knowledge-base.folder=" + kb,
                    "-Dmailtune.model.max-batch=" + maxBatch, "-Dmailtune.model.max-queued=" + Math.max(64, inFlight * 2),
                    "-Dmailtune.drafting.max-in-flight=" + inFlight, "-Dmailtune.drafting.poll-interval=200ms",
                    "-jar", agentJar.toString()));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(work.resolve("agent.log").toFile());
            pb.environment().put("DJL_OFFLINE", "true");
            pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
            agent = pb.start();
            awaitReady(agent, port);
            List<SupportCase> cases = SupportCaseGenerator.demo().generate(DemoSeeds.HOLDOUT, Math.max(burst, idle));
            System.out.printf(Locale.ROOT, "agent ready; load %s; max-batch %d, in-flight %d%n", load(), maxBatch, inFlight);
            try (KafkaProducer<String, byte[]> producer = producer(broker.bootstrapServers());
                 Connection c = DriverManager.getConnection(dbUrl, "postgres", "")) {
                // Phase 1: one email at a time, the agent otherwise idle.
                List<String> idleIds = new ArrayList<>();
                for (int i = 0; i < idle; i++) {
                    idleIds.add(publish(producer, cases.get(i), "idle-" + i));
                    awaitDrafted(c, idleIds, Duration.ofSeconds(60));
                    Thread.sleep(1500);
                }
                long[] idleLatency = latencies(c, "idle-%");
                System.out.printf(Locale.ROOT, "idle: %d emails one at a time: arrival -> draft p50 %d ms, p99 %d ms (load %s)%n",
                        idle, pct(idleLatency, 0.5), pct(idleLatency, 0.99), load());
                // Phase 2: a burst.
                Instant start = Instant.now();
                List<String> burstIds = new ArrayList<>();
                for (int i = 0; i < burst; i++) {
                    burstIds.add(publish(producer, cases.get(i), "burst-" + i));
                }
                producer.flush();
                Instant published = Instant.now();
                awaitDrafted(c, burstIds, Duration.ofMinutes(60));
                Instant end = lastDraft(c, "burst-%");
                long[] burstLatency = latencies(c, "burst-%");
                double minutes = Duration.between(start, end).toMillis() / 60_000.0;
                System.out.printf(Locale.ROOT, "burst: %d emails published in %d ms; all %d drafted (none lost: %d drafts READY)"
                                + " in %.1f s = %.0f drafts/min; arrival -> draft p50 %.1f s, p99 %.1f s; mean tokens/s per draft %.1f (load %s)%n",
                        burst, Duration.between(start, published).toMillis(), burst, countReady(c, "burst-%"), minutes * 60,
                        burst / minutes, pct(burstLatency, 0.5) / 1000.0, pct(burstLatency, 0.99) / 1000.0,
                        meanTokensPerSecond(c, "burst-%"), load());
            }
        } finally {
            if (agent != null) {
                agent.destroy();
                agent.waitFor();
            }
            try (Connection c = DriverManager.getConnection(pg, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            }
            System.out.println("agent log: " + work.resolve("agent.log"));
        }
    }

    private static String publish(KafkaProducer<String, byte[]> producer, SupportCase c, String subjectTag) {
        String id = Ids.newId();
        String sha = Hashing.sha256Hex(id);
        Instant now = Instant.now();
        InboundEmail email = new InboundEmail(InboundEmail.SCHEMA_VERSION, id, "support", "<" + id + "@customers.example>",
                "thread-" + id, new EmailAddress(c.customerEmail(), c.customerName()), List.of(EmailAddress.of("support@brightcart.example")),
                List.of(), subjectTag + ": " + c.subject(), c.body(), now, now, null, List.of(),
                new RawMessageRef(sha, c.body().length(), "file:///nonexistent/" + sha + ".eml"), List.of(), List.of());
        producer.send(new ProducerRecord<>(Topics.INBOUND.name(), Topics.INBOUND.keyOf(email), EventCodec.encode(email)));
        return id;
    }

    private static void awaitDrafted(Connection c, List<String> ids, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = ids.getLast();
        while (System.nanoTime() < deadline) {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM agent_draft d JOIN agent_email e ON e.email_id = d.email_id"
                    + " WHERE d.status = 'READY' AND e.email_id = ANY (?)")) {
                s.setArray(1, c.createArrayOf("varchar", ids.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    if (r.getInt(1) == ids.size()) {
                        return;
                    }
                }
            } catch (java.sql.SQLException e) {
                if (!"42P01".equals(e.getSQLState())) {
                    throw e;
                }
            }
            Thread.sleep(ids.size() > 1 ? 500 : 20);
        }
        throw new IllegalStateException("not every email was drafted within " + timeout + " (last " + last + ")");
    }

    private static long[] latencies(Connection c, String subjectLike) throws Exception {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT d.drafted_at - d.arrived_at FROM agent_draft d JOIN agent_email e"
                + " ON e.email_id = d.email_id WHERE e.subject LIKE ? AND d.status = 'READY'")) {
            s.setString(1, subjectLike);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getLong(1));
                }
            }
        }
        long[] a = out.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        return a;
    }

    private static Instant lastDraft(Connection c, String subjectLike) throws Exception {
        try (PreparedStatement s = c.prepareStatement("SELECT MAX(d.drafted_at) FROM agent_draft d JOIN agent_email e"
                + " ON e.email_id = d.email_id WHERE e.subject LIKE ?")) {
            s.setString(1, subjectLike);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return Instant.ofEpochMilli(r.getLong(1));
            }
        }
    }

    private static long countReady(Connection c, String subjectLike) throws Exception {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM agent_draft d JOIN agent_email e ON e.email_id = d.email_id"
                + " WHERE e.subject LIKE ? AND d.status = 'READY'")) {
            s.setString(1, subjectLike);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static double meanTokensPerSecond(Connection c, String subjectLike) throws Exception {
        try (PreparedStatement s = c.prepareStatement("SELECT AVG(d.tokens_per_second) FROM agent_draft d JOIN agent_email e"
                + " ON e.email_id = d.email_id WHERE e.subject LIKE ?")) {
            s.setString(1, subjectLike);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getDouble(1);
            }
        }
    }

    private static long pct(long[] sorted, double q) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static void awaitReady(Process agent, int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        try (HttpClient client = HttpClient.newHttpClient()) {
            while (System.nanoTime() < deadline) {
                if (!agent.isAlive()) {
                    throw new IllegalStateException("the agent exited with " + agent.exitValue());
                }
                try {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // starting
                }
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("the agent was not ready within 5 minutes");
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static String load() {
        return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
