package io.mailtune.retrieval.cli;

import io.mailtune.retrieval.testing.HelpCentre;
import io.mailtune.retrieval.testing.SharedEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetrievalCliTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final RetrievalCli cli = new RetrievalCli(new PrintStream(bytes, true, StandardCharsets.UTF_8), SharedEncoder.get());

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void indexThenSearchThenEvaluateAFolder() throws Exception {
        Path articles = HelpCentre.write(tmp.resolve("articles"));
        String index = tmp.resolve("index").toString();
        assertEquals(0, cli.run("index", "--index", index, "--source", "help", articles.toString()));
        assertTrue(output().contains("help: 4 added"), output());
        assertEquals(0, cli.run("search", "--index", index, "--k", "1", "where", "is", "my", "refund"));
        assertTrue(output().contains("1. Refunds and returns"), output());
        assertTrue(output().contains("bm25 #"), output());
        Path queries = Files.writeString(tmp.resolve("q.tsv"), "refunds\tmoney back please\npassword-reset\tcant log in forgot pw\n");
        assertEquals(0, cli.run("evaluate", "--index", index, "--queries", queries.toString()));
        assertTrue(output().contains("| hybrid | 2 |"), output());
    }

    @Test
    void aCorruptIndexIsReportedWithExitStatusOne() throws Exception {
        Path index = Files.createDirectories(tmp.resolve("index"));
        Files.writeString(index.resolve("_0.cfs"), "garbage");
        assertEquals(1, cli.run("search", "--index", index.toString(), "refund"));
        assertTrue(output().contains("rebuild"), output());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cli.run("search", "--index", "x", "--colour", "red"));
        assertTrue(e.getMessage().contains("--colour"), e.getMessage());
    }
}
