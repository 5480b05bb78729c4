package io.mailtune.ingest.gateway;

import io.mailtune.ingest.mime.MessageLimits;
import io.mailtune.ingest.store.IngestDatabase;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * Where the mail gateway keeps its state and publishes.
 *
 * @param bootstrapServers  Kafka bootstrap servers
 * @param jdbcUrl           the state database (PostgreSQL or H2)
 * @param jdbcUser          database user
 * @param jdbcPassword      database password
 * @param rawStoreDir       directory of the content-addressed raw message store
 * @param limits            normalisation limits
 * @param ackTimeout        how long to wait for Kafka to commit a batch
 * @param subjectWindow     how far back the subject-and-participants thread fallback looks
 * @param producerOverrides extra Kafka producer properties (security, compression), or empty
 */
public record GatewaySettings(String bootstrapServers, String jdbcUrl, String jdbcUser, String jdbcPassword, Path rawStoreDir,
                              MessageLimits limits, Duration ackTimeout, Duration subjectWindow, Properties producerOverrides) {

    /** Validates the settings. */
    public GatewaySettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must name at least one Kafka broker host:port");
        }
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("jdbcUrl must be a JDBC URL, was '" + jdbcUrl + "'");
        }
        if (rawStoreDir == null) {
            throw new IllegalArgumentException("rawStoreDir is required: raw messages are always kept");
        }
        if (limits == null) {
            throw new IllegalArgumentException("limits are required");
        }
        if (ackTimeout == null || ackTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("ackTimeout must be at least 1 s, was " + ackTimeout);
        }
        if (subjectWindow == null || subjectWindow.isNegative() || subjectWindow.isZero()) {
            throw new IllegalArgumentException("subjectWindow must be positive, was " + subjectWindow);
        }
        producerOverrides = producerOverrides == null ? new Properties() : producerOverrides;
    }

    /** Defaults: embedded H2 under {@code stateDir}, raw store beside it, 30 s acknowledgements, 90 day subject window. */
    public static GatewaySettings embedded(String bootstrapServers, Path stateDir) {
        return new GatewaySettings(bootstrapServers, IngestDatabase.embeddedUrl(stateDir), "sa", "",
                stateDir.resolve("raw"), MessageLimits.DEFAULT, Duration.ofSeconds(30), Duration.ofDays(90), new Properties());
    }
}
