package io.mailtune.agent.health;

import io.mailtune.agent.embedded.KafkaEndpoint;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** Ready while the Kafka cluster answers (the outbox holds events meanwhile; nothing is lost while it is down). */
@Readiness
@ApplicationScoped
public class KafkaHealth implements HealthCheck {

    private final KafkaEndpoint kafka;
    private Admin admin;

    KafkaHealth(KafkaEndpoint kafka) {
        this.kafka = kafka;
    }

    @Override
    public synchronized HealthCheckResponse call() {
        try {
            if (admin == null) {
                Properties props = new Properties();
                props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
                props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
                props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
                admin = Admin.create(props);
            }
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000)).nodes().get(4, TimeUnit.SECONDS).size();
            return HealthCheckResponse.named("kafka").up().withData("bootstrapServers", kafka.bootstrapServers())
                    .withData("brokers", nodes).withData("embedded", kafka.embedded()).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("kafka").down().withData("bootstrapServers", kafka.bootstrapServers())
                    .withData("error", String.valueOf(e.getMessage())).build();
        }
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
