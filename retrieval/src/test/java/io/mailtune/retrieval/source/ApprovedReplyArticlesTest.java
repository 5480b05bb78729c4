package io.mailtune.retrieval.source;

import io.mailtune.core.reply.ApprovedReply;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApprovedReplyArticlesTest {

    static ApprovedReply reply(String id, String subject, String question, String answer) {
        return ApprovedReply.builder().replyId(id).draftId("draft-" + id).emailId("email-" + id).threadId("thread-" + id)
                .mailbox("support@example.com").subject(subject).customerMessage(question).originalDraft(answer)
                .sentText(answer).reviewer("alice").draftedAt(Instant.parse("2026-05-01T10:00:00Z"))
                .approvedAt(Instant.parse("2026-05-01T10:05:00Z")).build();
    }

    @Test
    void aReplyBecomesAnArticleOfItsOwnTypeWithQuestionAndAnswer() {
        Article article = new ApprovedReplyArticles("en", "test").toArticle(
                reply("r1", "Parcel stuck in customs", "My parcel is stuck at customs, what now?", "Hi,\n\nWe will pay the duty.\n\nBest"));
        assertEquals(SourceType.APPROVED_REPLY, article.type());
        assertEquals("r1", article.id());
        assertEquals("Parcel stuck in customs", article.title());
        List<Block> blocks = article.sections().getFirst().blocks();
        assertTrue(blocks.getFirst().text().startsWith("Customer asked: My parcel"));
        assertEquals("We will pay the duty.", blocks.get(2).text());
    }
}
