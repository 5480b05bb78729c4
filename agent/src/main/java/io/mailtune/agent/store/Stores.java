package io.mailtune.agent.store;

import io.agroal.api.AgroalDataSource;
import io.mailtune.agent.config.DatabaseSettings;
import io.mailtune.agent.config.Secrets;
import io.mailtune.agent.config.StorageSettings;
import io.mailtune.core.sql.Database;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;

/** The agent's database (opened and migrated at start) and the stores over it. */
@ApplicationScoped
public class Stores {

    private static final Logger LOG = Logger.getLogger(Stores.class);

    private final AgroalDataSource dataSource;
    private final Database db;
    private final String url;
    private final Clock clock = Clock.systemUTC();

    Stores(DatabaseSettings settings, StorageSettings storage) {
        this.url = settings.url().orElse(DatabasePool.embeddedUrl(storage.dataDir().resolve("db")));
        String password = settings.passwordEnv().map(env -> Secrets.fromEnvironment(env, "mailtune.database.password-env")).orElse("");
        this.dataSource = DatabasePool.open(url, settings.username(), password, settings.maxConnections());
        this.db = new Database(dataSource, "agent database");
        LOG.infof("database %s", url.replaceAll("password=[^;&]*", "password=***"));
    }

    /** The JDBC URL in use. */
    public String url() {
        return url;
    }

    @Produces
    @Singleton
    Database database() {
        return db;
    }

    @Produces
    @Singleton
    EmailStore emails() {
        return new EmailStore(db, clock);
    }

    @Produces
    @Singleton
    DraftStore drafts() {
        return new DraftStore(db, clock);
    }

    @Produces
    @Singleton
    ReplyStore replies() {
        return new ReplyStore(db, clock);
    }

    @Produces
    @Singleton
    OutboxStore outbox() {
        return new OutboxStore(db, clock);
    }

    @Produces
    @Singleton
    UserStore users() {
        return new UserStore(db, clock);
    }

    @Produces
    @Singleton
    CustomerRecords customers() {
        return new CustomerRecords(db);
    }

    @Produces
    @Singleton
    PresenceStore presence() {
        return new PresenceStore(db, clock);
    }

    @Produces
    @Singleton
    ReviewHistoryStore reviewHistory() {
        return new ReviewHistoryStore(db);
    }

    @Produces
    @Singleton
    Clock clock() {
        return clock;
    }

    @PreDestroy
    void close() {
        dataSource.close();
    }
}
