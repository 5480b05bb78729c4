package io.mailtune.trainer;

import io.mailtune.core.sql.Database;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import java.util.UUID;
import javax.sql.DataSource;

/** Trainer databases for tests, migrated with the service's own Flyway scripts. */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** A fresh in-memory H2 database. */
    public static Database h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:trainer-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return migrated(ds);
    }

    /** The PostgreSQL database at {@code url}. */
    public static Database postgres(String url, String user) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser(user);
        return migrated(ds);
    }

    /** The data source migrated. */
    public static Database migrated(DataSource ds) {
        Flyway.configure().dataSource(ds).locations("classpath:db/trainer").load().migrate();
        return new Database(ds, "trainer database");
    }
}
