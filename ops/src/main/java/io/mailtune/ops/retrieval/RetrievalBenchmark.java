package io.mailtune.ops.retrieval;

import io.mailtune.retrieval.encode.SentenceEncoder;
import io.mailtune.retrieval.encode.minilm.MiniLmEncoder;
import io.mailtune.retrieval.eval.LabelledQuery;
import io.mailtune.demo.brightcart.BrightcartQueries;
import io.mailtune.retrieval.search.KnowledgeBase;
import io.mailtune.retrieval.search.SearchFilters;
import io.mailtune.retrieval.search.SearchHit;
import io.mailtune.retrieval.search.SearchMode;
import io.mailtune.retrieval.search.SyncReport;
import io.mailtune.retrieval.source.SourceType;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Search latency and throughput of the knowledge base at scale: builds an index of {@code --chunks} synthetic passages
 * (see {@link SyntheticCorpus}) through the real folder-indexing path, then runs the 134 labelled Brightcart queries.
 * Query encoding (MiniLM) is timed on its own; search latencies exclude it and include everything else a caller gets:
 * BM25 and HNSW retrieval, fusion, highlighting and loading stored fields for the top 10.
 *
 * <p>Variants are timed round-robin on the same queries, after a warm-up as long as the measurement; with
 * {@code --compact} they are timed again after merging the index into one segment.
 *
 * <p>Usage: {@code RetrievalBenchmark [--chunks 100000] [--seconds 10] [--work DIR] [--compact]}
 */
public final class RetrievalBenchmark {

    private static final int TOP_K = 10;

    private RetrievalBenchmark() {
    }

    /** Runs the benchmark and prints Markdown tables. */
    public static void main(String[] args) throws Exception {
        int chunks = 100_000;
        int seconds = 10;
        Path work = null;
        boolean compact = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--chunks" -> chunks = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--compact" -> compact = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; use --chunks N --seconds S --work DIR --compact");
            }
        }
        if (work == null) {
            work = Files.createTempDirectory("retrieval-bench");
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "# Retrieval benchmark: %d passages, %d cores, max heap %d MiB, Java %s, vector module %s%n",
                chunks, rt.availableProcessors(), rt.maxMemory() >> 20, Runtime.version(),
                ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? "on" : "off");

        SentenceEncoder minilm = new MiniLmEncoder();
        SyntheticCorpus corpus = SyntheticCorpus.fromDemoArticles(work, minilm, 42);
        int articles = (chunks + SyntheticCorpus.SECTIONS_PER_ARTICLE - 1) / SyntheticCorpus.SECTIONS_PER_ARTICLE;
        Path folder = work.resolve("synthetic");
        long t0 = System.nanoTime();
        corpus.writeArticles(folder, 0, articles);
        System.out.printf(Locale.ROOT, "wrote %d synthetic articles from %d real passages in %.1f s%n",
                articles, corpus.realPassages(), (System.nanoTime() - t0) / 1e9);

        Path index = work.resolve("index");
        TableEncoder encoder = new TableEncoder(minilm, corpus.vectors());
        try (KnowledgeBase kb = KnowledgeBase.open(index, encoder)) {
            long t1 = System.nanoTime();
            SyncReport report = kb.indexFolder(folder, "synthetic");
            double indexSeconds = (System.nanoTime() - t1) / 1e9;
            System.out.printf(Locale.ROOT, "indexed: %s in %.1f s (%.0f passages/s, vectors precomputed), %d passages searchable, %s on disk%n",
                    report.summary(), indexSeconds, report.chunks() / indexSeconds, kb.chunkCount(), mib(index));

            List<LabelledQuery> queries = BrightcartQueries.all();
            Latencies encoding = new Latencies();
            List<float[]> vectors = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (LabelledQuery q : queries) {
                    long s = System.nanoTime();
                    float[] v = minilm.encode(q.query());
                    long e = System.nanoTime() - s;
                    if (round == 0) {
                        vectors.add(v);
                    } else {
                        encoding.add(e);
                    }
                }
            }

            List<Variant> variants = List.of(
                    new Variant("hybrid search, top 10", SearchFilters.NONE, SearchMode.HYBRID),
                    new Variant("hybrid + product filter (1/4 of passages)", SearchFilters.NONE.withProduct("store"), SearchMode.HYBRID),
                    new Variant("BM25 only", SearchFilters.NONE, SearchMode.BM25),
                    new Variant("vector (HNSW) only", SearchFilters.NONE, SearchMode.VECTOR));
            System.out.printf(Locale.ROOT, "%nquery encoding (MiniLM, one query, %d samples): p50 %.2f ms, p99 %.2f ms, mean %.2f ms%n",
                    encoding.count(), encoding.percentileMillis(50), encoding.percentileMillis(99), encoding.meanMillis());
            printLatencies(kb, queries, vectors, variants, seconds);
            if (compact) {
                long tc = System.nanoTime();
                kb.compact();
                System.out.printf(Locale.ROOT, "%ncompacted to %d segment(s) in %.1f s, %s on disk%n", kb.segmentCount(),
                        (System.nanoTime() - tc) / 1e9, mib(index));
                printLatencies(kb, queries, vectors, variants, seconds);
            }
            System.out.println();
            System.out.println("| threads | hybrid searches/s (excl. encoding) |");
            System.out.println("|---:|---:|");
            for (int threads = 1; threads <= rt.availableProcessors(); threads *= 2) {
                System.out.printf(Locale.ROOT, "| %d | %.0f |%n", threads, throughput(kb, queries, vectors, threads, seconds));
            }

            // A fresh article each run: time from the indexing call until a search finds it (includes the commit).
            int extraId = articles + 1 + (int) (System.currentTimeMillis() % 1_000_000);
            Path extra = work.resolve("extra-" + extraId);
            corpus.writeArticles(extra, extraId, 1);
            long t2 = System.nanoTime();
            kb.indexFolder(extra, "extra");
            boolean found = !kb.search("case " + extraId + "x0", null, SearchFilters.NONE, 1, SearchMode.BM25).isEmpty();
            double visibleMillis = (System.nanoTime() - t2) / 1e6;
            System.out.printf(Locale.ROOT, "%nnew article (5 passages) searchable %.0f ms after indexing started (found: %s; includes commit)%n",
                    visibleMillis, found);
            kb.delete(SourceType.ARTICLE, "extra", String.format(Locale.ROOT, "syn-%06d", extraId));
            kb.commit();
        }
    }

    private static void printLatencies(KnowledgeBase kb, List<LabelledQuery> queries, List<float[]> vectors, List<Variant> variants,
                                       int seconds) {
        List<Latencies> latencies = measureInterleaved(kb, queries, vectors, variants, seconds);
        System.out.printf(Locale.ROOT, "%n%d segment(s); search latencies exclude query encoding; system load average %.1f%n%n",
                kb.segmentCount(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("| what | samples | p50 ms | p99 ms | mean ms | CPU p50 ms | CPU p99 ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (int v = 0; v < variants.size(); v++) {
            Latencies wall = latencies.get(v);
            Latencies cpuTime = latencies.get(variants.size() + v);
            System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f |%n", variants.get(v).name(), wall.count(),
                    wall.percentileMillis(50), wall.percentileMillis(99), wall.meanMillis(),
                    cpuTime.percentileMillis(50), cpuTime.percentileMillis(99));
        }
    }

    /** A search configuration to time. */
    private record Variant(String name, SearchFilters filters, SearchMode mode) {
    }

    /**
     * Times every variant on every query in turn (round-robin), so load from other processes on a shared machine falls
     * on all variants alike and their ratios stay comparable. Returns wall-clock latencies, then (same order) the
     * searching thread's CPU time per search, which time slices lost to other processes do not inflate.
     */
    private static List<Latencies> measureInterleaved(KnowledgeBase kb, List<LabelledQuery> queries, List<float[]> vectors,
                                                      List<Variant> variants, int seconds) {
        List<Latencies> out = new ArrayList<>();
        for (int v = 0; v < 2 * variants.size(); v++) {
            out.add(new Latencies());
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long warmUntil = System.nanoTime() + seconds * 1_000_000_000L;
        long until = warmUntil + seconds * 1_000_000_000L;
        int i = 0;
        while (System.nanoTime() < until) {
            boolean warm = System.nanoTime() >= warmUntil;
            for (int v = 0; v < variants.size(); v++) {
                Variant variant = variants.get((v + i) % variants.size());
                long c = cpu.getCurrentThreadCpuTime();
                long s = System.nanoTime();
                search(kb, queries, vectors, i, variant.filters(), variant.mode());
                if (warm) {
                    int index = variants.indexOf(variant);
                    out.get(index).add(System.nanoTime() - s);
                    out.get(variants.size() + index).add(cpu.getCurrentThreadCpuTime() - c);
                }
            }
            i++;
        }
        return out;
    }

    private static double throughput(KnowledgeBase kb, List<LabelledQuery> queries, List<float[]> vectors, int threads, int seconds)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t * 17;
            workers.add(Thread.ofPlatform().start(() -> {
                int i = offset;
                while (!stop.get()) {
                    search(kb, queries, vectors, i++, SearchFilters.NONE, SearchMode.HYBRID);
                    done.incrementAndGet();
                }
            }));
        }
        Thread.sleep(1000);
        long before = done.get();
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long after = done.get();
        double elapsed = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        for (Thread w : workers) {
            w.join();
        }
        return (after - before) / elapsed;
    }

    private static List<SearchHit> search(KnowledgeBase kb, List<LabelledQuery> queries, List<float[]> vectors, int i,
                                          SearchFilters filters, SearchMode mode) {
        int q = i % queries.size();
        return kb.search(queries.get(q).query(), vectors.get(q), filters, TOP_K, mode);
    }

    private static String mib(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            long bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            return (bytes >> 20) + " MiB";
        }
    }
}
