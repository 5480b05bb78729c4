package io.mailtune.trainer.service;

import io.mailtune.core.sql.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Readiness on {@code /q/health/ready}: the database answers and Kafka answers. While Kafka is away the trainer
 * stays alive and reads on when it returns; readiness says so.
 */
@Readiness
@ApplicationScoped
public class TrainerHealth implements HealthCheck {

    @Inject
    TrainerService trainer;

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("mailtune-trainer");
        boolean up = true;
        try {
            trainer.database().inTransaction(c -> Database.scalar(c, "SELECT COUNT(*) FROM trainer_lease"));
            builder.withData("database", "up");
        } catch (RuntimeException e) {
            builder.withData("database", "down: " + e.getMessage());
            up = false;
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, trainer.bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).clusterId().get(3, TimeUnit.SECONDS);
            builder.withData("kafka", "up");
        } catch (Exception e) {
            builder.withData("kafka", "down: approvals are read when it returns");
            up = false;
        }
        trainer.activeRun().ifPresent(run -> builder.withData("activeRun", run));
        builder.withData("liveAdapter", trainer.engine().parts().registry().liveVersion().orElse("base"));
        return builder.status(up).build();
    }
}
