package io.mailtune.ops.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged Quarkus service ({@code target/quarkus-app/quarkus-run.jar}) as a child JVM, started the way production
 * starts it and configured by system properties; its output goes to {@code NAME.log} in its directory.
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private final String basicAuth;

    private ServiceProcess(String name, Process process, int port, Path log, String user, String password) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
        this.basicAuth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Starts the app at the path named by system property {@code appProperty} on a free port and waits until
     * {@code /q/health/ready} answers 200.
     */
    static ServiceProcess start(String name, String appProperty, Path dir, Map<String, String> properties,
                                Map<String, String> environment, String user, String password) throws IOException, InterruptedException {
        String app = System.getProperty(appProperty);
        if (app == null || !Files.isRegularFile(Path.of(app))) {
            throw new IllegalStateException("the packaged " + name + " is missing (" + app + "): run this test with 'mvn verify'");
        }
        int port = freePort();
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-modules", "jdk.incubator.vector", "-Xmx1200m", "-Dai.djl.offline=true",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", app));
        Path log = dir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("DJL_OFFLINE", "true");
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        ServiceProcess service = new ServiceProcess(name, builder.start(), port, log, user, password);
        service.awaitReady(Duration.ofSeconds(300));
        return service;
    }

    private void awaitReady(Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the " + name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                if (get("/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        close();
        throw new IllegalStateException("the " + name + " was not ready within " + timeout.toSeconds() + " s:\n" + tail());
    }

    /** The service's base URL. */
    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** A GET with HTTP basic. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url() + path)).header("Authorization", basicAuth)
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST of a JSON body with HTTP basic. */
    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url() + path)).header("Authorization", basicAuth)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The end of the service's log. */
    String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Kills it with SIGKILL: no shutdown hook runs, as when a machine dies. */
    void kill9() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Stops it with SIGTERM (a graceful Quarkus shutdown), SIGKILL after 30 s. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
