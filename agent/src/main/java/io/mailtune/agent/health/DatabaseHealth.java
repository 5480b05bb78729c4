package io.mailtune.agent.health;

import io.mailtune.agent.store.Stores;
import io.mailtune.core.sql.Database;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.sql.ResultSet;
import java.sql.Statement;

/** Ready while the agent's database answers a query. */
@Readiness
@ApplicationScoped
public class DatabaseHealth implements HealthCheck {

    private final Database db;
    private final Stores stores;

    DatabaseHealth(Database db, Stores stores) {
        this.db = db;
        this.stores = stores;
    }

    @Override
    public HealthCheckResponse call() {
        String kind = stores.url().startsWith("jdbc:h2:") ? "h2" : "postgresql";
        try {
            db.inTransaction(c -> {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM agent_user")) {
                    return r.next();
                }
            });
            return HealthCheckResponse.named("database").up().withData("kind", kind).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("database").down().withData("kind", kind)
                    .withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
