package io.mailtune.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailtune.model.checkpoint.DType;
import io.mailtune.model.checkpoint.HostTensor;
import io.mailtune.model.checkpoint.SafetensorsFile;
import io.mailtune.model.checkpoint.SafetensorsWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A resumable snapshot of a run: trainable tensors, AdamW moments, the best weights so far and the counters, in
 * {@code <dir>/state} (float32 safetensors + {@code state.json}, written last). {@link SnapshotDirectory} swaps a new
 * snapshot in so that a crash at any moment leaves a complete one to resume from.
 *
 * @param step             optimizer steps done
 * @param bestHoldoutLoss  best holdout loss so far, or NaN
 * @param staleEvaluations evaluations since the best one
 * @param lastLoss         training loss of the last step
 */
record TrainingState(int step, double bestHoldoutLoss, int staleEvaluations, double lastLoss) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TENSORS = "tensors.safetensors";
    private static final String COUNTERS = "state.json";

    /** Writes the snapshot; {@code best} may be empty when no evaluation has happened. */
    void write(Path dir, Map<String, NDArray> params, AdamW adam, Map<String, HostTensor> best) {
        write(new SnapshotDirectory(dir, COUNTERS), params, adam, best);
    }

    /** Writes the snapshot through {@code snapshots} (tests pass one that crashes part-way). */
    void write(SnapshotDirectory snapshots, Map<String, NDArray> params, AdamW adam, Map<String, HostTensor> best) {
        List<HostTensor> tensors = new ArrayList<>();
        params.forEach((n, a) -> tensors.add(ModelWeights.host("param/" + n, a)));
        adam.firstMoments().forEach((n, a) -> tensors.add(ModelWeights.host("adam_m/" + n, a)));
        adam.secondMoments().forEach((n, a) -> tensors.add(ModelWeights.host("adam_v/" + n, a)));
        best.forEach((n, t) -> tensors.add(new HostTensor("best/" + n, t.shape(), t.data())));
        ObjectNode c = JSON.createObjectNode();
        c.put("step", step);
        c.put("best_holdout_loss", Double.isNaN(bestHoldoutLoss) ? null : bestHoldoutLoss);
        c.put("stale_evaluations", staleEvaluations);
        c.put("last_loss", lastLoss);
        try {
            snapshots.replace(next -> SafetensorsWriter.write(next.resolve(TENSORS), tensors, DType.F32, Map.of()),
                    JSON.writeValueAsBytes(c));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write training state under " + snapshots.parent(), e);
        }
    }

    /** The snapshot in {@code dir}, or null when there is none. Restores tensors into params, moments and best. */
    static TrainingState read(Path dir, Map<String, NDArray> params, AdamW adam, Map<String, HostTensor> best) {
        Path current = new SnapshotDirectory(dir, COUNTERS).current();
        if (current == null) {
            return null;
        }
        try {
            var c = JSON.readTree(current.resolve(COUNTERS).toFile());
            SafetensorsFile file = SafetensorsFile.open(current.resolve(TENSORS));
            restore(file, "param/", params);
            restore(file, "adam_m/", adam.firstMoments());
            restore(file, "adam_v/", adam.secondMoments());
            best.clear();
            for (String name : file.entries().keySet()) {
                if (name.startsWith("best/")) {
                    HostTensor t = file.read(name);
                    best.put(name.substring(5), new HostTensor(name.substring(5), t.shape(), t.data()));
                }
            }
            double bestLoss = c.path("best_holdout_loss").isNumber() ? c.get("best_holdout_loss").asDouble() : Double.NaN;
            return new TrainingState(c.path("step").asInt(), bestLoss, c.path("stale_evaluations").asInt(),
                    c.path("last_loss").asDouble());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read training state from " + current, e);
        }
    }

    private static void restore(SafetensorsFile file, String prefix, Map<String, NDArray> into) {
        for (Map.Entry<String, NDArray> e : into.entrySet()) {
            String name = prefix + e.getKey();
            if (!file.entries().containsKey(name)) {
                throw new IllegalStateException("training state lacks '" + name
                        + "': it was written for another model, adapter or mode");
            }
            overwrite(e.getValue(), file.read(name).data());
        }
    }

    /**
     * Copies values into a device tensor in place, as arithmetic (x − x + v) rather than {@code NDArray.set(Buffer)},
     * which may leave the tensor pointing at a Java buffer that the GC later frees.
     */
    static void overwrite(NDArray target, float[] values) {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager scope = target.getManager().newSubManager()) {
            NDArray v = scope.create(values, target.getShape());
            target.subi(target).addi(v);
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }
}
