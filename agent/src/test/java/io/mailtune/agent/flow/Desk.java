package io.mailtune.agent.flow;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/** The review API as a signed-in reviewer (HTTP basic) uses it. */
final class Desk {

    private Desk() {
    }

    static RequestSpecification as(String user, String password) {
        return RestAssured.given().auth().preemptive().basic(user, password).contentType(ContentType.JSON);
    }

    static RequestSpecification admin() {
        return as("admin", AgentTestResources.ADMIN_PASSWORD);
    }

    /** The queue line of the draft answering the email with this subject, once it is in one of the statuses. */
    static Map<String, Object> awaitDraft(String subject, String... statuses) {
        try {
            return await("a draft for '" + subject + "' in " + List.of(statuses), Duration.ofSeconds(90), () -> {
                JsonPath queue = admin().queryParam("status", String.join(",", statuses)).queryParam("limit", 1000)
                        .get("/api/drafts").then().statusCode(200).extract().jsonPath();
                List<Map<String, Object>> items = queue.getList("items");
                return items.stream().filter(i -> subject.equals(i.get("subject"))).findFirst().orElse(null);
            }, java.util.Objects::nonNull);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; drafts of that subject in any status: " + everyDraftOf(subject), e);
        }
    }

    /** Every draft of the subject in any status, for failure messages. */
    static String everyDraftOf(String subject) {
        return Desk.admin().queryParam("status", "QUEUED,DRAFTING,READY,FAILED,STALE,APPROVED,REJECTED").queryParam("limit", 1000)
                .get("/api/drafts").then().extract().jsonPath().<Map<String, Object>>getList("items").stream()
                .filter(i -> subject.equals(i.get("subject"))).toList().toString();
    }

    /** A draft's full view. */
    static JsonPath draft(String draftId) {
        return admin().get("/api/drafts/" + draftId).then().statusCode(200).extract().jsonPath();
    }

    /** Polls until the value passes, failing with {@code what} after {@code timeout}. */
    static <T> T await(String what, Duration timeout, Supplier<T> value, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = value.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        fail("timed out after " + timeout.toSeconds() + " s waiting for " + what + "; last seen: " + last);
        return null;
    }
}
