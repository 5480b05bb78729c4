package io.mailtune.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mailtune.model.checkpoint.HostTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training snapshots with real tensors: written, killed part-way through a rewrite, read back whole. */
class TrainingStateTest {

    /** Stops a write where it is, as a kill would. */
    private static final class Killed extends RuntimeException {
    }

    @TempDir
    Path dir;

    private final NDManager manager = NDManager.newBaseManager("PyTorch");

    @AfterEach
    void close() {
        manager.close();
    }

    private Map<String, NDArray> params(float value) {
        Map<String, NDArray> p = new LinkedHashMap<>();
        p.put("layers.0.q.lora_A", manager.full(new Shape(2, 3), value));
        p.put("layers.0.q.lora_B", manager.full(new Shape(3, 2), -value));
        return p;
    }

    private static Map<String, HostTensor> best(float value) {
        return Map.of("layers.0.q.lora_A", new HostTensor("layers.0.q.lora_A", new int[] {2, 3},
                new float[] {value, value, value, value, value, value}));
    }

    // Writes the snapshot of step `step`, whose every tensor holds `step`.
    private void write(int step, SnapshotDirectory snapshots) {
        Map<String, NDArray> params = params(step);
        try (AdamW adam = new AdamW(manager, params, 0.9, 0.999, 1e-8, 0)) {
            new TrainingState(step, step / 10.0, 0, step).write(snapshots, params, adam, best(step));
        }
    }

    // Reads the snapshot on disk into fresh arrays; returns its step after checking every tensor belongs to it.
    private int read() {
        Map<String, NDArray> params = params(0);
        Map<String, HostTensor> best = new LinkedHashMap<>();
        try (AdamW adam = new AdamW(manager, params, 0.9, 0.999, 1e-8, 0)) {
            TrainingState state = TrainingState.read(dir, params, adam, best);
            assertNotNull(state, "a snapshot is readable");
            float s = state.step();
            assertArrayEquals(new float[] {s, s, s, s, s, s}, params.get("layers.0.q.lora_A").toFloatArray());
            assertArrayEquals(new float[] {-s, -s, -s, -s, -s, -s}, params.get("layers.0.q.lora_B").toFloatArray());
            assertArrayEquals(new float[] {s, s, s, s, s, s}, best.get("layers.0.q.lora_A").data());
            return state.step();
        }
    }

    @Test
    void aSnapshotLeftOnlyAsStateOldIsResumedAndReplaced() throws Exception {
        write(4, new SnapshotDirectory(dir, "state.json"));
        Files.move(dir.resolve("state"), dir.resolve("state.old"));
        assertEquals(4, read());
        write(5, new SnapshotDirectory(dir, "state.json"));
        assertEquals(5, read());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of("state"), left.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aRewriteKilledAtAnyStepLeavesTheOldOrTheNewSnapshotWhole() {
        List<String> steps = new ArrayList<>();
        write(1, new SnapshotDirectory(dir, "state.json"));
        write(2, new SnapshotDirectory(dir, "state.json", steps::add));
        for (int crashAt = 0; crashAt < steps.size(); crashAt++) {
            int at = crashAt;
            int[] seen = {0};
            int before = read();
            try {
                write(before + 1, new SnapshotDirectory(dir, "state.json", step -> {
                    if (seen[0]++ == at) {
                        throw new Killed();
                    }
                }));
            } catch (Killed killed) {
                // the process died before steps.get(at)
            }
            int after = read();
            assertTrue(after == before || after == before + 1,
                    "crash before '" + steps.get(at) + "': read step " + after + " after step " + before);
        }
    }
}
