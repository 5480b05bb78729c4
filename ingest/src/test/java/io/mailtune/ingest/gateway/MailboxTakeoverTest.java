package io.mailtune.ingest.gateway;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailtune.core.assignment.MailboxOwner;
import io.mailtune.core.contract.Topics;
import io.mailtune.core.mail.InboundEmail;
import io.mailtune.testing.KafkaBroker;
import io.mailtune.testing.PostgresDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two gateways in two processes of their own share one Kafka, one PostgreSQL ingest database and one IMAP server with
 * three mailboxes, while customers keep writing: each mailbox is run by one gateway at a time; killing one (SIGKILL)
 * or stalling it (SIGSTOP past the session timeout) moves its mailboxes to the other, and every message is published
 * exactly once. The gateways use a 6 s session timeout, the broker's minimum.
 */
class MailboxTakeoverTest {

    private static final String LOGIN = "support";
    private static final String PASSWORD = "secret";
    private static final String SUPPORT = "support@acme.test";
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);

    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

    @RegisterExtension
    static PostgresDatabase postgres = new PostgresDatabase();

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup[]{ServerSetupTest.IMAP.dynamicPort()})
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(SUPPORT, LOGIN, PASSWORD));

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() throws Exception {
        for (Process p : children) {
            signal(p, "CONT");
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void killingOneGatewayMovesItsMailboxesToTheOtherAndEveryMessageIsPublishedOnce() throws Exception {
        String group = "kill-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> mailboxes = mailboxesOnDistinctPartitions(group);
        try (TopicTail<MailboxOwner> owners = new TopicTail<>(kafka, Topics.MAILBOX_OWNERS);
             TopicTail<InboundEmail> inbound = new TopicTail<>(kafka, Topics.INBOUND);
             Feeder feeder = feeder(mailboxes)) {
            String a = group + "-a";
            String b = group + "-b";
            Process first = start(a, group, mailboxes, null);
            awaitOwners(owners, mailboxes.keySet(), Set.of(a));
            Process second = start(b, group, mailboxes, null);
            awaitOwners(owners, mailboxes.keySet(), Set.of(a, b));
            feeder.start();
            awaitPublished(inbound, mailboxes.keySet(), 30);

            Map<String, String> before = latestOwners(owners.values(), mailboxes.keySet());
            String victim = before.values().stream().filter(a::equals).count() >= 2 ? a : b;
            String survivor = victim.equals(a) ? b : a;
            Set<String> moved = before.entrySet().stream().filter(e -> e.getValue().equals(victim)).map(Map.Entry::getKey).collect(Collectors.toSet());
            long killedAt = System.currentTimeMillis();
            (victim.equals(a) ? first : second).destroyForcibly().waitFor();

            owners.await("the survivor runs every mailbox", Duration.ofSeconds(40),
                    seen -> latestOwners(seen, mailboxes.keySet()).values().stream().allMatch(survivor::equals));
            Map<String, Long> takenAt = new HashMap<>();
            for (MailboxOwner o : owners.values()) {
                if (moved.contains(o.mailbox()) && o.instance().equals(survivor) && o.status() == MailboxOwner.Status.RUNNING
                        && o.at().toEpochMilli() >= killedAt) {
                    takenAt.putIfAbsent(o.mailbox(), o.at().toEpochMilli() - killedAt);
                }
            }
            Thread.sleep(2000);
            Map<String, Long> appended = feeder.stop();
            Map<String, Integer> copies = awaitAll(inbound, appended.keySet());
            assertEveryMessageOnce(appended.keySet(), copies);
            assertOneOwnerAtATime(owners.values(), mailboxes.keySet(), victim, killedAt);
            long worstGap = worstDeliveryGap(inbound, feeder, moved, killedAt);
            System.out.println("takeover after kill -9: owner records " + takenAt + " ms after the kill; longest wait of a message"
                    + " appended after the kill: " + worstGap + " ms; " + appended.size() + " messages, session timeout " + SESSION_TIMEOUT);
            assertTrue(takenAt.values().stream().allMatch(ms -> ms < 30_000), "taken over within 30 s: " + takenAt);
        }
    }

    @Test
    void aStalledOwnerIsFencedWhenItWakesUpAndNothingIsPublishedTwice() throws Exception {
        String group = "stall-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> mailboxes = mailboxesOnDistinctPartitions(group);
        Path stallFile = dir.resolve("stall-now");
        try (TopicTail<MailboxOwner> owners = new TopicTail<>(kafka, Topics.MAILBOX_OWNERS);
             TopicTail<InboundEmail> inbound = new TopicTail<>(kafka, Topics.INBOUND);
             Feeder feeder = feeder(mailboxes)) {
            String a = group + "-a";
            String b = group + "-b";
            Process stalling = start(a, group, mailboxes, stallFile);
            awaitOwners(owners, mailboxes.keySet(), Set.of(a));
            start(b, group, mailboxes, null);
            awaitOwners(owners, mailboxes.keySet(), Set.of(a, b));
            feeder.start();
            awaitPublished(inbound, mailboxes.keySet(), 30);

            Files.createFile(stallFile);
            String stalled = awaitLine(a, "stalling ", Duration.ofSeconds(20));
            long stalledAt = System.currentTimeMillis();
            owners.await("the other instance runs every mailbox", Duration.ofSeconds(40),
                    seen -> latestOwners(seen, mailboxes.keySet()).values().stream().allMatch(b::equals));
            // The new owner publishes the stalled mailbox's new mail while the old owner still holds its open transaction.
            inbound.await("mail of " + stalled + " appended after the stall arrives", Duration.ofSeconds(30),
                    seen -> seen.stream().anyMatch(e -> e.mailbox().equals(stalled) && feeder.appendedAt(e.messageId()) != null
                            && feeder.appendedAt(e.messageId()) > stalledAt));
            long resumedAt = System.currentTimeMillis();
            signal(stalling, "CONT");
            awaitLine(a, "resumed ", Duration.ofSeconds(10));
            String fenced = awaitFencedCommit(stalled, resumedAt, Duration.ofSeconds(20));
            assertTrue(fenced.contains("committing a batch"), "the stalled owner's late commit failed: " + fenced);
            Thread.sleep(3000);
            Map<String, Long> appended = feeder.stop();
            assertEveryMessageOnce(appended.keySet(), awaitAll(inbound, appended.keySet()));
            System.out.println("stall: " + a + " stopped inside a transaction of " + stalled + "; " + b + " took over, and the late"
                    + " commit failed: " + fenced);
        }
    }

    private Feeder feeder(Map<String, String> mailboxes) throws Exception {
        return new Feeder(greenMail.getImap().getPort(), LOGIN, PASSWORD, SUPPORT, mailboxes, Duration.ofMillis(50));
    }

    /** Mailbox ids (→ folder), at least three, one on each partition of the owners topic, so each instance gets some. */
    private static Map<String, String> mailboxesOnDistinctPartitions(String prefix) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (String id : OwnerPartitions.coveringIds(kafka, prefix, 3)) {
            out.put(id, "Box" + id.replace("-", ""));
        }
        return out;
    }

    private Process start(String instance, String group, Map<String, String> mailboxes, Path stallFile) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m"));
        if (stallFile != null) {
            command.add("-D" + StallingInterceptor.STALL_FILE_PROPERTY + "=" + stallFile);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), AssignedGatewayProcess.class.getName(),
                kafka.bootstrapServers(), postgres.jdbcUrl(), postgres.user(), dir.resolve(instance).toString(),
                String.valueOf(greenMail.getImap().getPort()), LOGIN, PASSWORD, SUPPORT, instance, group,
                mailboxes.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","))));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log(instance).toFile()).start();
        children.add(p);
        return p;
    }

    private Path log(String instance) {
        return dir.resolve(instance + ".log");
    }

    /** Waits for a line of the instance's output starting with {@code prefix} and returns the rest of it. */
    private String awaitLine(String instance, String prefix, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log(instance))) {
                for (String line : Files.readAllLines(log(instance))) {
                    if (line.startsWith(prefix)) {
                        return line.substring(prefix.length()).trim();
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + prefix + "' from " + instance + " within " + timeout + ":\n" + Files.readString(log(instance)));
    }

    private static void signal(Process p, String signal) throws Exception {
        if (p.isAlive()) {
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
        }
    }

    /** Waits until the latest owner record of every mailbox is RUNNING, by exactly the given instances together. */
    private static void awaitOwners(TopicTail<MailboxOwner> owners, Set<String> mailboxes, Set<String> instances) throws InterruptedException {
        owners.await("mailboxes " + mailboxes + " run by exactly " + instances, Duration.ofSeconds(60),
                seen -> Set.copyOf(latestOwners(seen, mailboxes).values()).equals(instances)
                        && latestOwners(seen, mailboxes).size() == mailboxes.size());
    }

    /** Mailbox → the instance whose RUNNING record is the mailbox's latest (mailboxes whose latest is a release are left out). */
    private static Map<String, String> latestOwners(List<MailboxOwner> seen, Set<String> mailboxes) {
        Map<String, MailboxOwner> latest = new HashMap<>();
        for (MailboxOwner o : seen) {
            if (mailboxes.contains(o.mailbox())) {
                latest.put(o.mailbox(), o);
            }
        }
        Map<String, String> out = new HashMap<>();
        latest.forEach((m, o) -> {
            if (o.status() == MailboxOwner.Status.RUNNING) {
                out.put(m, o.instance());
            }
        });
        return out;
    }

    private static void awaitPublished(TopicTail<InboundEmail> inbound, Set<String> mailboxes, int count) throws InterruptedException {
        inbound.await(count + " messages published", Duration.ofSeconds(60),
                seen -> seen.stream().filter(e -> mailboxes.contains(e.mailbox())).count() >= count);
    }

    /** Waits until every appended message arrived and a quiet second passed; returns copies per Message-ID. */
    private static Map<String, Integer> awaitAll(TopicTail<InboundEmail> inbound, Set<String> messageIds) throws InterruptedException {
        inbound.await("all " + messageIds.size() + " messages published", Duration.ofSeconds(90),
                seen -> seen.stream().map(InboundEmail::messageId).collect(Collectors.toSet()).containsAll(messageIds));
        Thread.sleep(1500);
        Map<String, Integer> copies = new HashMap<>();
        inbound.values().stream().filter(e -> messageIds.contains(e.messageId())).forEach(e -> copies.merge(e.messageId(), 1, Integer::sum));
        return copies;
    }

    private static void assertEveryMessageOnce(Set<String> appended, Map<String, Integer> copies) {
        assertEquals(appended, copies.keySet(), "every message arrives");
        List<String> twice = copies.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
        assertEquals(List.of(), twice, "no message twice (of " + appended.size() + ")");
    }

    /**
     * From the owner records: for each mailbox, the times an instance ran it (from its RUNNING record, written before it
     * started, to its RELEASED record, written after it stopped; the killed instance's last run ends at the kill) never
     * overlap between instances.
     */
    private static void assertOneOwnerAtATime(List<MailboxOwner> records, Set<String> mailboxes, String killed, long killedAt) {
        Map<String, List<long[]>> runs = new HashMap<>();
        Map<String, Long> open = new HashMap<>();
        for (MailboxOwner o : records.stream().filter(o -> mailboxes.contains(o.mailbox())).toList()) {
            String key = o.mailbox() + "@" + o.instance();
            if (o.status() == MailboxOwner.Status.RUNNING) {
                open.put(key, o.at().toEpochMilli());
            } else if (open.containsKey(key)) {
                runs.computeIfAbsent(o.mailbox(), m -> new ArrayList<>()).add(new long[]{open.remove(key), o.at().toEpochMilli()});
            }
        }
        open.forEach((key, from) -> {
            String mailbox = key.substring(0, key.indexOf('@'));
            long until = key.endsWith("@" + killed) ? killedAt : Long.MAX_VALUE;
            runs.computeIfAbsent(mailbox, m -> new ArrayList<>()).add(new long[]{from, until});
        });
        runs.forEach((mailbox, intervals) -> {
            intervals.sort((x, y) -> Long.compare(x[0], y[0]));
            for (int i = 1; i < intervals.size(); i++) {
                assertTrue(intervals.get(i)[0] >= intervals.get(i - 1)[1], mailbox + " was run by two instances at once: "
                        + intervals.stream().map(r -> r[0] + ".." + r[1]).toList());
            }
        });
    }

    /** The longest time a message of the moved mailboxes, appended after the kill, waited to be published. */
    private static long worstDeliveryGap(TopicTail<InboundEmail> inbound, Feeder feeder, Set<String> moved, long killedAt) {
        long worst = 0;
        for (TopicTail.Arrival<InboundEmail> a : inbound.arrivals()) {
            Long appended = feeder.appendedAt(a.value().messageId());
            if (appended != null && appended >= killedAt && moved.contains(a.value().mailbox())) {
                worst = Math.max(worst, a.atMillis() - appended);
            }
        }
        return worst;
    }

    /** Waits for a FENCED event of the mailbox recorded after {@code since} and returns its detail. */
    private static String awaitFencedCommit(String mailbox, long since, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = postgres.connect();
                 PreparedStatement s = c.prepareStatement("SELECT detail FROM ingest_event WHERE mailbox = ? AND kind = 'FENCED' AND at >= ? ORDER BY at")) {
                s.setString(1, mailbox);
                s.setLong(2, since);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        return r.getString(1);
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no FENCED event for " + mailbox + " within " + timeout + " of the stalled owner waking up");
    }
}
