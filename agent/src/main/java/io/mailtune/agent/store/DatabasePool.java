package io.mailtune.agent.store;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.mailtune.core.sql.DatabaseException;
import org.flywaydb.core.Flyway;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Opens the agent's connection pool on PostgreSQL or H2, chosen by the JDBC URL at run time, and brings the schema up
 * to date with Flyway ({@code db/agent}; the trainer has its own folder, so both can share a class path), the same migrations on both.
 */
public final class DatabasePool {

    private DatabasePool() {
    }

    /** The embedded default: an H2 file under {@code dir}, committed to disk at every commit. */
    public static String embeddedUrl(Path dir) {
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("agent") + ";FILE_LOCK=FS;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    /**
     * A pool of at most {@code maxConnections} on {@code url}, migrated.
     *
     * @throws IllegalArgumentException when the URL is neither PostgreSQL nor H2
     * @throws DatabaseException           when the database cannot be reached or migrated, naming it
     */
    public static AgroalDataSource open(String url, String user, String password, int maxConnections) {
        if (url == null || !(url.startsWith("jdbc:postgresql:") || url.startsWith("jdbc:h2:"))) {
            throw new IllegalArgumentException("mailtune.database.url must be a PostgreSQL (jdbc:postgresql://…) or H2 (jdbc:h2:…)"
                    + " JDBC URL, was '" + url + "'");
        }
        if (maxConnections < 2) {
            throw new IllegalArgumentException("mailtune.database.max-connections must be at least 2, was " + maxConnections);
        }
        AgroalDataSourceConfigurationSupplier config = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool
                        .maxSize(maxConnections)
                        .minSize(0)
                        .initialSize(1)
                        .acquisitionTimeout(Duration.ofSeconds(30))
                        .validationTimeout(Duration.ofSeconds(30))
                        .connectionFactoryConfiguration(factory -> factory
                                // Named, not looked up in DriverManager, whose registrations depend on class loaders.
                                .connectionProviderClass(url.startsWith("jdbc:h2:") ? org.h2.Driver.class : org.postgresql.Driver.class)
                                .jdbcUrl(url)
                                .principal(new NamePrincipal(user == null ? "" : user))
                                .credential(new SimplePassword(password == null ? "" : password))));
        AgroalDataSource dataSource;
        try {
            dataSource = AgroalDataSource.from(config);
        } catch (SQLException e) {
            throw new DatabaseException("cannot open a connection pool on " + url + ": " + e.getMessage(), e);
        }
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/agent").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw new DatabaseException("cannot migrate the agent's database at " + url + ": " + e.getMessage(), e);
        }
        return dataSource;
    }
}
