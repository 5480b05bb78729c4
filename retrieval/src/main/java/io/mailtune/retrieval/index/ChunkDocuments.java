package io.mailtune.retrieval.index;

import io.mailtune.retrieval.chunk.Chunk;
import io.mailtune.retrieval.source.Article;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.VectorSimilarityFunction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds the Lucene documents for an article's chunks, and the text each chunk is encoded from. */
public final class ChunkDocuments {

    /** Body text: analysed, stored, with offsets in the postings so highlighting needs no re-analysis. */
    private static final FieldType BODY_TYPE = new FieldType(TextField.TYPE_STORED);

    static {
        BODY_TYPE.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        BODY_TYPE.freeze();
    }

    private ChunkDocuments() {
    }

    /**
     * The text the sentence encoder sees for a chunk: title and heading give a short passage its topic, which matters
     * most for a list of steps that never names what it is for.
     */
    public static String embeddingText(Article article, Chunk chunk) {
        String heading = chunk.heading().equals(article.title()) ? "" : " — " + chunk.heading();
        return article.title() + heading + "\n" + chunk.text();
    }

    /** One document per chunk; vectors are in chunk order and unit length. */
    public static List<Document> build(Article article, List<Chunk> chunks, List<float[]> vectors) {
        if (chunks.size() != vectors.size()) {
            throw new IllegalArgumentException(chunks.size() + " chunks but " + vectors.size() + " vectors");
        }
        List<Document> docs = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            Document doc = new Document();
            doc.add(new StringField(IndexFields.KEY, article.key(), Field.Store.YES));
            doc.add(new StringField(IndexFields.ARTICLE_ID, article.id(), Field.Store.YES));
            doc.add(new StringField(IndexFields.CHUNK_ID, chunk.chunkId(), Field.Store.YES));
            doc.add(new StringField(IndexFields.ORIGIN, article.origin(), Field.Store.YES));
            doc.add(new StoredField(IndexFields.PATH, article.path()));
            doc.add(new StringField(IndexFields.TYPE, article.type().indexValue(), Field.Store.YES));
            if (article.product() != null) {
                doc.add(new StringField(IndexFields.PRODUCT, article.product().toLowerCase(Locale.ROOT), Field.Store.YES));
            }
            doc.add(new StringField(IndexFields.LANGUAGE, article.language(), Field.Store.YES));
            doc.add(new StringField(IndexFields.VISIBILITY, article.visibility().indexValue(), Field.Store.YES));
            doc.add(new TextField(IndexFields.TITLE, article.title(), Field.Store.YES));
            doc.add(new TextField(IndexFields.HEADING, chunk.heading(), Field.Store.YES));
            doc.add(new StoredField(IndexFields.ANCHOR, chunk.anchor()));
            if (article.url() != null) {
                doc.add(new StoredField(IndexFields.URL, article.url()));
            }
            if (article.updatedAt() != null) {
                doc.add(new StoredField(IndexFields.UPDATED_AT, article.updatedAt().toEpochMilli()));
            }
            if (article.keyInstruction() != null) {
                doc.add(new StoredField(IndexFields.KEY_INSTRUCTION, article.keyInstruction()));
            }
            doc.add(new Field(IndexFields.BODY, chunk.text(), BODY_TYPE));
            doc.add(new StoredField(IndexFields.ORDINAL, chunk.ordinal()));
            if (i == 0) {
                doc.add(new StringField(IndexFields.HEAD, "1", Field.Store.NO));
                doc.add(new StoredField(IndexFields.HASH, article.contentHash()));
            }
            doc.add(new KnnFloatVectorField(IndexFields.VECTOR, vectors.get(i), VectorSimilarityFunction.DOT_PRODUCT));
            docs.add(doc);
        }
        return docs;
    }
}
