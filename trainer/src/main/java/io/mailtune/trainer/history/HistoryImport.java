package io.mailtune.trainer.history;

import io.mailtune.core.id.Hashing;
import io.mailtune.core.mail.EmailAddress;
import io.mailtune.core.mail.InboundEmail;
import io.mailtune.core.mail.MailFlag;
import io.mailtune.core.reply.ThreadTurn;
import io.mailtune.ingest.classify.TrafficClassifier;
import io.mailtune.ingest.history.MboxReader;
import io.mailtune.ingest.mime.MessageLimits;
import io.mailtune.ingest.pipeline.IntakeOutcome;
import io.mailtune.ingest.pipeline.MessageIntake;
import io.mailtune.ingest.pipeline.SourcedMessage;
import io.mailtune.ingest.store.IngestDatabase;
import io.mailtune.ingest.store.RawMessageStore;
import io.mailtune.ingest.thread.ThreadIndex;
import io.mailtune.trainer.dataset.Admission;
import io.mailtune.trainer.dataset.Candidate;
import io.mailtune.trainer.dataset.DropReason;
import io.mailtune.trainer.dataset.Side;
import io.mailtune.trainer.dataset.TrainingSet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Builds training examples from a company's answered support mail: reads an archive (mbox, Maildir, .eml) with
 * {@code ingest}'s readers, normalises, classifies and threads every message through {@code ingest}'s intake (in a
 * scratch database, so nothing reaches the live inbound topic), and pairs each staff reply (mail from a support
 * address) with the customer message it answered: the latest unanswered customer message before it in the thread.
 * The earlier messages of the thread become the prompt's history. Pairs go through the same scrubbing, quality rules
 * and dedupe as approvals; importing the same archive again adds nothing.
 */
public final class HistoryImport {

    private static final int BATCH = 100;

    private final TrainingSet trainingSet;
    private final Set<EmailAddress> supportAddresses;
    private final Path scratchRoot;
    private final MessageLimits limits = MessageLimits.DEFAULT;

    /** An importer whose staff replies are the mail sent from {@code supportAddresses}. */
    public HistoryImport(TrainingSet trainingSet, Set<EmailAddress> supportAddresses, Path scratchRoot) {
        if (supportAddresses == null || supportAddresses.isEmpty()) {
            throw new IllegalArgumentException("a history import needs the support addresses staff replied from"
                    + " (mailtune.trainer.history.support-addresses)");
        }
        this.trainingSet = trainingSet;
        this.supportAddresses = Set.copyOf(supportAddresses);
        this.scratchRoot = scratchRoot;
    }

    /** Imports the archive at {@code path} into mailbox {@code mailbox}'s training examples. */
    public HistoryReport importArchive(Path path, ArchiveFormat format, String mailbox) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("no mail archive at " + path);
        }
        Path scratch;
        try {
            Files.createDirectories(scratchRoot);
            scratch = Files.createTempDirectory(scratchRoot, "history-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch folder below " + scratchRoot + ": " + e.getMessage(), e);
        }
        try (IngestDatabase db = new IngestDatabase("jdbc:h2:file:" + scratch.resolve("threads").toAbsolutePath(), "sa", "")) {
            MessageIntake intake = new MessageIntake(limits, new RawMessageStore(scratch.resolve("raw")), db,
                    new ThreadIndex(Duration.ofDays(3650)));
            TrafficClassifier classifier = new TrafficClassifier(supportAddresses);
            List<InboundEmail> emails = new ArrayList<>();
            int[] counts = new int[2]; // read, rejected
            List<SourcedMessage> batch = new ArrayList<>();
            Runnable flush = () -> {
                for (IntakeOutcome o : intake.takeAll(mailbox, classifier, batch)) {
                    if (o instanceof IntakeOutcome.Accepted a) {
                        emails.add(a.email());
                    } else if (o instanceof IntakeOutcome.Rejected) {
                        counts[1]++;
                    }
                }
                batch.clear();
            };
            read(path, format, m -> {
                counts[0]++;
                batch.add(m);
                if (batch.size() >= BATCH) {
                    flush.run();
                }
            });
            flush.run();
            return pairAndOffer(emails, mailbox, counts[0], counts[1]);
        } finally {
            deleteTree(scratch);
        }
    }

    private HistoryReport pairAndOffer(List<InboundEmail> emails, String mailbox, int read, int rejected) {
        Map<String, List<InboundEmail>> threads = new LinkedHashMap<>();
        for (InboundEmail e : emails) {
            threads.computeIfAbsent(e.threadId(), t -> new ArrayList<>()).add(e);
        }
        int pairs = 0;
        int accepted = 0;
        int holdout = 0;
        Map<DropReason, Integer> dropped = new EnumMap<>(DropReason.class);
        for (List<InboundEmail> thread : threads.values()) {
            thread.sort(Comparator.comparing((InboundEmail e) -> e.sentAt() == null ? e.receivedAt() : e.sentAt()));
            String threadId = "history-" + Hashing.sha256Hex(thread.getFirst().messageId()).substring(0, 24);
            InboundEmail waiting = null;
            List<ThreadTurn> turns = new ArrayList<>();
            for (InboundEmail e : thread) {
                boolean staff = e.flags().stream().anyMatch(f -> f.kind() == MailFlag.Kind.OWN_ADDRESS);
                boolean automatic = e.flags().stream().anyMatch(f -> f.kind() != MailFlag.Kind.OWN_ADDRESS);
                if (automatic) {
                    continue; // auto-replies, bounces and list mail are neither questions nor answers
                }
                if (staff && waiting != null) {
                    pairs++;
                    Candidate c = pair(waiting, e, threadId, mailbox, List.copyOf(turns.subList(0, Math.max(0, turns.size() - 1))));
                    switch (trainingSet.offer(c)) {
                        case Admission.Accepted a -> {
                            accepted++;
                            if (a.side() == Side.HOLDOUT) {
                                holdout++;
                            }
                        }
                        case Admission.Dropped d -> dropped.merge(d.reason(), 1, Integer::sum);
                    }
                    waiting = null;
                } else if (!staff) {
                    waiting = e;
                }
                turns.add(new ThreadTurn(staff ? ThreadTurn.Author.STAFF : ThreadTurn.Author.CUSTOMER, e.normalisedText(), e.sentAt()));
            }
        }
        return new HistoryReport(read, rejected, threads.size(), pairs, accepted, holdout, dropped);
    }

    private static Candidate pair(InboundEmail question, InboundEmail answer, String threadId, String mailbox, List<ThreadTurn> history) {
        String id = "history-" + Hashing.sha256Hex(question.messageId() + "\n" + answer.messageId()).substring(0, 32);
        Instant at = answer.sentAt() == null ? answer.receivedAt() : answer.sentAt();
        return Candidate.builder(id, Candidate.Source.HISTORY, threadId, at).customer(question.from()).mailbox(mailbox)
                .subject(question.subject()).customerMessage(question.normalisedText()).reply(answer.normalisedText())
                .history(history).editDistance(answer.normalisedText().length()).adapterVersion(Candidate.HISTORY_ADAPTER)
                .build();
    }

    private void read(Path path, ArchiveFormat format, java.util.function.Consumer<SourcedMessage> sink) {
        try {
            switch (format) {
                case MBOX -> {
                    try (InputStream in = Files.newInputStream(path)) {
                        new MboxReader(limits.maxMessageBytes()).read(in, entry -> {
                            if (entry.raw() != null) {
                                sink.accept(new SourcedMessage("mbox:" + path.toAbsolutePath() + "#" + entry.index(), entry.raw()));
                            }
                        });
                    }
                }
                case MAILDIR -> {
                    for (String sub : List.of("cur", "new")) {
                        Path dir = path.resolve(sub);
                        if (Files.isDirectory(dir)) {
                            try (Stream<Path> files = Files.list(dir)) {
                                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                                    sink.accept(new SourcedMessage("maildir:" + f.toAbsolutePath(), Files.readAllBytes(f)));
                                }
                            }
                        }
                    }
                }
                case EML -> {
                    List<Path> files;
                    if (Files.isDirectory(path)) {
                        try (Stream<Path> walk = Files.walk(path)) {
                            files = walk.filter(Files::isRegularFile)
                                    .filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".eml")).sorted().toList();
                        }
                    } else {
                        files = List.of(path);
                    }
                    for (Path f : files) {
                        sink.accept(new SourcedMessage("eml:" + f.toAbsolutePath(), Files.readAllBytes(f)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read mail archive " + path + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // what is left holds only copies of the archive, below the scratch folder; safe to remove by hand
        }
    }
}
