package io.mailtune.retrieval.cli;

import io.mailtune.retrieval.chunk.ChunkingPolicy;
import io.mailtune.retrieval.encode.SentenceEncoder;
import io.mailtune.retrieval.encode.minilm.MiniLmEncoder;
import io.mailtune.retrieval.eval.Evaluation;
import io.mailtune.retrieval.eval.EvaluationReport;
import io.mailtune.retrieval.eval.FusionTuning;
import io.mailtune.retrieval.eval.LabelledQuery;
import io.mailtune.retrieval.eval.QueryOutcome;
import io.mailtune.retrieval.eval.QuerySet;
import io.mailtune.retrieval.index.IndexUnreadableException;
import io.mailtune.retrieval.search.Fusion;
import io.mailtune.retrieval.search.KnowledgeBase;
import io.mailtune.retrieval.search.RetrievalConfig;
import io.mailtune.retrieval.search.SearchFilters;
import io.mailtune.retrieval.search.SearchHit;
import io.mailtune.retrieval.search.SearchMode;
import io.mailtune.retrieval.search.SyncReport;
import io.mailtune.retrieval.source.LoadProblem;
import io.mailtune.retrieval.source.SourceType;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Command line for the knowledge base: {@code index}, {@code search} and {@code evaluate}. Run without arguments for
 * usage. Exit status 0 on success, 1 on a failure the message explains, 2 on a usage error.
 */
public final class RetrievalCli {

    private static final String USAGE = """
            usage:
              index    --index DIR --source NAME [--rebuild] FOLDER
                       index a folder of .md/.html/.txt articles (incremental: unchanged files are skipped,
                       deleted files removed); --rebuild moves an unreadable index aside and starts afresh
              search   --index DIR [--mode hybrid|bm25|vector] [--k 5] [--product P] [--language L]
                       [--type article|approved_reply] QUERY...
              evaluate --index DIR --queries FILE [--show-misses] [--tune]
                       score BM25, vector and hybrid on a labelled set ('article-id<TAB>query' lines);
                       --tune grid-searches the fusion weights on odd-numbered queries and reports the winner
                       on the even-numbered ones
            common options: --analyzer english|standard|... --chunk TARGET/MAX/OVERLAP
                            --bm25-weight W --vector-weight W --rrf-k K --candidates N
            """;

    private static final Set<String> VALUE_OPTIONS = Set.of("index", "source", "mode", "k", "product", "language", "type",
            "queries", "analyzer", "chunk", "bm25-weight", "vector-weight", "rrf-k", "candidates");
    private static final Set<String> FLAGS = Set.of("rebuild", "show-misses", "tune");

    private static final double[] TUNING_WEIGHTS = {1.0, 0.75, 0.5, 0.35, 0.25};
    private static final double[] TUNING_KS = {1, 2, 5, 10, 20, 60};

    private final PrintStream out;
    private final SentenceEncoder encoder;

    /** Creates a CLI that prints to a stream and encodes with the given encoder. */
    public RetrievalCli(PrintStream out, SentenceEncoder encoder) {
        this.out = out;
        this.encoder = encoder;
    }

    /** Entry point. */
    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.print(USAGE);
            System.exit(2);
        }
        int status;
        try {
            status = new RetrievalCli(System.out, new MiniLmEncoder()).run(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(USAGE);
            status = 2;
        }
        System.exit(status);
    }

    /** Runs one command; returns the exit status. Usage errors throw {@link IllegalArgumentException}. */
    public int run(String... args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("no command given");
        }
        String command = args[0];
        CliArguments a = new CliArguments(Arrays.asList(args).subList(1, args.length), VALUE_OPTIONS, FLAGS);
        RetrievalConfig config = config(a);
        Path indexDir = Path.of(a.require("index"));
        try {
            return switch (command) {
                case "index" -> index(a, indexDir, config);
                case "search" -> search(a, indexDir, config);
                case "evaluate" -> evaluate(a, indexDir, config);
                default -> throw new IllegalArgumentException("unknown command '" + command + "'");
            };
        } catch (IndexUnreadableException e) {
            out.println("error: " + e.getMessage());
            return 1;
        }
    }

    private int index(CliArguments a, Path indexDir, RetrievalConfig config) {
        if (a.positional().size() != 1) {
            throw new IllegalArgumentException("index needs exactly one FOLDER, got " + a.positional());
        }
        Path folder = Path.of(a.positional().getFirst());
        try (KnowledgeBase kb = a.flag("rebuild") ? KnowledgeBase.rebuild(indexDir, encoder, config) : KnowledgeBase.open(indexDir, encoder, config)) {
            SyncReport report = kb.indexFolder(folder, a.require("source"));
            out.println(report.summary());
            for (LoadProblem problem : report.problems()) {
                out.println("  skipped: " + problem.reason());
            }
            out.println(kb.chunkCount() + " passages searchable in " + indexDir.toAbsolutePath());
        }
        return 0;
    }

    private int search(CliArguments a, Path indexDir, RetrievalConfig config) {
        if (a.positional().isEmpty()) {
            throw new IllegalArgumentException("search needs a QUERY");
        }
        String query = String.join(" ", a.positional());
        SearchMode mode = SearchMode.valueOf(a.get("mode", "hybrid").toUpperCase(Locale.ROOT));
        String type = a.get("type", null);
        SearchFilters filters = new SearchFilters(a.get("product", null), a.get("language", null), type == null ? null : SourceType.parse(type));
        requireIndex(indexDir);
        try (KnowledgeBase kb = KnowledgeBase.open(indexDir, encoder, config)) {
            long start = System.nanoTime();
            List<SearchHit> hits = kb.search(query, filters, a.intOption("k", 5), mode);
            double millis = (System.nanoTime() - start) / 1e6;
            int rank = 1;
            for (SearchHit hit : hits) {
                out.printf(Locale.ROOT, "%d. %s — %s%n   %s%n   %s%n   %s%n", rank++, hit.citation().title(), hit.heading(),
                        hit.citation().url() == null ? hit.citation().chunkId() : hit.citation().url(),
                        hit.score().explain(), hit.highlight().replace('\n', ' '));
            }
            out.printf(Locale.ROOT, "%d hit(s) in %.1f ms (query encoding included)%n", hits.size(), millis);
        }
        return 0;
    }

    private int evaluate(CliArguments a, Path indexDir, RetrievalConfig config) {
        String queryFile = a.get("queries", null);
        if (queryFile == null) {
            throw new IllegalArgumentException("evaluate needs --queries FILE (lines of 'article-id<TAB>query')");
        }
        List<LabelledQuery> queries = QuerySet.read(Path.of(queryFile));
        requireIndex(indexDir);
        try (KnowledgeBase kb = KnowledgeBase.open(indexDir, encoder, config)) {
            Evaluation evaluation = new Evaluation(kb, SearchFilters.ofType(SourceType.ARTICLE), config.candidates());
            if (a.flag("tune")) {
                FusionTuning.Result tuned = FusionTuning.tune(evaluation, queries, TUNING_WEIGHTS, TUNING_KS);
                for (FusionTuning.Trial trial : tuned.trials()) {
                    out.printf(Locale.ROOT, "tuning half: bm25 weight %.2f, vector weight %.2f, k %.0f -> hybrid MRR %.3f%n",
                            trial.fusion().bm25Weight(), trial.fusion().vectorWeight(), trial.fusion().k(), trial.tuningMrr());
                }
                out.printf(Locale.ROOT, "best on the tuning half: %s; held-out half:%n", tuned.best());
                out.print(tuned.heldOut().table());
            }
            EvaluationReport report = evaluation.run(queries);
            out.printf(Locale.ROOT, "%d queries, %s:%n", queries.size(), config.fusion());
            out.print(report.table());
            if (a.flag("show-misses")) {
                for (QueryOutcome outcome : report.outcomes()) {
                    if (outcome.ranks().get(SearchMode.HYBRID) != 1) {
                        out.printf(Locale.ROOT, "miss: %-28s bm25 #%d vector #%d hybrid #%d got %s | %s%n", outcome.query().articleId(),
                                outcome.ranks().get(SearchMode.BM25), outcome.ranks().get(SearchMode.VECTOR),
                                outcome.ranks().get(SearchMode.HYBRID), outcome.rankings().get(SearchMode.HYBRID).stream().findFirst().orElse("-"),
                                outcome.query().query());
                    }
                }
            }
        }
        return 0;
    }

    private static void requireIndex(Path indexDir) {
        if (!Files.isDirectory(indexDir)) {
            throw new IllegalArgumentException("no index at " + indexDir.toAbsolutePath() + "; run `index` first");
        }
    }

    private static RetrievalConfig config(CliArguments a) {
        RetrievalConfig base = RetrievalConfig.DEFAULT;
        Fusion fusion = new Fusion(a.doubleOption("bm25-weight", base.fusion().bm25Weight()),
                a.doubleOption("vector-weight", base.fusion().vectorWeight()), a.doubleOption("rrf-k", base.fusion().k()));
        ChunkingPolicy chunking = base.chunking();
        String chunk = a.get("chunk", null);
        if (chunk != null) {
            String[] parts = chunk.split("/");
            if (parts.length != 3) {
                throw new IllegalArgumentException("--chunk must be TARGET/MAX/OVERLAP, e.g. 700/1000/150");
            }
            try {
                chunking = new ChunkingPolicy(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--chunk must be three whole numbers, was '" + chunk + "'");
            }
        }
        return new RetrievalConfig(a.get("analyzer", base.analyzer()), chunking, fusion, a.intOption("candidates", base.candidates()),
                base.defaultLanguage(), base.maxFileBytes(), base.maxTextChars());
    }
}
