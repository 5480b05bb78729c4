package io.mailtune.testing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The properties a service's {@code @ConfigMapping} interfaces read, walked by reflection: one name per leaf, map keys
 * of groups written {@code <id>} ({@code mailtune.mail.mailboxes.<id>.host}), maps of values as their own name
 * ({@code mailtune.trainer.gate.tolerance}). Tests compare them with docs/configuration.md and with what
 * application.properties, Dockerfiles and the compose file set.
 */
public record ConfigProperties(Set<String> names) {

    /** The properties of the given mappings. */
    public static ConfigProperties of(Collection<Class<?>> mappings) {
        Set<String> out = new TreeSet<>();
        for (Class<?> type : mappings) {
            walk(type.getAnnotation(ConfigMapping.class).prefix(), type, out);
        }
        return new ConfigProperties(Set.copyOf(out));
    }

    /** Every {@code @ConfigMapping} interface in the package of {@code anchor} (compiled classes, no subpackages). */
    public static List<Class<?>> mappingsInPackageOf(Class<?> anchor) {
        try {
            Path folder = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .resolve(anchor.getPackageName().replace('.', '/'));
            List<Class<?>> out = new ArrayList<>();
            try (Stream<Path> files = Files.list(folder)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$")).toList()) {
                    Class<?> c = Class.forName(anchor.getPackageName() + "." + f.getFileName().toString().replace(".class", ""));
                    if (c.isAnnotationPresent(ConfigMapping.class)) {
                        out.add(c);
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether {@code property} is one the code reads: equal to a name once concrete map keys are replaced by
     * {@code <id>}, or a key of a map of values.
     */
    public boolean knows(String property) {
        for (String name : names) {
            if (matches(name.split("\\."), property)) {
                return true;
            }
        }
        return false;
    }

    /** The names, sorted, that {@code docs} (a Markdown page) does not mention as {@code `name`}. */
    public List<String> undocumentedIn(String docs) {
        return names.stream().sorted().filter(name -> !docs.contains("`" + name + "`")).toList();
    }

    /**
     * The {@code mailtune.*} keys of {@code properties} (profile prefixes such as {@code %dev.} ignored) that set no
     * property the code reads: a typo there is silently ignored by the running service.
     */
    public List<String> unknownKeysIn(java.util.Properties properties) {
        List<String> unknown = new ArrayList<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            String name = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
            if (name.startsWith("mailtune.") && !knows(name)) {
                unknown.add(key);
            }
        }
        return unknown;
    }

    /**
     * Whether the environment variable {@code variable} sets a property the code reads, by Quarkus's rule (upper case,
     * every other character an underscore): {@code MAILTUNE_KAFKA_BOOTSTRAP_SERVERS} sets
     * {@code mailtune.kafka.bootstrap-servers}. Map keys ({@code <id>}) match any run of characters.
     */
    public boolean knowsEnvironmentVariable(String variable) {
        return names.stream().anyMatch(name -> variable.matches(
                Stream.of(name.split("<id>", -1)).map(part -> java.util.regex.Pattern.quote(environmentName(part)))
                        .reduce((a, b) -> a + "[A-Z0-9_]+" + b).orElseThrow()));
    }

    /** The environment variable Quarkus maps onto {@code property}. */
    public static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static boolean matches(String[] pattern, String property) {
        String rest = property;
        for (int i = 0; i < pattern.length; i++) {
            String segment = pattern[i];
            if (segment.equals("<id>")) {
                int dot = rest.indexOf('.');
                if (dot <= 0) {
                    return false;
                }
                rest = rest.substring(dot + 1);
                continue;
            }
            boolean last = i == pattern.length - 1;
            if (last) {
                return rest.equals(segment) || rest.startsWith(segment + ".");
            }
            if (!rest.startsWith(segment + ".")) {
                return false;
            }
            rest = rest.substring(segment.length() + 1);
        }
        return false;
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
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
