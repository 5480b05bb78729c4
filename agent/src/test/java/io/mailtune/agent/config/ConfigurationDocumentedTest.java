package io.mailtune.agent.config;

import io.mailtune.testing.config.ConfigProperties;
import io.mailtune.testing.config.Repository;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@code mailtune.*} property the code reads (the {@code @ConfigMapping} interfaces, walked by reflection) is
 * described in docs/configuration.md, and application.properties sets no property the code does not know.
 */
class ConfigurationDocumentedTest {

    @Test
    void everyPropertyInTheCodeIsDocumented() throws Exception {
        ConfigProperties properties = AgentProperties.all();
        assertTrue(properties.names().size() > 40, "found the configuration: " + properties);
        assertEquals(List.of(), properties.undocumentedIn(Files.readString(Repository.root().resolve("docs/configuration.md"))),
                "properties missing from docs/configuration.md (write each as `name`)");
    }

    @Test
    void applicationPropertiesSetsOnlyPropertiesTheCodeKnows() throws Exception {
        Properties props = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            props.load(in);
        }
        assertEquals(List.of(), AgentProperties.all().unknownKeysIn(props));
    }
}
