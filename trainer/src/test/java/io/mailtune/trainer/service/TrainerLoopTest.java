package io.mailtune.trainer.service;

import io.mailtune.core.adapter.AdapterEvent;
import io.mailtune.core.adapter.AdapterFiles;
import io.mailtune.core.adapter.AdapterPromoted;
import io.mailtune.core.adapter.AdapterRolledBack;
import io.mailtune.core.contract.EventCodec;
import io.mailtune.core.contract.Topics;
import io.mailtune.core.reply.ApprovedReply;
import io.mailtune.core.reply.ReviewOutcome;
import io.mailtune.core.reply.ReviewVerdict;
import io.mailtune.demo.brightcart.DemoSeeds;
import io.mailtune.demo.brightcart.SupportCase;
import io.mailtune.demo.brightcart.SupportCaseGenerator;
import io.mailtune.model.bundled.BundledModel;
import io.mailtune.model.draft.CompanyProfile;
import io.mailtune.model.draft.DraftInput;
import io.mailtune.model.draft.DraftSettings;
import io.mailtune.model.draft.Drafter;
import io.mailtune.model.lora.PeftFormat;
import io.mailtune.model.runtime.AdapterHandle;
import io.mailtune.model.runtime.Generator;
import io.mailtune.model.runtime.GeneratorOptions;
import io.mailtune.model.runtime.LanguageModel;
import io.mailtune.trainer.DemoApprovals;
import io.mailtune.trainer.gate.DemoRegressionSet;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loop end to end on real Kafka and PostgreSQL: approvals with a consistent house-style edit arrive on
 * {@code mailtune.approved}, an on-demand run trains, the gate promotes the candidate over the bare base model, the
 * promotion and the adapter's files go out on Kafka, and a consumer with its own directory fetches them and drafts
 * in the new style. Then approvals that abandon the house style make a candidate the gate rejects, review outcomes
 * that turn bad roll the promotion back, and an admin rolls forward again.
 */
@QuarkusTest
@QuarkusTestResource(value = TrainerTestResources.class, restrictToAnnotatedClass = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainerLoopTest {

    private static final SupportCaseGenerator GENERATOR = SupportCaseGenerator.demo();
    private static final int GOOD = 72;
    private static final int BAD = 120;
    /** The company as the trainer under test is configured (TrainerTestResources): the house style's sign-off. */
    private static final CompanyProfile TRAINER_COMPANY = new CompanyProfile("Brightcart", DemoApprovals.CARE.signOff(), "",
            "en", DemoApprovals.DEMO_HAND_OFF);

    static String promotedVersion;
    static Instant promotedAt;
    static SupportCase erasedCase;

    @Inject
    TrainerService trainer;

    @Test
    @Order(1)
    void approvalsWithAHouseStyleEditAreReadIntoTheTrainingSet() throws Exception {
        List<SupportCase> cases = GENERATOR.generate(DemoSeeds.STYLE_SHIFT, GOOD);
        erasedCase = cases.get(3);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (SupportCase c : cases) {
                ApprovedReply r = DemoApprovals.approved(GENERATOR, c, DemoApprovals.CARE, "good");
                producer.send(new ProducerRecord<>(Topics.APPROVED.name(), Topics.APPROVED.keyOf(r), EventCodec.encode(r))).get();
            }
            producer.send(new ProducerRecord<>(Topics.APPROVED.name(), "garbage", "not json".getBytes())).get();
        }
        awaitRead(GOOD + 1);
        JsonPath dataset = given().get("/api/dataset").then().statusCode(200).extract().jsonPath();
        int train = dataset.getInt("train");
        int holdout = dataset.getInt("holdout");
        int handOffs = (int) cases.stream().filter(SupportCase::isHandOff).count();
        assertEquals(GOOD - handOffs, train + holdout, "hand-off-only replies are dropped, everything else kept: " + dataset.prettify());
        assertEquals(handOffs, dataset.getInt("dropped.HAND_OFF_ONLY"));
        assertTrue(holdout > 5 && train > 40, dataset.prettify());
        assertEquals(1, trainer.approvals().malformed(), "the garbage record was recorded and skipped");
    }

    @Test
    @Order(2)
    void changingEndpointsNeedTheAdminCredentialAndJson() {
        given().contentType(ContentType.JSON).body("{}").post("/api/runs").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Basic"));
        given().auth().preemptive().basic("admin", "wrong").contentType(ContentType.JSON).body("{}").post("/api/runs").then().statusCode(401);
        admin().contentType(ContentType.URLENC).formParam("reason", "x").post("/api/runs").then().statusCode(415);
        admin().contentType(ContentType.JSON).body("{\"to\": \"mt-unknown\", \"reason\": \"x\"}").post("/api/adapters/rollback")
                .then().statusCode(400).body("error", containsString("no adapter mt-unknown"));
        admin().contentType(ContentType.JSON).body("{\"to\": null, \"reason\": \"x\"}").post("/api/adapters/rollback")
                .then().statusCode(409).body("error", containsString("live already"));
        given().get("/api/status").then().statusCode(200).body("liveAdapter", org.hamcrest.Matchers.nullValue());
    }

    @Test
    @Order(3)
    void aRunTrainsAndTheGatePromotesTheCandidateOverTheBareBaseModel() {
        String runId = admin().contentType(ContentType.JSON).body("{\"reason\": \"test\"}").post("/api/runs")
                .then().statusCode(202).extract().path("runId");
        admin().contentType(ContentType.JSON).body("{}").post("/api/runs").then().statusCode(409)
                .body("error", containsString("already in progress"));
        JsonPath run = awaitRun(runId);
        assertEquals("PROMOTED", run.getString("run.status"), run.prettify());
        assertNull(run.getString("run.liveVersion"), "the first adapter is gated against the bare base model");
        assertEquals("WIN", metric(run, "holdout.style").getString("verdict"), run.prettify());
        assertTrue(run.getList("progress").size() == run.getInt("run.stepsDone"), "every step's loss is recorded");
        assertTrue(run.getString("run.datasetHash").matches("[0-9a-f]{64}"));
        promotedVersion = run.getString("run.candidateVersion");
        assertEquals(promotedVersion, given().get("/api/status").then().extract().path("liveAdapter"));
    }

    @Test
    @Order(4)
    void aConsumerWithItsOwnDirectoryFetchesThePromotedAdapterFromKafkaAndDraftsInTheNewStyle() throws Exception {
        List<AdapterEvent> events = adapterEvents();
        AdapterPromoted promoted = assertInstanceOf(AdapterPromoted.class, events.getLast());
        assertEquals(promotedVersion, promoted.live().version());
        assertTrue(promoted.live().location().startsWith("kafka:"), promoted.live().location());
        assertTrue(promoted.holdoutMetrics().containsKey("holdout.style"));
        promotedAt = promoted.at();
        Path agentSide = Files.createTempDirectory("agent-side");
        Path adapterDir = AdapterFiles.fetch(promoted.live(), agentSide.resolve("adapters"),
                TrainerTestResources.broker.bootstrapServers(), Duration.ofSeconds(60));
        List<DraftInput> fresh = DemoRegressionSet.cases(40).stream().filter(c -> !c.handOff()).limit(4)
                .map(c -> new DraftInput(TRAINER_COMPANY, c.input().email(), c.input().history(), c.input().passages())).toList();
        try (LanguageModel model = LanguageModel.load(BundledModel.extractTo(agentSide.resolve("models")))) {
            List<String> tuned = drafts(model, adapterDir, fresh);
            List<String> base = drafts(model, null, fresh);
            long styled = tuned.stream().filter(t -> DemoApprovals.CARE.compliance(t).passed()).count();
            assertTrue(styled >= 3, "drafts with the fetched adapter follow the new house style:\n" + String.join("\n---\n", tuned));
            assertEquals(0, base.stream().filter(t -> DemoApprovals.CARE.compliance(t).passed()).count(), String.join("\n---\n", base));
        }
    }

    @Test
    @Order(5)
    void approvalsThatAbandonTheHouseStyleMakeACandidateTheGateRejects() throws Exception {
        // The served answer plan quotes the key instruction whatever the adapter learnt, so dropping it from approvals
        // no longer harms a served draft; breaking the configured house style does, and the gate must see it.
        long before = trainer.approvals().stored();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (SupportCase c : GENERATOR.generate(DemoSeeds.STYLE_SHIFT + 1, BAD)) {
                ApprovedReply r = DemoApprovals.of(GENERATOR, c, c.goldReply(), DemoApprovals.withoutKeyInstruction(GENERATOR, c, c.goldReply()), "bad");
                producer.send(new ProducerRecord<>(Topics.APPROVED.name(), Topics.APPROVED.keyOf(r), EventCodec.encode(r))).get();
            }
        }
        awaitRead(before + BAD);
        int eventsBefore = adapterEvents().size();
        String runId = admin().contentType(ContentType.JSON).body("{}").post("/api/runs").then().statusCode(202).extract().path("runId");
        JsonPath run = awaitRun(runId);
        assertEquals("REJECTED", run.getString("run.status"), run.prettify());
        assertEquals(promotedVersion, run.getString("run.liveVersion"), "compared with the live adapter");
        String reason = run.getString("run.reason");
        assertTrue(reason.contains("worse beyond tolerance") && reason.contains("holdout.style"), reason);
        assertEquals(eventsBefore, adapterEvents().size(), "nothing was published");
        assertEquals(promotedVersion, given().get("/api/status").then().extract().path("liveAdapter"));
    }

    @Test
    @Order(6)
    void reviewOutcomesThatTurnBadAfterThePromotionRollItBack() throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int i = 0; i < 30; i++) {
                send(producer, outcome("before-" + i, ApprovedReply.BASE_MODEL, i < 27 ? ReviewVerdict.EDITED : ReviewVerdict.REJECTED,
                        promotedAt.minusSeconds(3600 - i)));
            }
            for (int i = 0; i < 30; i++) {
                send(producer, outcome("after-" + i, promotedVersion, i < 12 ? ReviewVerdict.EDITED : ReviewVerdict.REJECTED,
                        promotedAt.plusMillis(100 + i)));
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (given().get("/api/status").then().extract().path("liveAdapter") != null) {
            assertTrue(System.nanoTime() < deadline, "no rollback within 180 s: " + given().get("/api/status").asString());
            Thread.sleep(300);
        }
        AdapterRolledBack rolledBack = assertInstanceOf(AdapterRolledBack.class, adapterEvents().getLast());
        assertEquals(promotedVersion, rolledBack.withdrawnVersion());
        assertNull(rolledBack.live(), "back to the bare base model, which was live before");
        assertTrue(rolledBack.reason().contains("approved significantly less often"), rolledBack.reason());
        JsonPath adapters = given().get("/api/adapters").then().extract().jsonPath();
        assertTrue(adapters.getBoolean("changes[0].automatic"));
    }

    @Test
    @Order(7)
    void anAdminRollsBackToAnyEarlierVersionByRest() {
        admin().contentType(ContentType.JSON).body("{\"to\": \"" + promotedVersion + "\", \"reason\": \"the drop was a holiday\"}")
                .post("/api/adapters/rollback").then().statusCode(200).body("liveVersion", org.hamcrest.Matchers.equalTo(promotedVersion));
        AdapterRolledBack event = assertInstanceOf(AdapterRolledBack.class, adapterEvents().getLast());
        assertEquals(promotedVersion, event.live().version());
        assertEquals(promotedVersion, given().get("/api/status").then().extract().path("liveAdapter"));
    }

    @Test
    @Order(8)
    void erasureByRestRemovesACustomersExamplesAndKeepsNoAddress() {
        JsonPath erasure = admin().contentType(ContentType.JSON).body("{\"address\": \"" + erasedCase.customerEmail().toUpperCase() + "\"}")
                .post("/api/erasures").then().statusCode(200).extract().jsonPath();
        assertTrue(erasure.getInt("examplesRemoved") >= 1, erasure.prettify());
        String all = given().get("/api/erasures").asString();
        assertFalse(all.toLowerCase().contains(erasedCase.customerEmail().toLowerCase()), all);
    }

    @Test
    @Order(9)
    void metricsAndHealthDescribeTheTrainer() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("mailtune_trainer_runs_total{status=\"PROMOTED\"} 1.0"), metrics.lines()
                .filter(l -> l.startsWith("mailtune_trainer")).toList().toString());
        assertTrue(metrics.contains("mailtune_trainer_gate_decisions_total{decision=\"REJECT\"} 1.0"));
        assertTrue(metrics.contains("mailtune_trainer_live_adapter{version=\"" + promotedVersion + "\"} 1.0"));
        assertTrue(metrics.contains("mailtune_trainer_examples{side=\"train\"}"));
        assertTrue(metrics.contains("mailtune_trainer_training_tokens_per_second"));
        given().get("/q/health/ready").then().statusCode(200).body("checks.find { it.name == 'mailtune-trainer' }.data.kafka", org.hamcrest.Matchers.equalTo("up"));
    }

    @Test
    @Order(10)
    void thePageShowsEveryRunWithItsLossCurveAndTheGatesNumbers() throws Exception {
        String html = given().get("/").then().statusCode(200).extract().asString();
        assertTrue(html.contains("<polyline") && html.contains("holdout.style") && html.contains("promoted")
                && html.contains("rejected") && html.contains(promotedVersion), html);
        PageScreenshot.take(RestAssured.baseURI + ":" + RestAssured.port + "/", Path.of("target", "trainer-page.png"));
    }

    private static List<String> drafts(LanguageModel model, Path adapterDir, List<DraftInput> inputs) {
        AdapterHandle handle = new AdapterHandle(model);
        if (adapterDir != null) {
            handle.install(promotedVersion, PeftFormat.read(adapterDir, model.config().layers()));
        }
        try (Generator generator = new Generator(model, handle, GeneratorOptions.defaults())) {
            Drafter drafter = new Drafter(generator, model.tokenizer().orElseThrow(), io.mailtune.model.draft.DraftFormats.forModel(model),
                    new DraftSettings(220, 768, io.mailtune.model.runtime.SamplingOptions.greedy()));
            List<String> out = new ArrayList<>();
            for (DraftInput input : inputs) {
                out.add(drafter.draft(input).join().text());
            }
            return out;
        }
    }

    private static ReviewOutcome outcome(String id, String adapter, ReviewVerdict verdict, Instant reviewedAt) {
        return ReviewOutcome.builder().outcomeId("outcome-" + id).draftId("d-" + id).emailId("e-" + id).threadId("t-" + id)
                .mailbox("support").verdict(verdict).adapterVersion(adapter).reviewer("sam")
                .editDistance(verdict == ReviewVerdict.EDITED ? 12 : 0).draftLength(300)
                .draftedAt(reviewedAt.minusSeconds(120)).reviewedAt(reviewedAt).build();
    }

    private static void send(KafkaProducer<String, byte[]> producer, ReviewOutcome o) throws Exception {
        producer.send(new ProducerRecord<>(Topics.REVIEW_OUTCOMES.name(), Topics.REVIEW_OUTCOMES.keyOf(o), EventCodec.encode(o))).get();
    }

    private void awaitRead(long records) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (trainer.approvals().stored() + trainer.approvals().malformed() < records) {
            assertTrue(System.nanoTime() < deadline, "only " + trainer.approvals().stored() + " approvals read in 180 s");
            Thread.sleep(200);
        }
    }

    private static JsonPath awaitRun(String runId) {
        // A guard, not a timing: on the shared 2-core machine at load 25 one run took 8 minutes.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(25);
        while (true) {
            JsonPath run = given().get("/api/runs/" + runId).then().statusCode(200).extract().jsonPath();
            if (!"RUNNING".equals(run.getString("run.status"))) {
                return run;
            }
            assertTrue(System.nanoTime() < deadline, "run did not finish: " + run.prettify());
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static JsonPath metric(JsonPath run, String name) {
        List<java.util.Map<String, Object>> metrics = run.getList("gate.metrics");
        for (int i = 0; i < metrics.size(); i++) {
            if (name.equals(metrics.get(i).get("name"))) {
                return new JsonPath(run.prettify()).setRootPath("gate.metrics[" + i + "]");
            }
        }
        throw new AssertionError("no metric " + name + " in " + run.prettify());
    }

    private static List<AdapterEvent> adapterEvents() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TrainerTestResources.broker.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        TopicPartition partition = new TopicPartition(Topics.ADAPTERS.name(), 0);
        List<AdapterEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    events.add(EventCodec.decode(r.value(), AdapterEvent.class));
                }
            }
        }
        return events;
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TrainerTestResources.broker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", TrainerTestResources.ADMIN_PASSWORD);
    }
}
