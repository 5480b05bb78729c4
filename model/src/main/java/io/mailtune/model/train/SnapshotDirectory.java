package io.mailtune.model.train;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One snapshot directory, {@code <parent>/state}, replaced so that a crash at any moment leaves a complete snapshot
 * readable: the new one is written in full into {@code state.tmp} (its marker file last, itself written to a side
 * file and renamed), then the current one is renamed to {@code state.old}, the new one to {@code state}, and the old
 * one is dropped. Directories are only ever renamed whole; deletions happen to a directory first renamed to
 * {@code state.trash}, so nothing half-deleted is ever read. {@link #current} reads {@code state}, else
 * {@code state.old} (a crash between the two renames), and a write started in that situation keeps
 * {@code state.old} until the new snapshot is in place.
 */
final class SnapshotDirectory {

    static final String CURRENT = "state";
    static final String PREVIOUS = "state.old";
    static final String NEXT = "state.tmp";
    static final String TRASH = "state.trash";

    /** Writes a snapshot's data files into the directory it is given. */
    @FunctionalInterface
    interface Contents {
        void writeInto(Path dir) throws IOException;
    }

    private final Path parent;
    private final String marker;
    private final Consumer<String> beforeStep;

    /** Snapshots under {@code parent}; a snapshot is complete when its {@code marker} file exists. */
    SnapshotDirectory(Path parent, String marker) {
        this(parent, marker, step -> { });
    }

    /** As above; {@code beforeStep} hears the name of every file-system step before it runs (tests crash there). */
    SnapshotDirectory(Path parent, String marker, Consumer<String> beforeStep) {
        this.parent = parent;
        this.marker = marker;
        this.beforeStep = beforeStep;
    }

    /** The directory holding the snapshots. */
    Path parent() {
        return parent;
    }

    /** The newest complete snapshot, or null when there is none. */
    Path current() {
        for (String name : List.of(CURRENT, PREVIOUS)) {
            Path dir = parent.resolve(name);
            if (Files.isRegularFile(dir.resolve(marker))) {
                return dir;
            }
        }
        return null;
    }

    /** Replaces the snapshot: {@code contents} writes the data files, then {@code markerBytes} completes it. */
    void replace(Contents contents, byte[] markerBytes) throws IOException {
        Files.createDirectories(parent);
        Path current = parent.resolve(CURRENT);
        Path previous = parent.resolve(PREVIOUS);
        Path next = parent.resolve(NEXT);
        delete(parent.resolve(TRASH));
        delete(next);
        step("create " + NEXT);
        Files.createDirectories(next);
        step("write data");
        contents.writeInto(next);
        Path part = next.resolve(marker + ".part");
        step("write marker");
        Files.write(part, markerBytes);
        try (Stream<Path> files = Files.list(next)) {
            for (Path f : files.toList()) {
                step("sync " + f.getFileName());
                sync(f);
            }
        }
        step("rename marker");
        Files.move(part, next.resolve(marker), StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(next);
        if (isComplete(current)) {
            if (Files.exists(previous)) {
                discard(previous);
            }
            step("rename " + CURRENT + " to " + PREVIOUS);
            Files.move(current, previous, StandardCopyOption.ATOMIC_MOVE);
        } else if (Files.exists(current)) {
            // Not a snapshot (no marker): never written by this class; set it aside rather than read it.
            discard(current);
        }
        step("rename " + NEXT + " to " + CURRENT);
        Files.move(next, current, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(parent);
        if (Files.exists(previous)) {
            discard(previous);
        }
    }

    private boolean isComplete(Path dir) {
        return Files.isRegularFile(dir.resolve(marker));
    }

    // Renames a directory to the trash whole, then deletes the trash.
    private void discard(Path dir) throws IOException {
        Path trash = parent.resolve(TRASH);
        delete(trash);
        step("rename " + dir.getFileName() + " to " + TRASH);
        Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
        delete(trash);
    }

    private void delete(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(p)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path q : paths) {
            step("delete " + parent.relativize(q));
            Files.deleteIfExists(q);
        }
    }

    private void step(String name) {
        beforeStep.accept(name);
    }

    private static void sync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    // Makes the renames inside a directory durable; some file systems cannot open a directory, which only weakens
    // the guarantee against power loss (a killed process is covered by the renames alone).
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort
        }
    }
}
