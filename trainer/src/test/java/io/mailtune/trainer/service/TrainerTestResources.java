package io.mailtune.trainer.service;

import io.mailtune.core.contract.TopicSetup;
import io.mailtune.embedded.kafka.EmbeddedKafkaBroker;
import io.mailtune.testing.PostgresDatabase;
import io.mailtune.trainer.DemoApprovals;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What the trainer service tests run on: a real Kafka broker (embedded KRaft) and a real PostgreSQL database, with
 * small training settings so the suite stays short. Shared by every {@code @QuarkusTest}, so the service starts once.
 */
public class TrainerTestResources implements QuarkusTestResourceLifecycleManager {

    /** The admin password the tests authenticate with. */
    public static final String ADMIN_PASSWORD = "test-admin-password";

    static EmbeddedKafkaBroker broker;
    static Path dataDir;
    private PostgresDatabase postgres;

    @Override
    public Map<String, String> start() {
        try {
            dataDir = Files.createTempDirectory("trainer-service-test");
            broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"));
            TopicSetup.ensure(broker.bootstrapServers(), 3, (short) 1);
            postgres = new PostgresDatabase();
            postgres.beforeAll(null);
        } catch (IOException | java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("mailtune.trainer.data-dir", dataDir.resolve("trainer").toString());
        config.put("mailtune.trainer.kafka.bootstrap-servers", broker.bootstrapServers());
        config.put("quarkus.datasource.active", "false");
        config.put("quarkus.datasource.\"postgresql\".active", "true");
        config.put("quarkus.datasource.\"postgresql\".jdbc.url", postgres.jdbcUrl());
        config.put("quarkus.datasource.\"postgresql\".username", postgres.user());
        config.put("mailtune.trainer.admin.password", ADMIN_PASSWORD);
        config.put("mailtune.trainer.instance-id", "trainer-under-test");
        config.put("mailtune.trainer.company.hand-off-text", DemoApprovals.DEMO_HAND_OFF);
        // The house style's sign-off is the configured signature, as a company switching sign-offs would set it: the
        // renderer always signs with the profile's signature, so the adapter has the greeting to learn.
        config.put("mailtune.trainer.company.name", "Brightcart");
        config.put("mailtune.trainer.company.signature", DemoApprovals.CARE.signOff());
        config.put("mailtune.trainer.schedule.cron", "off");
        config.put("mailtune.trainer.recovery-every", "1h");
        config.put("mailtune.trainer.dataset.holdout-percent", "25");
        config.put("mailtune.trainer.training.epochs", "5");
        config.put("mailtune.trainer.training.min-steps", "10");
        config.put("mailtune.trainer.training.max-steps", "40");
        config.put("mailtune.trainer.gate.regression-cases", "24");
        config.put("mailtune.trainer.gate.tolerance.\"regression.keyInstruction\"", "0.1");
        config.put("mailtune.trainer.gate.tolerance.\"regression.citation\"", "0.1");
        config.put("mailtune.trainer.gate.max-holdout", "24");
        config.put("mailtune.trainer.gate.max-new-tokens", "200");
        config.put("mailtune.trainer.gate.resamples", "1000");
        config.put("mailtune.trainer.gate.style-rules", DemoApprovals.CARE_RULES.stream()
                .map(rule -> rule.replace(",", "\\,")).collect(java.util.stream.Collectors.joining(",")));
        config.put("mailtune.trainer.rollback.min-sample", "20");
        return config;
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
        if (postgres != null) {
            try {
                postgres.afterAll(null);
            } catch (java.sql.SQLException ignored) {
                // the server drops leftover test databases with the next run's cleanup
            }
        }
    }
}
