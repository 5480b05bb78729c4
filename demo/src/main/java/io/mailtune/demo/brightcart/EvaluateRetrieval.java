package io.mailtune.demo.brightcart;

import io.mailtune.retrieval.cli.RetrievalCli;
import io.mailtune.retrieval.encode.minilm.MiniLmEncoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scores retrieval on the demo company: indexes the bundled articles into {@code --index DIR} and runs the retrieval
 * command line's {@code evaluate} on the labelled Brightcart queries; any further arguments ({@code --show-misses},
 * {@code --tune}, fusion options) pass through.
 */
public final class EvaluateRetrieval {

    private EvaluateRetrieval() {
    }

    /** {@code --index DIR [evaluate options]}. */
    public static void main(String[] args) throws IOException {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        int at = rest.indexOf("--index");
        if (at < 0 || at + 1 >= rest.size()) {
            System.err.println("usage: EvaluateRetrieval --index DIR [--show-misses] [--tune] [fusion options]");
            System.exit(2);
        }
        Path index = Path.of(rest.get(at + 1));
        Path articles = DemoArticles.copyTo(index.resolveSibling(index.getFileName() + "-demo-articles"));
        Path queries = index.resolveSibling(index.getFileName() + "-queries.tsv");
        try (InputStream in = BrightcartQueries.class.getResourceAsStream(BrightcartQueries.RESOURCE)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException(BrightcartQueries.RESOURCE + " is missing from the classpath"));
            }
            Files.copy(in, queries, StandardCopyOption.REPLACE_EXISTING);
        }
        RetrievalCli cli = new RetrievalCli(System.out, new MiniLmEncoder());
        int status = cli.run("index", "--index", index.toString(), "--source", "brightcart", articles.toString());
        if (status == 0) {
            rest.addAll(0, List.of("evaluate", "--queries", queries.toString()));
            status = cli.run(rest.toArray(String[]::new));
        }
        System.exit(status);
    }
}
