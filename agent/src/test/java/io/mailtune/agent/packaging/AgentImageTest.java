package io.mailtune.agent.packaging;

import io.mailtune.agent.config.AgentProperties;
import io.mailtune.testing.config.Repository;
import io.mailtune.testing.packaging.ComposeFile;
import io.mailtune.testing.packaging.ServiceImage;
import io.mailtune.testing.packaging.ServiceImageContract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * docker/agent/Dockerfile and the compose file's {@code agent} service match the agent's code, and compose runs the
 * Kafka and GreenMail versions the build tests against.
 */
class AgentImageTest extends ServiceImageContract {

    static ServiceImage image;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = AgentImageTest.class.getResourceAsStream("/application.properties")) {
            image = new ServiceImage(Repository.root(), "agent", "agent", AgentProperties.all(),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Override
    protected ServiceImage image() {
        return image;
    }

    @Override
    protected int httpPort() {
        return 8080;
    }

    @Test
    void mountsTheMailboxConfiguration() {
        assertFalse(image.mountedProperties().isEmpty(), "the compose service mounts the mailbox configuration");
    }

    @Test
    void composeRunsTheKafkaAndGreenMailVersionsTheBuildUses() throws IOException {
        String pom = Files.readString(Repository.root().resolve("pom.xml"));
        ComposeFile compose = image.compose();
        assertEquals("apache/kafka:" + version(pom, "kafka.version"), compose.service("kafka").image());
        assertEquals("greenmail/standalone:" + version(pom, "greenmail.version"), compose.service("mail").image());
    }

    private static String version(String pom, String property) {
        int start = pom.indexOf("<" + property + ">") + property.length() + 2;
        return pom.substring(start, pom.indexOf("</" + property + ">"));
    }
}
