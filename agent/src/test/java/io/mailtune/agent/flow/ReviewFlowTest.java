package io.mailtune.agent.flow;

import io.mailtune.core.contract.Topics;
import io.mailtune.core.reply.ApprovedReply;
import io.mailtune.core.reply.ReviewOutcome;
import io.mailtune.core.reply.ReviewVerdict;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole path on real servers (GreenMail IMAP and SMTP, a KRaft broker, PostgreSQL): an email arrives, a draft
 * appears, a reviewer approves it through the API, the customer receives the reply in the right thread with the
 * signature once, and the approved reply and its review outcome are on Kafka exactly once.
 */
@QuarkusTest
@QuarkusTestResource(AgentTestResources.class)
class ReviewFlowTest {

    @jakarta.inject.Inject
    io.mailtune.agent.drafting.KnowledgeBaseHost kb;

    private static AgentTestResources servers() {
        return AgentTestResources.current();
    }

    private static String arrive(String from, String subject, String text, String inReplyTo) {
        String messageId = TestMail.newMessageId();
        servers().mailbox().deliver(AgentTestResources.SUPPORT, TestMail.customer(from, subject, text, messageId, inReplyTo, Map.of()));
        return messageId;
    }

    @Test
    void anApprovedDraftReachesTheCustomerInTheirThreadAndKafkaExactlyOnce() throws Exception {
        String customer = "grace.hopper@example.com";
        String messageId = arrive(customer, "Refund for order 1234", "Hi, I returned the lamp two weeks ago. When do I get my refund?", null);
        Map<String, Object> line = Desk.awaitDraft("Refund for order 1234", "READY");
        String draftId = (String) line.get("draftId");
        JsonPath draft = Desk.draft(draftId);
        assertFalse(draft.getString("text").isBlank());
        assertFalse(draft.getString("text").contains("The Acme Help Team"), "the stored draft carries no signature");
        assertFalse(draft.getList("passages").isEmpty(), "the draft shows the passages it was written from");
        assertNotNull(draft.get("confidence.meanLogProb"));
        assertFalse(draft.getString("summary.adapterVersion").isBlank(), "the draft records the adapter that wrote it");

        String edited = draft.getString("text") + "\n\nPS: thanks for your patience.\n\n" + AgentTestResources.SIGNATURE;
        JsonPath decision = Desk.admin().body(Map.of("version", draft.getLong("summary.version"), "text", edited))
                .post("/api/drafts/" + draftId + "/approve").then().statusCode(200).extract().jsonPath();
        assertEquals("EDITED", decision.getString("verdict"));
        String replyId = decision.getString("replyId");

        MimeMessage reply = Desk.await("the reply in " + customer + "'s mailbox", Duration.ofSeconds(30),
                () -> servers().relay().messagesFor(customer), l -> !l.isEmpty()).stream().map(TestMail::parse).findFirst().orElseThrow();
        assertEquals(messageId, reply.getHeader("In-Reply-To")[0]);
        assertTrue(reply.getHeader("References")[0].contains(messageId));
        assertEquals("Re: Refund for order 1234", reply.getSubject());
        String body = ((String) reply.getContent()).replace("\r\n", "\n");
        assertTrue(body.contains("PS: thanks for your patience."), body);
        assertEquals(1, body.split("The Acme Help Team", -1).length - 1, "the signature appears exactly once:\n" + body);

        List<ApprovedReply> approved = Topic.read(servers().bootstrapServers(), Topics.APPROVED, r -> r.draftId().equals(draftId),
                1, Duration.ofSeconds(20));
        assertEquals(1, approved.size(), "the approved reply is on Kafka exactly once");
        ApprovedReply a = approved.getFirst();
        assertEquals(replyId, a.replyId());
        assertEquals(customer, a.customer().address());
        assertFalse(a.sentText().contains("The Acme Help Team"), "sentText carries no signature");
        assertTrue(a.editDistance() > 0);
        assertFalse(a.passages().isEmpty());
        assertFalse(a.modelOutput().isBlank(), "the approval carries the model's raw output for the trainer's target");
        List<ReviewOutcome> outcomes = Topic.read(servers().bootstrapServers(), Topics.REVIEW_OUTCOMES,
                o -> o.draftId().equals(draftId), 1, Duration.ofSeconds(10));
        assertEquals(1, outcomes.size());
        assertEquals(ReviewVerdict.EDITED, outcomes.getFirst().verdict());
        assertEquals("SENT", Desk.draft(draftId).getString("reply.status"));
    }

    @Test
    void anAdminErasesACustomersMailDraftsRepliesAndThreadsAndASecondErasureFindsNothing() {
        String customer = "erin.erased@example.com";
        arrive(customer, "Please close my account", "Hi, how do I close my account? Thanks, Erin", null);
        String draftId = (String) Desk.awaitDraft("Please close my account", "READY").get("draftId");
        JsonPath draft = Desk.draft(draftId);
        String emailId = draft.getString("summary.emailId");
        Desk.admin().body(Map.of("version", draft.getLong("summary.version"))).post("/api/drafts/" + draftId + "/approve")
                .then().statusCode(200);
        Desk.await("the reply sent", Duration.ofSeconds(30), () -> Desk.draft(draftId).getString("reply.status"), "SENT"::equals);

        // Until the approval's events are on Kafka the erasure is refused (409) and removes nothing; then it goes through.
        JsonPath erased = Desk.await("the erasure accepted", Duration.ofSeconds(30), () -> {
            io.restassured.response.Response r = Desk.admin().body(Map.of("address", "Erin.Erased@Example.com")).post("/api/erasures");
            assertTrue(r.statusCode() == 200 || r.statusCode() == 409, r.asString());
            return r.statusCode() == 200 ? r.jsonPath() : null;
        }, java.util.Objects::nonNull);
        assertEquals(1, erased.getInt("emails"), erased.prettify());
        assertEquals(1, erased.getInt("drafts"));
        assertEquals(1, erased.getInt("replies"));
        assertTrue(erased.getInt("outboxEvents") >= 2, "the approved reply and the review outcome: " + erased.prettify());
        assertEquals(1, erased.getInt("threads"));
        assertEquals(1, erased.getInt("rawMessages"));
        Desk.admin().get("/api/drafts/" + draftId).then().statusCode(404);
        Desk.admin().get("/api/emails/" + emailId).then().statusCode(404);

        JsonPath again = Desk.admin().body(Map.of("address", customer)).post("/api/erasures").then().statusCode(200).extract().jsonPath();
        assertEquals(Map.of("emails", 0, "drafts", 0, "replies", 0, "outboxEvents", 0, "threads", 0, "rawMessages", 0), again.getMap(""));
        Desk.admin().body(Map.of("address", "not an address")).post("/api/erasures").then().statusCode(400);
        Desk.admin().body(Map.of("username", "esme", "password", "esme-password-1", "role", "reviewer")).post("/api/users");
        Desk.as("esme", "esme-password-1").body(Map.of("address", customer)).post("/api/erasures").then().statusCode(403);
    }

    @Test
    void ofTwoReviewersApprovingTheSameVersionOneWinsAndTheOtherGets409() throws Exception {
        arrive("alan@example.com", "Change my delivery address", "Can I still change the delivery address of my order?", null);
        Map<String, Object> line = Desk.awaitDraft("Change my delivery address", "READY");
        String draftId = (String) line.get("draftId");
        long version = ((Number) line.get("version")).longValue();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> codes = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                codes.add(pool.submit(() -> {
                    start.await();
                    return Desk.admin().body(Map.of("version", version)).post("/api/drafts/" + draftId + "/approve").statusCode();
                }));
            }
            start.countDown();
            List<Integer> seen = new ArrayList<>();
            for (Future<Integer> f : codes) {
                seen.add(f.get());
            }
            seen.sort(Integer::compareTo);
            assertEquals(List.of(200, 409), seen);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, Topic.read(servers().bootstrapServers(), Topics.APPROVED, r -> r.draftId().equals(draftId), 1,
                Duration.ofSeconds(15)).size());
    }

    @Test
    void aNewerMessageInTheThreadMakesTheDraftStaleAndTheRedraftSeesTheHistory() {
        String first = arrive("ada@example.com", "Broken kettle", "My kettle stopped working after a week.", null);
        String firstDraft = (String) Desk.awaitDraft("Broken kettle", "READY", "QUEUED", "DRAFTING").get("draftId");
        arrive("ada@example.com", "Re: Broken kettle", "Also, the lid does not close any more.", first);
        Map<String, Object> newer = Desk.awaitDraft("Re: Broken kettle", "READY");
        assertEquals("STALE", Desk.draft(firstDraft).getString("summary.status"));
        JsonPath redraft = Desk.draft((String) newer.get("draftId"));
        List<String> thread = redraft.getList("thread.text");
        assertEquals(2, thread.size(), "the thread view holds both messages: " + thread);
        assertTrue(thread.getFirst().contains("stopped working"));
    }

    @Test
    void aRejectionNeedsAReasonAndPublishesItsOutcome() {
        arrive("linus@example.com", "Partner API keys", "How do I rotate my API key?", null);
        Map<String, Object> line = Desk.awaitDraft("Partner API keys", "READY");
        String draftId = (String) line.get("draftId");
        long version = ((Number) line.get("version")).longValue();
        Desk.admin().body(Map.of("version", version, "reason", " ")).post("/api/drafts/" + draftId + "/reject").then().statusCode(400);
        Desk.admin().body(Map.of("version", version, "reason", "cites the wrong article")).post("/api/drafts/" + draftId + "/reject")
                .then().statusCode(200);
        List<ReviewOutcome> outcomes = Topic.read(servers().bootstrapServers(), Topics.REVIEW_OUTCOMES,
                o -> o.draftId().equals(draftId), 1, Duration.ofSeconds(15));
        assertEquals(1, outcomes.size());
        assertEquals("cites the wrong article", outcomes.getFirst().rejectReason());
        assertTrue(Topic.read(servers().bootstrapServers(), Topics.APPROVED, r -> r.draftId().equals(draftId), 1,
                Duration.ofSeconds(3)).isEmpty(), "a rejected draft is never an approved reply");
    }

    @Test
    void regeneratingWritesTheDraftAgainUnderANewVersion() {
        arrive("barbara@example.com", "Invoice download", "Where can I download the invoice for my last order?", null);
        Map<String, Object> line = Desk.awaitDraft("Invoice download", "READY");
        String draftId = (String) line.get("draftId");
        long version = ((Number) line.get("version")).longValue();
        Desk.admin().body(Map.of("version", version)).post("/api/drafts/" + draftId + "/regenerate").then().statusCode(200);
        Desk.admin().body(Map.of("version", version)).post("/api/drafts/" + draftId + "/regenerate").then().statusCode(409);
        Map<String, Object> again = Desk.awaitDraft("Invoice download", "READY");
        assertTrue(((Number) again.get("version")).longValue() > version + 1);
    }

    @Test
    void anAutoReplyIsStoredAndVisibleButGetsNoDraft() {
        String messageId = TestMail.newMessageId();
        servers().mailbox().deliver(AgentTestResources.SUPPORT, TestMail.customer("away@example.com", "Out of office",
                "I am away until Monday.", messageId, null, Map.of("Auto-Submitted", "auto-replied")));
        List<Map<String, Object>> flagged = Desk.await("the auto-reply among flagged emails", Duration.ofSeconds(60),
                () -> Desk.admin().get("/api/emails/flagged").then().statusCode(200).extract().jsonPath()
                        .<Map<String, Object>>getList("").stream().filter(e -> messageId.equals(e.get("messageId"))).toList(),
                l -> !l.isEmpty());
        assertFalse(((List<?>) flagged.getFirst().get("flags")).isEmpty());
        List<Map<String, Object>> drafts = Desk.admin().queryParam("status", "QUEUED,DRAFTING,READY,FAILED,STALE,APPROVED,REJECTED")
                .queryParam("limit", 1000).get("/api/drafts").then().extract().jsonPath().getList("items");
        assertTrue(drafts.stream().noneMatch(d -> "Out of office".equals(d.get("subject"))));
    }

    @Test
    void anArticleAddedToTheFolderIsUsedWithoutRestartAndInternalOnesNeverReachADraft() throws Exception {
        java.nio.file.Path folder = kb.folder();
        java.nio.file.Files.writeString(folder.resolve("zebra-cushions.md"), "---\nid: zebra-cushions\ntitle: Zebra cushion covers\n---\n"
                + "# Zebra cushion covers\n\nOur zebra-striped cushion covers are machine washable at 30 degrees.\n");
        java.nio.file.Files.writeString(folder.resolve("zebra-supplier.md"), "---\nid: zebra-supplier\nvisibility: internal\n---\n"
                + "# Zebra cushion supplier\n\nStaff only: zebra cushion covers come from our supplier at cost price 2 euros.\n");
        Desk.await("both articles indexed", Duration.ofSeconds(30), () -> kb.search("zebra cushion covers", 5).stream()
                .map(h -> h.citation().articleId()).collect(java.util.stream.Collectors.toSet()),
                ids -> ids.containsAll(List.of("zebra-cushions", "zebra-supplier")));
        arrive("zoe@example.com", "Zebra cushion covers", "Can I wash the zebra cushion covers in the machine?", null);
        JsonPath draft = Desk.draft((String) Desk.awaitDraft("Zebra cushion covers", "READY").get("draftId"));
        List<String> articles = draft.getList("passages.articleId");
        assertTrue(articles.contains("zebra-cushions"), "the new article is used: " + draft.prettify());
        assertFalse(articles.contains("zebra-supplier"), "an internal article never reaches a draft: " + articles);
        assertFalse(draft.getString("text").contains("cost price"));
    }

    @Test
    void anImageAttachmentMayBeShownAndAnHtmlOneOnlyDownloadsNeverSniffed() throws Exception {
        jakarta.mail.internet.MimeMessage m = new jakarta.mail.internet.MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()));
        m.setFrom(new jakarta.mail.internet.InternetAddress("joan@example.com"));
        m.setRecipient(jakarta.mail.Message.RecipientType.TO, new jakarta.mail.internet.InternetAddress(AgentTestResources.SUPPORT));
        m.setSubject("Photo of the scratch");
        jakarta.mail.internet.MimeMultipart parts = new jakarta.mail.internet.MimeMultipart();
        jakarta.mail.internet.MimeBodyPart text = new jakarta.mail.internet.MimeBodyPart();
        text.setText("The table arrived scratched, photo attached.", "UTF-8");
        jakarta.mail.internet.MimeBodyPart png = new jakarta.mail.internet.MimeBodyPart();
        byte[] pngBytes = java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        png.setContent(pngBytes, "image/png");
        png.setFileName("scratch.png");
        png.setDisposition(jakarta.mail.Part.ATTACHMENT);
        jakarta.mail.internet.MimeBodyPart html = new jakarta.mail.internet.MimeBodyPart();
        html.setContent("<script>alert(1)</script>", "text/html");
        html.setFileName("invoice.html");
        html.setDisposition(jakarta.mail.Part.ATTACHMENT);
        parts.addBodyPart(text);
        parts.addBodyPart(png);
        parts.addBodyPart(html);
        m.setContent(parts);
        m.saveChanges();
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        m.writeTo(raw);
        servers().mailbox().deliver(AgentTestResources.SUPPORT, raw.toByteArray());
        String emailId = (String) Desk.awaitDraft("Photo of the scratch", "READY", "QUEUED", "DRAFTING").get("emailId");
        JsonPath email = Desk.admin().get("/api/emails/" + emailId).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("scratch.png", "invoice.html"), email.getList("attachments.fileName"));
        var image = Desk.admin().get(email.getString("attachments[0].url")).then().statusCode(200).extract();
        assertEquals("image/png", image.contentType());
        assertTrue(image.header("Content-Disposition").startsWith("inline"));
        assertEquals(pngBytes.length, image.asByteArray().length);
        var page = Desk.admin().get(email.getString("attachments[1].url")).then().statusCode(200).extract();
        assertEquals("application/octet-stream", page.contentType());
        assertTrue(page.header("Content-Disposition").startsWith("attachment"));
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
        assertTrue(page.header("Content-Security-Policy").contains("sandbox"));
    }

    @Test
    void theThreadViewServesTheRawMessageAndAttachmentsAsSafeDownloads() {
        arrive("mary@example.com", "Damaged parcel", "The box arrived crushed.", null);
        String emailId = (String) Desk.awaitDraft("Damaged parcel", "READY", "QUEUED", "DRAFTING").get("emailId");
        JsonPath email = Desk.admin().get("/api/emails/" + emailId).then().statusCode(200).extract().jsonPath();
        assertEquals("The box arrived crushed.", email.getString("newText").strip());
        var raw = Desk.admin().get(email.getString("rawUrl")).then().statusCode(200).extract();
        assertTrue(raw.header("Content-Disposition").startsWith("attachment"));
        assertEquals("nosniff", raw.header("X-Content-Type-Options"));
        assertTrue(raw.asString().contains("The box arrived crushed."));
        Desk.admin().get("/api/emails/" + emailId + "/attachments/0").then().statusCode(404);
    }
}
