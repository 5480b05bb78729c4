package io.mailtune.agent.flow;

import io.mailtune.core.contract.Topics;
import io.mailtune.core.reply.ApprovedReply;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults after approval: with the SMTP server down the reply waits, is retried and is sent once when it returns; with
 * Kafka down approvals still commit, and the outbox delivers every event when the broker is back, none lost.
 */
@QuarkusTest
@QuarkusTestResource(AgentTestResources.class)
class DeliveryFaultsTest {

    @Test
    void aReplyApprovedWhileSmtpIsDownIsSentOnceWhenItReturns() {
        String customer = "customer." + Math.abs("Gift card balance".hashCode()) + "@example.com";
        TestMailArrival.arrive("Gift card balance", "How do I check the balance of my gift card?");
        Map<String, Object> line = Desk.awaitDraft("Gift card balance", "READY");
        String draftId = (String) line.get("draftId");
        AgentTestResources.current().stopSmtp();
        try {
            Desk.admin().body(Map.of("version", line.get("version"))).post("/api/drafts/" + draftId + "/approve").then().statusCode(200);
            JsonPath retried = Desk.await("two failed SMTP attempts", Duration.ofSeconds(30), () -> Desk.draft(draftId),
                    d -> d.getInt("reply.attempts") >= 2);
            assertEquals("PENDING", retried.getString("reply.status"));
            assertTrue(retried.getString("reply.lastError") != null);
        } finally {
            AgentTestResources.current().startSmtp();
        }
        Desk.await("the reply sent", Duration.ofSeconds(30), () -> Desk.draft(draftId).getString("reply.status"), "SENT"::equals);
        Desk.await("the reply delivered", Duration.ofSeconds(10), () -> AgentTestResources.current().relay().messagesFor(customer),
                l -> !l.isEmpty());
        sleep(3000);
        assertEquals(1, AgentTestResources.current().relay().messagesFor(customer).size(), "sent exactly once");
    }

    @Test
    void approvalsWhileKafkaIsDownAreDeliveredWhenItReturnsAndNoneIsLost() {
        List<String> subjects = List.of("Lost 2FA phone", "Cancel my order", "VAT number on invoice");
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String subject : subjects) {
            TestMailArrival.arrive(subject, "Please help: " + subject.toLowerCase(java.util.Locale.ROOT) + ".");
        }
        for (String subject : subjects) {
            lines.add(Desk.awaitDraft(subject, "READY"));
        }
        Set<String> drafts = new HashSet<>();
        AgentTestResources.current().stopKafka();
        try {
            for (Map<String, Object> line : lines) {
                String draftId = (String) line.get("draftId");
                Desk.admin().body(Map.of("version", line.get("version"))).post("/api/drafts/" + draftId + "/approve")
                        .then().statusCode(200);
                drafts.add(draftId);
            }
            sleep(3000);
        } finally {
            AgentTestResources.current().startKafka();
        }
        List<ApprovedReply> approved = Topic.read(AgentTestResources.current().bootstrapServers(), Topics.APPROVED,
                r -> drafts.contains(r.draftId()), drafts.size(), Duration.ofSeconds(90));
        assertEquals(drafts, new HashSet<>(approved.stream().map(ApprovedReply::draftId).toList()), "every approval arrived");
        assertEquals(drafts.size(), approved.stream().map(ApprovedReply::replyId).distinct().count());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
