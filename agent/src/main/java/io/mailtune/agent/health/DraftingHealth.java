package io.mailtune.agent.health;

import io.mailtune.agent.adapters.AdapterFollower;
import io.mailtune.agent.drafting.KnowledgeBaseHost;
import io.mailtune.agent.drafting.ModelHost;
import io.mailtune.agent.inbound.InboundConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the model is loaded, the knowledge base indexed, the adapter history read and the consumer running. */
@Readiness
@ApplicationScoped
public class DraftingHealth implements HealthCheck {

    private final ModelHost model;
    private final KnowledgeBaseHost kb;
    private final AdapterFollower adapters;
    private final InboundConsumer consumer;

    DraftingHealth(ModelHost model, KnowledgeBaseHost kb, AdapterFollower adapters, InboundConsumer consumer) {
        this.model = model;
        this.kb = kb;
        this.adapters = adapters;
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        boolean indexed = kb.lastSync() != null && kb.passages() > 0;
        boolean up = model.drafter() != null && indexed && adapters.caughtUp() && consumer.running();
        return HealthCheckResponse.named("drafting").status(up)
                .withData("baseModel", model.baseModel())
                .withData("adapter", adapters.status().liveVersion())
                .withData("adapterHistoryRead", adapters.caughtUp())
                .withData("knowledgeBasePassages", kb.passages())
                .withData("inboundConsumer", consumer.running())
                .build();
    }
}
