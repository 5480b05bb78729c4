package io.mailtune.testing.packaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A compose file read as YAML, with the parts of its services that tests check against the code. */
public record ComposeFile(Path file, Map<String, Service> services, List<String> volumes) {

    /**
     * One service.
     *
     * @param image       its image, or null when it is built
     * @param context     the build context, resolved against the compose file's folder, or null
     * @param dockerfile  the Dockerfile, resolved against the context, or null
     * @param environment its environment (values as written, {@code ${…}} not interpolated)
     * @param ports       its published ports as written ({@code "8080:8080"})
     * @param volumes     its volumes as written ({@code name:/path}, {@code ./file:/path:ro})
     */
    public record Service(String image, Path context, Path dockerfile, Map<String, String> environment, List<String> ports,
                          List<String> volumes) {

        /** The container ports it publishes. */
        public List<Integer> containerPorts() {
            return ports.stream().map(p -> Integer.parseInt(p.substring(p.lastIndexOf(':') + 1).replace("/tcp", ""))).toList();
        }
    }

    /** Reads and parses the file; YAML that does not parse fails. */
    @SuppressWarnings("unchecked")
    public static ComposeFile read(Path file) {
        try {
            Map<String, Object> yaml = new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), Map.class);
            Map<String, Service> services = new LinkedHashMap<>();
            Map<String, Object> declared = (Map<String, Object>) yaml.getOrDefault("services", Map.of());
            declared.forEach((name, body) -> services.put(name, service(file.toAbsolutePath().getParent(), (Map<String, Object>) body)));
            Map<String, Object> volumes = (Map<String, Object>) Optional.ofNullable(yaml.get("volumes")).orElse(Map.of());
            return new ComposeFile(file, services, List.copyOf(volumes.keySet()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The service called {@code name}. */
    public Service service(String name) {
        Service s = services.get(name);
        if (s == null) {
            throw new IllegalStateException(file + " has no service '" + name + "' (it has " + services.keySet() + ")");
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static Service service(Path folder, Map<String, Object> body) {
        Path context = null;
        Path dockerfile = null;
        if (body.get("build") instanceof Map<?, ?> build) {
            context = folder.resolve(String.valueOf(build.get("context"))).normalize();
            Object df = build.get("dockerfile");
            dockerfile = context.resolve(df == null ? "Dockerfile" : String.valueOf(df)).normalize();
        }
        Map<String, String> environment = new LinkedHashMap<>();
        ((Map<String, Object>) body.getOrDefault("environment", Map.of())).forEach((k, v) -> environment.put(k, String.valueOf(v)));
        return new Service((String) body.get("image"), context, dockerfile, environment,
                ((List<Object>) body.getOrDefault("ports", List.of())).stream().map(String::valueOf).toList(),
                ((List<Object>) body.getOrDefault("volumes", List.of())).stream().map(String::valueOf).toList());
    }
}
