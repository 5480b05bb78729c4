package io.mailtune.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** The agent's database: PostgreSQL in production, an H2 file under the data directory by default. */
@ConfigMapping(prefix = "mailtune.database")
public interface DatabaseSettings {

    /** The JDBC URL ({@code jdbc:postgresql://host:5432/mailtune}); absent: an H2 file under the data directory. */
    Optional<String> url();

    /** The database user. */
    @WithDefault("sa")
    String username();

    /** Name of the environment variable holding the database password. */
    Optional<String> passwordEnv();

    /** Connections in the pool. */
    @WithDefault("16")
    int maxConnections();
}
