package io.mailtune.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A crash at every step of a snapshot swap, from every state a crash can leave, still leaves the previous or the new
 * snapshot readable, whole; and the next swap then succeeds and tidies up.
 */
class SnapshotDirectoryTest {

    private static final String MARKER = "state.json";

    @TempDir
    Path root;

    /** What the directory holds when a write starts. */
    enum Start {
        EMPTY,
        ONE_SNAPSHOT,
        /** A crash between renaming state to state.old and state.tmp to state. */
        ONLY_THE_OLD_SNAPSHOT,
        /** A snapshot plus a half-written state.tmp and a half-deleted state.trash. */
        LEFTOVERS
    }

    /** Thrown by the crash hook: the write stops there, as if the process were killed. */
    private static final class Crash extends RuntimeException {
    }

    private static void write(Path parent, String version, Consumer<String> hook) throws IOException {
        new SnapshotDirectory(parent, MARKER, hook).replace(
                dir -> Files.writeString(dir.resolve("data"), "data of " + version), version.getBytes(StandardCharsets.UTF_8));
    }

    // The version the readable snapshot claims, after checking its data file belongs to it; null when none.
    private static String readable(Path parent) throws IOException {
        Path current = new SnapshotDirectory(parent, MARKER).current();
        if (current == null) {
            return null;
        }
        String version = Files.readString(current.resolve(MARKER));
        assertEquals("data of " + version, Files.readString(current.resolve("data")), "a whole snapshot");
        return version;
    }

    private static void prepare(Path parent, Start start) throws IOException {
        Files.createDirectories(parent);
        switch (start) {
            case EMPTY -> { }
            case ONE_SNAPSHOT -> write(parent, "v1", s -> { });
            case ONLY_THE_OLD_SNAPSHOT -> {
                write(parent, "v1", s -> { });
                Files.move(parent.resolve(SnapshotDirectory.CURRENT), parent.resolve(SnapshotDirectory.PREVIOUS));
            }
            case LEFTOVERS -> {
                write(parent, "v1", s -> { });
                Files.createDirectories(parent.resolve(SnapshotDirectory.NEXT));
                Files.writeString(parent.resolve(SnapshotDirectory.NEXT).resolve("data"), "half");
                Files.createDirectories(parent.resolve(SnapshotDirectory.TRASH));
                Files.writeString(parent.resolve(SnapshotDirectory.TRASH).resolve(MARKER), "v0");
            }
        }
    }

    private static List<String> steps(Path parent) throws IOException {
        List<String> steps = new ArrayList<>();
        write(parent, "v2", steps::add);
        return steps;
    }

    @ParameterizedTest
    @EnumSource(Start.class)
    void aCrashAtAnyStepLeavesTheOldOrTheNewSnapshotAndTheNextWriteSucceeds(Start start) throws IOException {
        Path dry = root.resolve("dry");
        prepare(dry, start);
        List<String> steps = steps(dry);
        assertTrue(steps.contains("rename state.tmp to state"), "the swap has its steps: " + steps);
        String before = start == Start.EMPTY ? null : "v1";
        for (int crashAt = 0; crashAt < steps.size(); crashAt++) {
            Path parent = root.resolve("crash-" + crashAt);
            prepare(parent, start);
            int[] seen = {0};
            int at = crashAt;
            try {
                write(parent, "v2", step -> {
                    if (seen[0]++ == at) {
                        throw new Crash();
                    }
                });
            } catch (Crash expected) {
                // killed before steps.get(at)
            }
            String after = readable(parent);
            String where = start + ", crash before '" + steps.get(crashAt) + "'";
            assertTrue(after == null ? before == null : Set.of("v2", before == null ? "v2" : before).contains(after),
                    where + ": read " + after);
            if (steps.subList(crashAt, steps.size()).stream().noneMatch(s -> s.startsWith("rename state.tmp"))) {
                assertEquals("v2", after, where + ": the new snapshot is in place once renamed");
            }
            write(parent, "v3", s -> { });
            assertEquals("v3", readable(parent), where + ": the next write");
            try (Stream<Path> left = Files.list(parent)) {
                assertEquals(List.of(SnapshotDirectory.CURRENT), left.map(p -> p.getFileName().toString()).toList(),
                        where + ": only the snapshot is left");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Start.class, names = {"ONE_SNAPSHOT", "ONLY_THE_OLD_SNAPSHOT", "LEFTOVERS"})
    void theSnapshotOnDiskIsReadWhateverTheCrashLeft(Start start) throws IOException {
        Path parent = root.resolve("p");
        prepare(parent, start);
        assertEquals("v1", readable(parent));
    }

    @ParameterizedTest
    @EnumSource(value = Start.class, names = "EMPTY")
    void withoutASnapshotNothingIsRead(Start start) throws IOException {
        Path parent = root.resolve("p");
        prepare(parent, start);
        assertNull(readable(parent));
    }
}
