package io.mailtune.agent.packaging;

import io.mailtune.agent.config.AgentProperties;
import io.mailtune.testing.config.Repository;
import io.mailtune.testing.packaging.ComposeFile;
import io.mailtune.testing.packaging.ServiceImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * docker/agent/Dockerfile and the compose file's {@code agent} service match the code (Docker cannot run here, so the
 * files are checked instead of built): paths, ports, settings, the launcher's command line, the addresses of the other
 * services.
 */
class AgentImageTest {

    static ServiceImage image;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = AgentImageTest.class.getResourceAsStream("/application.properties")) {
            image = new ServiceImage(Repository.root(), "agent", "agent", AgentProperties.all(),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void everyCopiedPathExists() {
        assertFalse(image.dockerfile().contextSources().isEmpty());
        assertEquals(List.of(), image.missingCopySources());
    }

    @Test
    void exposesChecksAndPublishesTheHttpPort() {
        assertEquals(8080, image.httpPort());
        assertEquals(List.of(), image.portMismatches());
    }

    @Test
    void setsOnlySettingsTheCodeReads() {
        assertFalse(image.mountedProperties().isEmpty(), "the compose service mounts the mailbox configuration");
        assertEquals(List.of(), image.unknownSettings());
    }

    @Test
    void startsJavaAsTheLauncherDoes() {
        assertEquals(List.of(), image.launcherDifferences());
    }

    @Test
    void runsAsAnUnprivilegedUser() {
        assertFalse(List.of("root", "0").contains(image.dockerfile().user()));
    }

    @Test
    void reachesDatabaseKafkaAndMailThroughComposeServices() {
        assertEquals(List.of(), image.unreachableAddresses());
    }

    @Test
    void mountsOnlyFilesThatExistAndDeclaredVolumes() {
        assertEquals(List.of(), image.missingMounts());
        assertEquals(List.of(), image.undeclaredVolumes());
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
