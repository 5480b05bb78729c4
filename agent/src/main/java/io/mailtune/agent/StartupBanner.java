package io.mailtune.agent;

import io.mailtune.agent.drafting.Company;
import io.mailtune.agent.embedded.KafkaEndpoint;
import io.mailtune.agent.mail.Mailboxes;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Says, once started, where the desk is and what the agent runs on. */
@ApplicationScoped
public class StartupBanner {

    private static final Logger LOG = Logger.getLogger(StartupBanner.class);

    void onStart(@Observes @Priority(5000) StartupEvent event, Company company, Mailboxes mailboxes, KafkaEndpoint kafka,
                 @ConfigProperty(name = "quarkus.http.host") String host, @ConfigProperty(name = "quarkus.http.port") int port) {
        LOG.infof("Mailtune agent for %s is up. Review desk: http://%s:%d/  (API: /api, OpenAPI: /q/openapi, Swagger UI:"
                        + " /q/swagger-ui, health: /q/health, metrics: /q/metrics). Mailboxes: %s. Kafka: %s%s.",
                company.profile().name(), host.equals("0.0.0.0") ? "localhost" : host, port, mailboxes.all().keySet(),
                kafka.bootstrapServers(), kafka.embedded() ? " (embedded)" : "");
    }
}
