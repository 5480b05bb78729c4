package io.mailtune.retrieval.search;

import io.mailtune.core.reply.ApprovedReply;
import io.mailtune.retrieval.source.SourceType;
import io.mailtune.retrieval.testing.HelpCentre;
import io.mailtune.retrieval.testing.SharedEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApprovedRepliesTest {

    @TempDir
    Path tmp;

    private static ApprovedReply reply(String id, String subject, String question, String answer) {
        return ApprovedReply.builder().replyId(id).draftId("draft-" + id).emailId("email-" + id).threadId("thread-" + id)
                .mailbox("support@example.com").subject(subject).customerMessage(question).originalDraft(answer)
                .sentText(answer).reviewer("alice").draftedAt(Instant.parse("2026-05-01T10:00:00Z"))
                .approvedAt(Instant.parse("2026-05-01T10:05:00Z")).build();
    }

    @Test
    void approvedRepliesAreFoundAndKeptApartFromArticlesByType() throws Exception {
        try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("index"), SharedEncoder.get())) {
            kb.indexFolder(HelpCentre.write(tmp.resolve("articles")), "help");
            kb.indexReply(reply("r-customs", "Parcel held at customs",
                    "my parcel has been stuck at customs for a week, do I have to pay something?",
                    "Hello,\n\nWe cover import duty on every order, so there is nothing to pay. Customs usually releases parcels within ten days."));
            List<SearchHit> replies = kb.search("package stuck in customs do i pay duty", SearchFilters.ofType(SourceType.APPROVED_REPLY), 5);
            assertEquals("r-customs", replies.getFirst().citation().articleId());
            assertEquals(SourceType.APPROVED_REPLY, replies.getFirst().type());
            assertTrue(kb.search("package stuck in customs do i pay duty", SearchFilters.ofType(SourceType.ARTICLE), 10)
                    .stream().allMatch(h -> h.type() == SourceType.ARTICLE));
        }
    }

    @Test
    void aRemovedReplyIsNoLongerFound() {
        try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("index"), SharedEncoder.get())) {
            kb.indexReply(reply("r1", "Invoice address", "Can you change the address on my invoice?", "Yes, we re-issued it."));
            assertTrue(kb.removeReply("r1"));
            assertTrue(kb.search("invoice address", SearchFilters.NONE, 5).isEmpty());
        }
    }
}
