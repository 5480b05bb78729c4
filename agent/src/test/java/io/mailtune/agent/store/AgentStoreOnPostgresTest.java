package io.mailtune.agent.store;

import io.mailtune.testing.PostgresDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.Statement;

/** The store contract on PostgreSQL, the production database (a fresh database per class, emptied per test). */
class AgentStoreOnPostgresTest extends AgentStoreContract {

    @RegisterExtension
    static PostgresDatabase postgres = new PostgresDatabase();

    @Override
    protected String[] freshDatabase() throws Exception {
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
        return new String[]{postgres.jdbcUrl(), postgres.user(), ""};
    }
}
