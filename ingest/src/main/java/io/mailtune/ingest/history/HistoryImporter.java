package io.mailtune.ingest.history;

import io.mailtune.ingest.classify.TrafficClassifier;
import io.mailtune.ingest.pipeline.InboundPublisher;
import io.mailtune.ingest.pipeline.IntakeOutcome;
import io.mailtune.ingest.pipeline.MessageIntake;
import io.mailtune.ingest.pipeline.SourcedMessage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Seeds a mailbox's history from {@code .eml} files, mbox files or a Maildir, through the same intake and
 * exactly-once publisher as live mail: importing the same archive twice publishes nothing new, and a bad message
 * becomes a rejection without stopping the import.
 */
public final class HistoryImporter {

    private static final int BATCH = 100;

    private final MessageIntake intake;
    private final InboundPublisher publisher;
    private final String mailbox;
    private final TrafficClassifier classifier;
    private final long maxMessageBytes;

    /** An importer into one mailbox. */
    public HistoryImporter(MessageIntake intake, InboundPublisher publisher, String mailbox, TrafficClassifier classifier, long maxMessageBytes) {
        if (mailbox == null || mailbox.isBlank()) {
            throw new IllegalArgumentException("mailbox must not be blank");
        }
        this.intake = intake;
        this.publisher = publisher;
        this.mailbox = mailbox;
        this.classifier = classifier;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Imports one {@code .eml} file, or every {@code .eml} file under a directory in name order. */
    public ImportReport importEml(Path fileOrDirectory) throws IOException {
        List<Path> files;
        if (Files.isDirectory(fileOrDirectory)) {
            try (Stream<Path> walk = Files.walk(fileOrDirectory)) {
                files = walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().toLowerCase().endsWith(".eml")).sorted().toList();
            }
        } else {
            files = List.of(fileOrDirectory);
        }
        return importFiles(files, "eml:");
    }

    /** Imports a Maildir: the messages in {@code cur/} and {@code new/}, in file-name (delivery) order. */
    public ImportReport importMaildir(Path maildir) throws IOException {
        if (!Files.isDirectory(maildir.resolve("cur")) && !Files.isDirectory(maildir.resolve("new"))) {
            throw new IllegalArgumentException(maildir + " is not a Maildir: it has neither cur/ nor new/");
        }
        List<Path> files = new ArrayList<>();
        for (String sub : List.of("cur", "new")) {
            Path dir = maildir.resolve(sub);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> list = Files.list(dir)) {
                    list.filter(Files::isRegularFile).forEach(files::add);
                }
            }
        }
        files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return importFiles(files, "maildir:");
    }

    /** Imports every message of an mbox file. */
    public ImportReport importMbox(Path mbox) throws IOException {
        Batch batch = new Batch();
        try (InputStream in = Files.newInputStream(mbox)) {
            new MboxReader(maxMessageBytes).read(in, entry -> {
                String source = "mbox:" + mbox.toAbsolutePath() + "#" + entry.index();
                if (entry.raw() == null) {
                    batch.add(intake.rejectUnread(mailbox, source, entry.size()));
                } else {
                    batch.add(new SourcedMessage(source, entry.raw()));
                }
            });
        }
        return batch.finish();
    }

    private ImportReport importFiles(List<Path> files, String scheme) throws IOException {
        Batch batch = new Batch();
        for (Path file : files) {
            String source = scheme + file.toAbsolutePath();
            long size = Files.size(file);
            if (size > maxMessageBytes) {
                batch.add(intake.rejectUnread(mailbox, source, size));
            } else {
                batch.add(new SourcedMessage(source, Files.readAllBytes(file)));
            }
        }
        return batch.finish();
    }

    /** Messages read but not yet taken in and published, with counts. */
    private final class Batch {
        private final List<SourcedMessage> read = new ArrayList<>();
        private int accepted;
        private int duplicates;
        private int rejected;

        void add(SourcedMessage message) {
            read.add(message);
            if (read.size() >= BATCH) {
                flush();
            }
        }

        void add(IntakeOutcome outcome) {
            switch (outcome) {
                case IntakeOutcome.Accepted a -> throw new IllegalStateException("accepted messages go through a batch");
                case IntakeOutcome.Duplicate d -> duplicates++;
                case IntakeOutcome.Rejected r -> rejected++;
            }
        }

        void flush() {
            List<IntakeOutcome.Accepted> publishable = new ArrayList<>();
            for (IntakeOutcome outcome : intake.takeAll(mailbox, classifier, read)) {
                if (outcome instanceof IntakeOutcome.Accepted a) {
                    publishable.add(a);
                } else {
                    add(outcome);
                }
            }
            publisher.publish(mailbox, publishable, c -> { });
            accepted += publishable.size();
            read.clear();
        }

        ImportReport finish() {
            flush();
            return new ImportReport(accepted, duplicates, rejected);
        }
    }
}
