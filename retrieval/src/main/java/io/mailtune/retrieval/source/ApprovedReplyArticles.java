package io.mailtune.retrieval.source;

import io.mailtune.core.id.Hashing;
import io.mailtune.core.reply.ApprovedReply;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns replies that staff approved into searchable articles of type {@link SourceType#APPROVED_REPLY}, so a new
 * question can find the answer already given. The customer's question is kept short; the sent answer is the content.
 */
public final class ApprovedReplyArticles {

    /** The origin every approved reply carries. */
    public static final String ORIGIN = "approved-replies";

    private static final int MAX_QUESTION_CHARS = 400;

    private final String language;
    private final String pipelineFingerprint;

    /** Creates a converter that labels replies with a language and hashes them with the pipeline fingerprint. */
    public ApprovedReplyArticles(String language, String pipelineFingerprint) {
        if (language == null || language.isBlank()) {
            throw new IllegalArgumentException("language must not be blank");
        }
        if (pipelineFingerprint == null) {
            throw new IllegalArgumentException("pipelineFingerprint must not be null");
        }
        this.language = language;
        this.pipelineFingerprint = pipelineFingerprint;
    }

    /** The article for one approved reply; its id is the reply id. */
    public Article toArticle(ApprovedReply reply) {
        String subject = reply.subject().isBlank() ? "Reply " + reply.replyId() : reply.subject();
        String question = reply.customerMessage().strip();
        if (question.length() > MAX_QUESTION_CHARS) {
            question = question.substring(0, MAX_QUESTION_CHARS) + "…";
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block(Block.Kind.PARAGRAPH, "Customer asked: " + question.replaceAll("\\s+", " ")));
        for (String paragraph : reply.sentText().strip().split("\\n\\s*\\n")) {
            if (!paragraph.isBlank()) {
                blocks.add(new Block(Block.Kind.PARAGRAPH, paragraph.replaceAll("\\s+", " ").strip()));
            }
        }
        String hash = Hashing.sha256Hex(pipelineFingerprint + "\n" + subject + "\n" + question + "\n" + reply.sentText());
        return new Article(reply.replyId(), SourceType.APPROVED_REPLY, ORIGIN, reply.replyId(), subject, null, null,
                language, reply.approvedAt(), null, hash, List.of(new Section(subject, "", 0, blocks)), Visibility.PUBLIC);
    }
}
