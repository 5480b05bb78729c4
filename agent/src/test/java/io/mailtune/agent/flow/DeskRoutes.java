package io.mailtune.agent.flow;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Every route of the desk's pages (package {@code io.mailtune.agent.web}), read from the resource classes themselves. */
final class DeskRoutes {

    /** A page route. */
    record Route(String method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final String PACKAGE = "io.mailtune.agent.web";

    private DeskRoutes() {
    }

    static List<Route> all() {
        List<Route> out = new ArrayList<>();
        for (Class<?> c : classes()) {
            Path root = c.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method m : c.getDeclaredMethods()) {
                String verb = m.isAnnotationPresent(GET.class) ? "GET" : m.isAnnotationPresent(POST.class) ? "POST"
                        : m.isAnnotationPresent(PUT.class) ? "PUT" : m.isAnnotationPresent(DELETE.class) ? "DELETE" : null;
                if (verb == null) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                out.add(new Route(verb, join(root.value(), sub == null ? "" : sub.value())));
            }
        }
        out.sort(Comparator.comparing(Route::toString));
        return out;
    }

    private static String join(String a, String b) {
        String path = ("/" + a + "/" + b).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static List<Class<?>> classes() {
        try {
            // Test classes share the package name, so every folder of it on the class path is read.
            List<Class<?>> out = new ArrayList<>();
            var dirs = Thread.currentThread().getContextClassLoader().getResources(PACKAGE.replace('.', '/'));
            while (dirs.hasMoreElements()) {
                URL dir = dirs.nextElement();
                if (!"file".equals(dir.getProtocol())) {
                    continue;
                }
                try (Stream<java.nio.file.Path> files = Files.list(Paths.get(dir.toURI()))) {
                    for (java.nio.file.Path f : files.toList()) {
                        String name = f.getFileName().toString();
                        if (name.endsWith(".class") && !name.contains("$")) {
                            out.add(Class.forName(PACKAGE + "." + name.substring(0, name.length() - 6), false,
                                    Thread.currentThread().getContextClassLoader()));
                        }
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
}
