package io.mailtune.model.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailtune.model.checkpoint.DType;
import io.mailtune.model.fixtures.TinyModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorModuleFallbackTest {

    @TempDir
    Path dir;

    private String run(boolean withModule) throws IOException, InterruptedException {
        TinyModel.write(dir, TinyModel.llamaConfig(true), 42, DType.F32);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (withModule) {
            cmd.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        }
        cmd.addAll(List.of("-Xmx512m", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                DecodeChild.class.getName(), dir.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DJL_OFFLINE", "true");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void withoutTheVectorModuleDecodingFallsBackToDjlAndSaysWhichFlagIsMissing() throws Exception {
        String out = run(false);
        assertTrue(out.contains("FORMAT TORCH"), out);
        assertTrue(out.contains("TOKENS 6"), out);
        assertTrue(out.contains("--add-modules jdk.incubator.vector"), out);
    }

    @Test
    void withTheVectorModuleTheDefaultDecodesOnTheVectorApi() throws Exception {
        String out = run(true);
        assertTrue(out.contains("FORMAT VECTOR_F32"), out);
        assertTrue(out.contains("TOKENS 6"), out);
    }
}
