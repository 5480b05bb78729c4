package io.mailtune.model.draft;

/**
 * One quotable unit of a retrieved passage: a sentence of a paragraph, a list item or a table row, exactly as the
 * passage has it. The grounded format numbers these in its prompt; the model quotes one by writing {@code {label}}.
 *
 * @param label    the number the prompt shows (1 = the best match for the email)
 * @param passage  index of its passage in the input's passage list
 * @param position its place within that passage (reading order)
 * @param marker   the list marker it had ({@code "-"}, {@code "2."}), or empty for running text
 * @param text     the verbatim text, without the marker
 * @param overlap  the ranking's score against the email (higher is closer)
 * @param features what that score was computed from
 */
public record SourceSentence(int label, int passage, int position, String marker, String text, double overlap,
                             SentenceFeatures features) {

    /** Validates the parts. */
    public SourceSentence {
        if (label < 1) {
            throw new IllegalArgumentException("label must be at least 1, was " + label);
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("source sentence " + label + " has no text");
        }
        marker = marker == null ? "" : marker;
    }

    /** Whether it was an item of a list (rendered on a line of its own). */
    public boolean listItem() {
        return !marker.isEmpty();
    }
}
