package io.mailtune.retrieval.search;

import io.mailtune.retrieval.testing.HelpCentre;
import io.mailtune.retrieval.testing.SharedEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrashRecoveryTest {

    @TempDir
    Path tmp;

    @Test
    void killingTheProcessMidWriteLeavesTheLastCommitSearchable() throws Exception {
        Path index = tmp.resolve("index");
        Path articles = HelpCentre.write(tmp.resolve("articles"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                IndexingProcess.class.getName(), index.toString(), articles.toString())
                .redirectErrorStream(true)
                .start();
        int uncommittedWrites = 0;
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean committed = false;
            // Kill it while it is in the middle of a stream of uncommitted writes, well after the commit.
            while ((line = out.readLine()) != null) {
                output.append(line).append('\n');
                committed |= line.equals("COMMITTED 4");
                if (committed && line.startsWith("WROTE ") && ++uncommittedWrites == 20) {
                    child.destroyForcibly();
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(20, uncommittedWrites, "child did not reach the uncommitted writes:\n" + output);
        assertEquals(137, child.exitValue(), "killed by SIGKILL, no shutdown hooks ran");

        try (KnowledgeBase kb = KnowledgeBase.open(index, SharedEncoder.get())) {
            assertEquals(4, kb.articleCount("help"), "exactly the committed articles survive");
            assertEquals("refunds", kb.search("money back for a return", SearchFilters.NONE, 1).getFirst().citation().articleId());
            assertTrue(kb.search("courier strike", SearchFilters.NONE, 10, SearchMode.BM25).isEmpty());
        }
    }
}
