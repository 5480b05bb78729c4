package io.mailtune.ingest.gateway;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AssignmentSettingsTest {

    @Test
    void theDefaultsNameThisHostAndProcessAndDetectADeadInstanceWithinTenSeconds() {
        AssignmentSettings defaults = AssignmentSettings.defaults();
        assertEquals(AssignmentSettings.DEFAULT_GROUP, defaults.groupId());
        assertTrue(defaults.instanceId().endsWith(":" + ProcessHandle.current().pid()), defaults.instanceId());
        assertEquals(Duration.ofSeconds(10), defaults.sessionTimeout());
    }

    @Test
    void heartbeatsRarerThanAThirdOfTheSessionTimeoutAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AssignmentSettings.defaults().withTimeouts(Duration.ofSeconds(6), Duration.ofSeconds(3), Duration.ofSeconds(30)));
        assertEquals("heartbeatInterval must be positive and at most a third of sessionTimeout (PT6S), was PT3S", e.getMessage());
    }

    @Test
    void aBlankGroupOrAnInstanceNameWithSpacesIsRefused() {
        assertEquals("groupId must name the consumer group of the instances, e.g. mailtune-mailboxes",
                assertThrows(IllegalArgumentException.class, () -> AssignmentSettings.defaults().withGroupId(" ")).getMessage());
        assertEquals("instanceId must be 1-200 letters, digits, '.', '_', ':' or '-', was 'agent one'",
                assertThrows(IllegalArgumentException.class, () -> AssignmentSettings.defaults().withInstanceId("agent one")).getMessage());
    }
}
