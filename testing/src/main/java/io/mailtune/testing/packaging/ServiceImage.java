package io.mailtune.testing.packaging;

import io.mailtune.testing.config.ConfigProperties;
import io.mailtune.testing.config.Repository;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One service of docker/compose.yaml with the Dockerfile it is built from, checked against the service's code: its
 * {@code @ConfigMapping} properties and application.properties, and the launcher that starts it outside Docker. Each
 * check returns what is wrong (empty: nothing).
 */
public final class ServiceImage {

    private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([A-Za-z0-9-]+):(\\d+)/(\\w+)");
    private static final Pattern DEFAULTED_PORT = Pattern.compile("\\$\\{([A-Z0-9_]+):(\\d+)}");
    private static final Set<String> BUILT_IN_PROFILES = Set.of("prod", "dev", "test");

    private final Path root;
    private final ComposeFile compose;
    private final String name;
    private final ComposeFile.Service service;
    private final Dockerfile dockerfile;
    private final Launcher launcher;
    private final String launcherFunction;
    private final ConfigProperties known;
    private final String applicationProperties;
    private final Properties application = new Properties();

    /**
     * The image of a service whose launcher function has the service's name, read from this repository with the
     * application.properties on the calling test's class path.
     */
    public static ServiceImage of(String serviceName, ConfigProperties known) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("application.properties")) {
            if (in == null) {
                throw new IllegalStateException("no application.properties on the class path of " + serviceName + "'s tests");
            }
            return new ServiceImage(Repository.root(), serviceName, serviceName, known,
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param root                  the repository's root
     * @param serviceName           the service in docker/compose.yaml
     * @param launcherFunction      the launcher's shell function that starts it ({@code agent}, {@code trainer})
     * @param known                 the properties its code reads
     * @param applicationProperties its application.properties, as text
     */
    public ServiceImage(Path root, String serviceName, String launcherFunction, ConfigProperties known, String applicationProperties) {
        this.root = root;
        this.compose = ComposeFile.read(root.resolve("docker/compose.yaml"));
        this.name = serviceName;
        this.service = compose.service(serviceName);
        if (service.dockerfile() == null) {
            throw new IllegalStateException("service " + serviceName + " is not built from a Dockerfile");
        }
        this.dockerfile = Dockerfile.read(service.dockerfile());
        this.launcher = Launcher.read(root);
        this.launcherFunction = launcherFunction;
        this.known = known;
        this.applicationProperties = applicationProperties;
        try {
            application.load(new java.io.StringReader(applicationProperties));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The compose file. */
    public ComposeFile compose() {
        return compose;
    }

    /** The Dockerfile. */
    public Dockerfile dockerfile() {
        return dockerfile;
    }

    /** COPY sources that do not exist in the build context. */
    public List<String> missingCopySources() {
        return dockerfile.contextSources().stream().filter(s -> !Files.exists(service.context().resolve(s))).toList();
    }

    /** The HTTP port the service listens on in the container: quarkus.http.port, its ${VAR:default} resolved. */
    public int httpPort() {
        String value = application.getProperty("quarkus.http.port", "8080");
        Matcher m = DEFAULTED_PORT.matcher(value);
        if (m.matches()) {
            return Integer.parseInt(environment().getOrDefault(m.group(1), m.group(2)));
        }
        return Integer.parseInt(value);
    }

    /** Where EXPOSE, the health check and the published port disagree with the service's HTTP port. */
    public List<String> portMismatches() {
        int port = httpPort();
        List<String> out = new ArrayList<>();
        if (!dockerfile.exposedPorts().equals(List.of(port))) {
            out.add("EXPOSE " + dockerfile.exposedPorts() + " but the service listens on " + port);
        }
        if (!dockerfile.healthCheck().contains("http://127.0.0.1:" + port + "/q/health/ready")) {
            out.add("HEALTHCHECK does not ask http://127.0.0.1:" + port + "/q/health/ready: " + dockerfile.healthCheck());
        }
        if (!service.containerPorts().contains(port)) {
            out.add("compose publishes " + service.ports() + ", not the container port " + port);
        }
        return out;
    }

    /** The image's environment with the compose service's on top. */
    public Map<String, String> environment() {
        Map<String, String> out = new LinkedHashMap<>(dockerfile.environment());
        out.putAll(service.environment());
        return out;
    }

    /**
     * Settings that the image and the compose service set but the code does not read: MAILTUNE_* and QUARKUS_*
     * variables, -D options, properties of mounted config files; and any other variable that neither the launcher
     * exports nor a {@code *-env} setting names.
     */
    public List<String> unknownSettings() {
        Map<String, String> env = environment();
        Map<String, String> settings = new LinkedHashMap<>(mountedProperties());
        for (String flag : dockerfile.entrypoint()) {
            if (flag.startsWith("-D") && flag.contains("=")) {
                settings.put(flag.substring(2, flag.indexOf('=')), flag.substring(flag.indexOf('=') + 1));
            }
        }
        List<String> out = new ArrayList<>();
        settings.forEach((key, value) -> {
            if ((key.startsWith("mailtune.") || key.startsWith("quarkus.")) && !known.knows(key) && !application.containsKey(key)) {
                out.add("property " + key);
            }
        });
        Set<String> named = new TreeSet<>();
        settings.forEach((key, value) -> {
            if (key.endsWith("-env")) {
                named.add(value);
            }
        });
        env.forEach((key, value) -> {
            if (key.endsWith("_ENV")) {
                named.add(value);
            }
        });
        Set<String> exported = new TreeSet<>();
        launcher.exports(launcherFunction).forEach(e -> exported.add(e.name()));
        for (String variable : env.keySet()) {
            boolean ok;
            if (variable.equals("QUARKUS_PROFILE")) {
                ok = unknownProfiles(env.get(variable)).isEmpty();
            } else if (variable.startsWith("MAILTUNE_") || variable.startsWith("QUARKUS_")) {
                ok = applicationProperties.contains("${" + variable + "}") || applicationProperties.contains("${" + variable + ":")
                        || known.knowsEnvironmentVariable(variable) || applicationKeyAsVariable(variable);
            } else {
                ok = exported.contains(variable) || named.contains(variable) || variable.equals("JAVA_TOOL_OPTIONS");
            }
            if (!ok) {
                out.add("environment variable " + variable);
            }
        }
        for (String variable : named) {
            if (!env.containsKey(variable)) {
                out.add("environment variable " + variable + " is named by a *-env setting but not set");
            }
        }
        return out;
    }

    /** Where the entry point differs from the launcher's java command line or the launcher's exported variables. */
    public List<String> launcherDifferences() {
        List<String> out = new ArrayList<>();
        List<String> entry = dockerfile.entrypoint();
        int jar = entry.indexOf("-jar");
        if (entry.isEmpty() || !entry.get(0).equals("java") || jar < 0 || jar != entry.size() - 2
                || !entry.get(jar + 1).endsWith("/quarkus-run.jar")) {
            out.add("ENTRYPOINT is not [java, flags…, -jar, …/quarkus-run.jar]: " + entry);
            return out;
        }
        List<String> flags = entry.subList(1, jar).stream().filter(f -> !f.startsWith("-Dmailtune.") && !f.startsWith("-Dquarkus.")).toList();
        List<String> launcherFlags = launcher.javaFlags(launcherFunction);
        if (!flags.equals(launcherFlags)) {
            out.add("java flags " + flags + " differ from the launcher's " + launcherFlags);
        }
        Map<String, String> env = dockerfile.environment();
        for (Launcher.Export e : launcher.exports(launcherFunction)) {
            if (!env.containsKey(e.name())) {
                out.add("the launcher exports " + e.name() + ", the image does not set it");
            } else if (!e.overridable() && !e.value().equals(env.get(e.name()))) {
                out.add(e.name() + "=" + env.get(e.name()) + " but the launcher sets " + e.value());
            }
        }
        return out;
    }

    /** Database and Kafka addresses in the service's environment that name no compose service, port or database. */
    public List<String> unreachableAddresses() {
        List<String> out = new ArrayList<>();
        String init = read(root.resolve("docker/postgres/init.sql"));
        environment().forEach((key, value) -> {
            Matcher jdbc = JDBC.matcher(value);
            if (jdbc.find()) {
                if (!compose.services().containsKey(jdbc.group(1)) || !jdbc.group(2).equals("5432")) {
                    out.add(key + "=" + value + ": no PostgreSQL service on " + jdbc.group(1) + ":" + jdbc.group(2));
                } else if (!init.contains("CREATE DATABASE " + jdbc.group(3) + " ")) {
                    out.add(key + "=" + value + ": docker/postgres/init.sql does not create " + jdbc.group(3));
                }
            }
            if (key.endsWith("BOOTSTRAP_SERVERS")) {
                for (String server : value.split(",")) {
                    String host = server.substring(0, server.indexOf(':'));
                    ComposeFile.Service kafka = compose.services().get(host);
                    if (kafka == null || !kafka.environment().getOrDefault("KAFKA_ADVERTISED_LISTENERS", "").contains("//" + server)) {
                        out.add(key + "=" + value + ": no Kafka service advertises " + server);
                    }
                }
            }
        });
        mountedProperties().forEach((key, value) -> {
            if (key.matches("mailtune\\.mail\\.mailboxes\\.[^.]+\\.(smtp\\.)?host") && !compose.services().containsKey(value)) {
                out.add(key + "=" + value + ": no such compose service");
            }
        });
        return out;
    }

    /** The properties of config files the compose service mounts (host path → container path ending .properties). */
    public Map<String, String> mountedProperties() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String volume : service.volumes()) {
            String[] parts = volume.split(":");
            if (parts[0].startsWith(".") && parts[0].endsWith(".properties")) {
                Properties p = new Properties();
                try (InputStream in = Files.newInputStream(compose.file().toAbsolutePath().getParent().resolve(parts[0]))) {
                    p.load(in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
            }
        }
        return out;
    }

    /** Host paths of bind mounts that do not exist. */
    public List<String> missingMounts() {
        return service.volumes().stream().map(v -> v.split(":")[0]).filter(h -> h.startsWith("."))
                .filter(h -> !Files.exists(compose.file().toAbsolutePath().getParent().resolve(h))).toList();
    }

    /** Named volumes the service uses that the compose file does not declare. */
    public List<String> undeclaredVolumes() {
        return service.volumes().stream().map(v -> v.split(":")[0]).filter(h -> !h.startsWith(".") && !h.startsWith("/"))
                .filter(h -> !compose.volumes().contains(h)).toList();
    }

    @Override
    public String toString() {
        return name + " (" + service.dockerfile() + ")";
    }

    private List<String> unknownProfiles(String profiles) {
        return java.util.Arrays.stream(profiles.split(",")).map(String::strip)
                .filter(p -> !BUILT_IN_PROFILES.contains(p) && !applicationProperties.contains("\n%" + p + ".")).toList();
    }

    private boolean applicationKeyAsVariable(String variable) {
        return application.stringPropertyNames().stream().map(k -> k.startsWith("%") ? k.substring(k.indexOf('.') + 1) : k)
                .anyMatch(k -> ConfigProperties.environmentName(k).equals(variable));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
