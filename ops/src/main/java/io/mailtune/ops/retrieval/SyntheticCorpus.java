package io.mailtune.ops.retrieval;

import io.mailtune.retrieval.chunk.Chunk;
import io.mailtune.retrieval.chunk.Chunker;
import io.mailtune.retrieval.chunk.ChunkingPolicy;
import io.mailtune.retrieval.encode.SentenceEncoder;
import io.mailtune.demo.brightcart.DemoArticles;
import io.mailtune.retrieval.index.ChunkDocuments;
import io.mailtune.retrieval.source.Article;
import io.mailtune.retrieval.source.ArticleReader;
import io.mailtune.retrieval.source.FolderScan;
import io.mailtune.retrieval.source.FolderSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Scales the Brightcart help centre up to any number of passages. Each synthetic passage splices sentences of two real
 * passages and adds a few rare tokens (order numbers, SKUs: the long tail of a real vocabulary); its vector is the
 * same blend of the two real MiniLM vectors plus Gaussian noise, renormalised, so neighbourhoods look like real ones
 * rather than uniform noise (on which HNSW behaves very differently).
 */
final class SyntheticCorpus {

    static final int SECTIONS_PER_ARTICLE = 5;
    private static final String[] PRODUCTS = {"store", "account", "plus", "partner-api"};
    private static final int MAX_PASSAGE_CHARS = 600;
    private static final double NOISE = 0.02;

    /** One real passage: its sentences and its MiniLM vector. */
    record RealPassage(String title, String heading, List<String> sentences, float[] vector) {
    }

    private final List<RealPassage> real;
    private final Map<String, float[]> vectors = new HashMap<>();
    private final Random random;

    private SyntheticCorpus(List<RealPassage> real, long seed) {
        this.real = real;
        this.random = new Random(seed);
    }

    /** Chunks and encodes the demo articles with the real encoder. */
    static SyntheticCorpus fromDemoArticles(Path work, SentenceEncoder encoder, long seed) {
        Path folder = DemoArticles.copyTo(work.resolve("demo-articles"));
        FolderScan scan = new FolderSource(folder, new ArticleReader("demo", "en", 1 << 20, 200_000, "bench")).scan();
        Chunker chunker = new Chunker(ChunkingPolicy.DEFAULT);
        List<RealPassage> passages = new ArrayList<>();
        for (Article article : scan.articles()) {
            List<Chunk> chunks = chunker.chunk(article);
            List<float[]> vectors = encoder.encodeAll(chunks.stream().map(c -> ChunkDocuments.embeddingText(article, c)).toList());
            for (int i = 0; i < chunks.size(); i++) {
                List<String> sentences = sentences(clean(chunks.get(i).text()));
                if (!sentences.isEmpty()) {
                    passages.add(new RealPassage(article.title(), chunks.get(i).heading(), sentences, vectors.get(i)));
                }
            }
        }
        return new SyntheticCorpus(passages, seed);
    }

    int realPassages() {
        return real.size();
    }

    /** Writes {@code articles} Markdown files of {@link #SECTIONS_PER_ARTICLE} one-passage sections each. */
    void writeArticles(Path folder, int firstId, int articles) throws IOException {
        Files.createDirectories(folder);
        for (int a = firstId; a < firstId + articles; a++) {
            RealPassage topic = pick();
            String id = String.format(Locale.ROOT, "syn-%06d", a);
            StringBuilder md = new StringBuilder()
                    .append("---\nid: ").append(id)
                    .append("\ntitle: ").append(clean(topic.title())).append(' ').append(rareToken())
                    .append("\nurl: https://help.example.com/").append(id)
                    .append("\nproduct: ").append(PRODUCTS[a % PRODUCTS.length])
                    .append("\n---\n");
            for (int s = 0; s < SECTIONS_PER_ARTICLE; s++) {
                RealPassage first = s == 0 ? topic : pick();
                RealPassage second = pick();
                String passage = passage(first, second, a, s);
                md.append("\n## ").append(clean(first.heading())).append(' ').append(s).append("\n\n").append(passage).append('\n');
                vectors.put(passage, blend(first.vector(), second.vector()));
            }
            Files.writeString(folder.resolve(id + ".md"), md);
        }
    }

    /** Precomputed vectors by passage text, for {@link TableEncoder}. */
    Map<String, float[]> vectors() {
        return vectors;
    }

    private RealPassage pick() {
        return real.get(random.nextInt(real.size()));
    }

    private String passage(RealPassage first, RealPassage second, int article, int section) {
        StringBuilder text = new StringBuilder();
        int fromFirst = Math.min(first.sentences().size(), 1 + random.nextInt(2));
        for (int i = 0; i < fromFirst; i++) {
            text.append(first.sentences().get(i)).append(' ');
        }
        text.append(second.sentences().get(random.nextInt(second.sentences().size()))).append(' ');
        text.append("Reference ").append(rareToken()).append(' ').append(rareToken()).append(" case ").append(article).append('x').append(section).append('.');
        String out = text.toString().replaceAll("\\s+", " ").strip();
        if (out.length() > MAX_PASSAGE_CHARS) {
            int cut = out.lastIndexOf(' ', MAX_PASSAGE_CHARS - 20);
            out = out.substring(0, cut) + " case " + article + "x" + section + ".";
        }
        return out;
    }

    private String rareToken() {
        return "bc" + Integer.toString(random.nextInt(2_000_000), 36);
    }

    private float[] blend(float[] a, float[] b) {
        double wa = 0.6 + 0.3 * random.nextDouble();
        float[] out = new float[a.length];
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) (wa * a[i] + (1 - wa) * b[i] + NOISE * random.nextGaussian());
            norm += out[i] * out[i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < out.length; i++) {
            out[i] *= scale;
        }
        return out;
    }

    /** Keeps characters that survive Markdown parsing unchanged, so a passage's text is its own lookup key. */
    private static String clean(String text) {
        return text.replaceAll("[^A-Za-z0-9 ,.?']", " ").replaceAll("\\s+", " ").strip();
    }

    private static List<String> sentences(String text) {
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
        it.setText(text);
        List<String> out = new ArrayList<>();
        for (int start = it.first(), end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            String s = text.substring(start, end).strip();
            if (s.length() > 10) {
                out.add(s);
            }
        }
        return out;
    }
}
