package io.mailtune.trainer.packaging;

import io.mailtune.testing.config.Repository;
import io.mailtune.testing.packaging.ServiceImage;
import io.mailtune.trainer.service.TrainerProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * docker/trainer/Dockerfile and the compose file's {@code trainer} service match the code (Docker cannot run here, so
 * the files are checked instead of built): paths, ports, settings, the launcher's command line, the addresses of the
 * other services.
 */
class TrainerImageTest {

    static ServiceImage image;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = TrainerImageTest.class.getResourceAsStream("/application.properties")) {
            image = new ServiceImage(Repository.root(), "trainer", "trainer", TrainerProperties.all(),
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
        assertEquals(8091, image.httpPort());
        assertEquals(List.of(), image.portMismatches());
    }

    @Test
    void setsOnlySettingsTheCodeReads() {
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
    void reachesDatabaseAndKafkaThroughComposeServices() {
        assertEquals(List.of(), image.unreachableAddresses());
    }

    @Test
    void mountsOnlyFilesThatExistAndDeclaredVolumes() {
        assertEquals(List.of(), image.missingMounts());
        assertEquals(List.of(), image.undeclaredVolumes());
    }
}
