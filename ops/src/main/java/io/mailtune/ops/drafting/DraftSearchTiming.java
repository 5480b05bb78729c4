package io.mailtune.ops.drafting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtune.demo.recipe.GroundedExamples;
import io.mailtune.model.draft.CustomerMessage;
import io.mailtune.retrieval.encode.minilm.MiniLmEncoder;
import io.mailtune.retrieval.search.KnowledgeBase;
import io.mailtune.retrieval.search.SearchFilters;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What searching each of an email's questions on its own costs the drafting search: {@code KnowledgeBase.searchForDraft}
 * over every hand-written company's emails, with and without the questions, round-robin in one process (so the
 * machine's load falls on both alike), the first round a warm-up. Encoding included, as the agent pays it.
 *
 * <p>{@code java -cp <ops classpath> io.mailtune.ops.drafting.DraftSearchTiming [--eval-data ops/drafting-eval]
 * [--rounds 5] [--work DIR]}
 */
public final class DraftSearchTiming {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DraftSearchTiming() {
    }

    /** Entry point. */
    public static void main(String[] args) throws IOException {
        Path evalData = Path.of("ops/drafting-eval");
        Path work = Files.createTempDirectory("mailtune-draft-search");
        int rounds = 5;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--eval-data" -> evalData = Path.of(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--work" -> work = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        MiniLmEncoder encoder = new MiniLmEncoder();
        List<Path> companies;
        try (Stream<Path> dirs = Files.list(evalData)) {
            companies = dirs.filter(p -> Files.isRegularFile(p.resolve("emails.json"))).sorted().toList();
        }
        double[] total = new double[2];
        int emails = 0;
        int questions = 0;
        for (Path company : companies) {
            try (KnowledgeBase kb = KnowledgeBase.open(work.resolve(company.getFileName().toString()), encoder)) {
                kb.indexFolder(company.resolve("kb"), company.getFileName().toString());
                List<CustomerMessage> mail = new ArrayList<>();
                for (JsonNode e : JSON.readTree(company.resolve("emails.json").toFile())) {
                    mail.add(CustomerMessage.of(e.path("from_name").asText(""), e.path("from_address").asText(),
                            e.path("subject").asText(""), e.path("body").asText("")));
                }
                for (int round = 0; round < rounds; round++) {
                    for (int withQuestions = 0; withQuestions < 2; withQuestions++) {
                        long start = System.nanoTime();
                        for (CustomerMessage m : mail) {
                            List<String> asked = withQuestions == 1 ? GroundedExamples.questions(m) : List.of();
                            kb.searchForDraft(GroundedExamples.query(m), asked, SearchFilters.NONE, GroundedExamples.PASSAGES);
                            if (round > 0 && withQuestions == 1) {
                                questions += asked.size();
                            }
                        }
                        if (round > 0) {
                            total[withQuestions] += (System.nanoTime() - start) / 1e6;
                        }
                    }
                    emails += round > 0 ? mail.size() : 0;
                }
            }
        }
        System.out.printf(Locale.ROOT, "draft search, %d emails x %d rounds (after a warm-up): without questions %.1f ms"
                        + " per email, with questions %.1f ms per email (%.1f questions each), ratio %.2f; load %.2f%n",
                emails / Math.max(1, rounds - 1), rounds - 1, total[0] / emails, total[1] / emails, (double) questions / emails,
                total[1] / total[0], ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
