package io.mailtune.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@code mailtune.*} property the code reads (the {@code @ConfigMapping} interfaces, walked by reflection) is
 * described in docs/configuration.md, and application.properties sets no property the code does not know.
 */
class ConfigurationDocumentedTest {

    @Test
    void everyPropertyInTheCodeIsDocumented() throws Exception {
        String docs = Files.readString(repositoryRoot().resolve("docs/configuration.md"));
        Set<String> properties = codeProperties();
        assertTrue(properties.size() > 40, "found the configuration: " + properties);
        List<String> missing = properties.stream().filter(p -> !docs.contains("`" + p + "`")).toList();
        assertEquals(List.of(), missing, "properties missing from docs/configuration.md (write each as `name`)");
    }

    @Test
    void applicationPropertiesSetsOnlyPropertiesTheCodeKnows() throws Exception {
        Properties props = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            props.load(in);
        }
        Set<String> known = codeProperties();
        List<String> unknown = new ArrayList<>();
        for (String key : props.stringPropertyNames()) {
            String name = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
            if (name.startsWith("mailtune.") && !known.contains(name.replaceAll("\\.mailboxes\\.[^.]+\\.", ".mailboxes.<id>."))) {
                unknown.add(key);
            }
        }
        assertEquals(List.of(), unknown);
    }

    static Set<String> codeProperties() throws Exception {
        Set<String> out = new TreeSet<>();
        for (Class<?> type : mappings()) {
            walk(type.getAnnotation(ConfigMapping.class).prefix(), type, out);
        }
        return out;
    }

    private static List<Class<?>> mappings() throws IOException, URISyntaxException, ClassNotFoundException {
        Path folder = Path.of(StorageSettings.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(StorageSettings.class.getPackageName().replace('.', '/'));
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$")).toList()) {
                String name = StorageSettings.class.getPackageName() + "." + f.getFileName().toString().replace(".class", "");
                Class<?> c = Class.forName(name);
                if (c.isAnnotationPresent(ConfigMapping.class)) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private static void walk(String prefix, Class<?> type, Set<String> out) {
        for (Method m : type.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.isDefault() || m.getParameterCount() > 0) {
                continue;
            }
            String name = prefix + "." + (m.isAnnotationPresent(WithName.class) ? m.getAnnotation(WithName.class).value() : kebab(m.getName()));
            Type t = m.getGenericReturnType();
            if (t instanceof ParameterizedType p && p.getRawType() == Optional.class) {
                t = p.getActualTypeArguments()[0];
            }
            if (t instanceof ParameterizedType p && p.getRawType() == Map.class && p.getActualTypeArguments()[1] instanceof Class<?> v
                    && group(v)) {
                walk(name + ".<id>", v, out);
            } else if (t instanceof Class<?> c && group(c)) {
                walk(name, c, out);
            } else {
                out.add(name);
            }
        }
    }

    private static boolean group(Class<?> c) {
        return c.isInterface() && !c.getName().startsWith("java.");
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no docs/ folder above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
