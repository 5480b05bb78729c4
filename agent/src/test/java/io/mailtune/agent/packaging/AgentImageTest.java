package io.mailtune.agent.packaging;

import io.mailtune.agent.config.AgentProperties;
import io.mailtune.testing.config.Repository;
import io.mailtune.testing.packaging.ComposeFile;
import io.mailtune.testing.packaging.ServiceImage;
import io.mailtune.testing.packaging.ServiceImageContract;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * docker/agent/Dockerfile and the compose file's {@code agent} service match the agent's code, and compose runs the
 * Kafka and GreenMail versions the build tests against.
 */
class AgentImageTest extends ServiceImageContract {

    private static final ServiceImage IMAGE = ServiceImage.of("agent", AgentProperties.all());

    @Override
    protected ServiceImage image() {
        return IMAGE;
    }

    @Override
    protected int httpPort() {
        return 8080;
    }

    @Test
    void mountsTheMailboxConfiguration() {
        assertFalse(IMAGE.mountedProperties().isEmpty(), "the compose service mounts the mailbox configuration");
    }

    @Test
    void composeRunsTheKafkaAndGreenMailVersionsTheBuildUses() throws IOException {
        String pom = Files.readString(Repository.root().resolve("pom.xml"));
        ComposeFile compose = IMAGE.compose();
        assertEquals("apache/kafka:" + version(pom, "kafka.version"), compose.service("kafka").image());
        assertEquals("greenmail/standalone:" + version(pom, "greenmail.version"), compose.service("mail").image());
    }

    private static String version(String pom, String property) {
        int start = pom.indexOf("<" + property + ">") + property.length() + 2;
        return pom.substring(start, pom.indexOf("</" + property + ">"));
    }
}
