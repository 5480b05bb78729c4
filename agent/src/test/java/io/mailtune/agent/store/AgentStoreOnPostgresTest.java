package io.mailtune.agent.store;

import io.mailtune.testing.PostgresDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.Statement;

/** The store contract on PostgreSQL, the production database (a fresh database per class, emptied per test). */
class AgentStoreOnPostgresTest extends AgentStoreContract {

    static {
        // DriverManager hands out only drivers visible to the caller's class loader; after Quarkus tests ran in this JVM
        // the registered PostgreSQL driver may be the Quarkus loader's copy, and the fixture would find none and skip.
        try {
            Class.forName("org.postgresql.Driver");
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

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
