package io.mailtune.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailtune.model.checkpoint.DType;
import io.mailtune.model.checkpoint.HostTensor;
import io.mailtune.model.fixtures.TinyModel;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.lora.LoraPair;
import io.mailtune.model.lora.PeftFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training in child JVMs: killed mid-run and resumed, and starved of heap with frequent GCs. */
class ChildJvmTrainingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Process start(String heap, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                TrainingChild.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child-" + System.nanoTime() + ".log").toFile());
        pb.environment().put("DJL_OFFLINE", "true");
        // One passive OpenMP thread: on a busy machine spinning threads slow PyTorch down tenfold.
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        return pb.start();
    }

    private static int finish(Process p) throws InterruptedException {
        try {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish in time");
            return p.exitValue();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aRunKilledMidTrainingResumesToTheSameAdapterAsAnUninterruptedRun() throws Exception {
        Path base = TinyModel.write(dir.resolve("base"), TinyModel.llamaConfig(true), 11, DType.F32).dir();
        int steps = 20;
        assertEquals(0, finish(start("-Xmx256m", base.toString(), dir.resolve("ck-a").toString(),
                dir.resolve("a").toString(), Integer.toString(steps), "0")));

        Path ck = dir.resolve("ck-b");
        // A pause after each step, so the run is still going when the test sees step 8 and kills it.
        Process doomed = start("-Xmx256m", base.toString(), ck.toString(), dir.resolve("b").toString(),
                Integer.toString(steps), "0", "150");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (snapshotStep(ck) < 8) {
            assertTrue(System.nanoTime() < deadline && doomed.isAlive(), "the run never reached step 8");
            Thread.sleep(20);
        }
        doomed.destroyForcibly().waitFor();
        assertTrue(!Files.exists(dir.resolve("b").resolve(PeftFormat.WEIGHTS_FILE)), "killed before it finished");
        Process resume = start("-Xmx256m", base.toString(), ck.toString(), dir.resolve("b").toString(),
                Integer.toString(steps), "0");
        assertEquals(0, finish(resume));

        assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(PeftFormat.WEIGHTS_FILE)),
                Files.readAllBytes(dir.resolve("b").resolve(PeftFormat.WEIGHTS_FILE)));
    }

    /**
     * The step of the snapshot the child last wrote, or -1 while there is none. The child swaps snapshots by renaming
     * directories while this reads, so state.json can vanish from state/ while it is being opened: then state.old/
     * is tried, and failing that the next poll tries again.
     */
    private static int snapshotStep(Path checkpoints) throws IOException {
        for (String snapshot : List.of("state", "state.old")) {
            try {
                return JSON.readTree(Files.readString(checkpoints.resolve(snapshot).resolve("state.json")))
                        .path("step").asInt(-1);
            } catch (NoSuchFileException moved) {
                // renamed away meanwhile, or not written yet
            }
        }
        return -1;
    }

    @Test
    void hundredsOfStepsUnderASmallHeapWithFrequentGcsStayFinite() throws Exception {
        Path base = TinyModel.write(dir.resolve("base"), TinyModel.llamaConfig(true), 11, DType.F32).dir();
        Path out = dir.resolve("adapter");
        assertEquals(0, finish(start("-Xmx64m", base.toString(), "none", out.toString(), "200", "2")));
        LoraAdapter adapter = PeftFormat.read(out, 2);
        for (int l = 0; l < adapter.layerCount(); l++) {
            for (LoraPair p : adapter.layer(l).values()) {
                for (HostTensor t : List.of(p.a(), p.b())) {
                    for (float v : t.data()) {
                        assertTrue(Float.isFinite(v), t.name() + " holds " + v);
                    }
                }
            }
        }
    }
}
