package io.mailtune.testing.packaging;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * What every service's image and compose service must agree on with the code (Docker cannot run here, so the files
 * are checked instead of built): paths, ports, settings, the launcher's command line, the addresses of the other
 * services. Each service's test extends it with its own {@link ServiceImage}.
 */
public abstract class ServiceImageContract {

    /** The service's image and compose service, read once. */
    protected abstract ServiceImage image();

    /** The HTTP port the service's configuration gives. */
    protected abstract int httpPort();

    @Test
    void everyCopiedPathExists() {
        assertFalse(image().dockerfile().contextSources().isEmpty());
        assertEquals(List.of(), image().missingCopySources());
    }

    @Test
    void exposesChecksAndPublishesTheHttpPort() {
        assertEquals(httpPort(), image().httpPort());
        assertEquals(List.of(), image().portMismatches());
    }

    @Test
    void setsOnlySettingsTheCodeReads() {
        assertEquals(List.of(), image().unknownSettings());
    }

    @Test
    void startsJavaAsTheLauncherDoes() {
        assertEquals(List.of(), image().launcherDifferences());
    }

    @Test
    void runsAsAnUnprivilegedUser() {
        assertFalse(List.of("root", "0").contains(image().dockerfile().user()));
    }

    @Test
    void reachesTheOtherServicesThroughComposeServiceNames() {
        assertEquals(List.of(), image().unreachableAddresses());
    }

    @Test
    void mountsOnlyFilesThatExistAndDeclaredVolumes() {
        assertEquals(List.of(), image().missingMounts());
        assertEquals(List.of(), image().undeclaredVolumes());
    }
}
