package io.mailtune.testing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigPropertiesTest {

    @ConfigMapping(prefix = "shop")
    interface Shop {
        Optional<String> bootstrapServers();

        @WithName("db-url")
        String databaseUrl();

        Map<String, Till> tills();

        Map<String, Double> tolerance();

        interface Till {
            String host();
        }
    }

    private final ConfigProperties properties = ConfigProperties.of(List.of(Shop.class));

    @Test
    void namesEveryLeafInKebabCaseWithMapKeysAsIds() {
        assertEquals(Set.of("shop.bootstrap-servers", "shop.db-url", "shop.tills.<id>.host", "shop.tolerance"), properties.names());
    }

    @Test
    void knowsConcreteMapKeysAndValueMapEntries() {
        assertTrue(properties.knows("shop.tills.front.host"));
        assertTrue(properties.knows("shop.tolerance.\"holdout.chrF\""));
        assertFalse(properties.knows("shop.tills.front.port"));
        assertFalse(properties.knows("shop.database-url"));
    }

    @Test
    void knowsTheEnvironmentVariablesQuarkusMapsOntoItsProperties() {
        assertTrue(properties.knowsEnvironmentVariable("SHOP_BOOTSTRAP_SERVERS"));
        assertTrue(properties.knowsEnvironmentVariable("SHOP_TILLS_FRONT_HOST"));
        assertFalse(properties.knowsEnvironmentVariable("SHOP_BOOTSTRAP_SERVER"));
        assertFalse(properties.knowsEnvironmentVariable("SHOP_TILLS__HOST"));
    }
}
