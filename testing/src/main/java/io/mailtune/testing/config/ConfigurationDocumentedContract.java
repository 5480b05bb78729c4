package io.mailtune.testing.config;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every service's configuration must hold, run by each service's test: every {@code mailtune.*} property its
 * {@code @ConfigMapping} interfaces read is described in docs/configuration.md, and its application.properties sets no
 * {@code mailtune.*} property the code does not know.
 */
public abstract class ConfigurationDocumentedContract {

    /** The service's properties, walked from its configuration interfaces. */
    protected abstract ConfigProperties properties();

    /** Fewer names than this means the walk missed the configuration. */
    protected abstract int atLeast();

    @Test
    void everyPropertyInTheCodeIsDocumented() throws Exception {
        ConfigProperties properties = properties();
        assertTrue(properties.names().size() > atLeast(), "found the configuration: " + properties);
        assertEquals(List.of(), properties.undocumentedIn(Files.readString(Repository.root().resolve("docs/configuration.md"))),
                "properties missing from docs/configuration.md (write each as `name`)");
    }

    @Test
    void applicationPropertiesSetsOnlyPropertiesTheCodeKnows() throws Exception {
        Properties props = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            assertNotNull(in, "the service's application.properties is on the test class path");
            props.load(in);
        }
        assertEquals(List.of(), properties().unknownKeysIn(props));
    }
}
