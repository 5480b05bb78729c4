package io.mailtune.demo.brightcart;

import io.mailtune.retrieval.eval.LabelledQuery;
import io.mailtune.retrieval.eval.QuerySet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The labelled retrieval queries for the demo knowledge base: customer-style questions, each with its article. */
public final class BrightcartQueries {

    /** Classpath location of the labelled set. */
    public static final String RESOURCE = "/io/mailtune/demo/brightcart/queries.tsv";

    private BrightcartQueries() {
    }

    /** Every labelled query, in file order. */
    public static List<LabelledQuery> all() {
        try (InputStream in = BrightcartQueries.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("bundled query set " + RESOURCE + " is missing from the classpath");
            }
            return QuerySet.parse(RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
