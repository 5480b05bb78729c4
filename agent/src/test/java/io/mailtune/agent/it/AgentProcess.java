package io.mailtune.agent.it;

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

/**
 * The packaged agent ({@code target/quarkus-app}) as a child JVM, configured by system properties, so a test can kill
 * it with SIGKILL and start it again. Its output goes to {@code agent.log} in its data directory.
 */
final class AgentProcess implements AutoCloseable {

    static final String ADMIN_PASSWORD = "admin-secret-for-tests";

    private final Process process;
    private final int port;
    private final Path log;

    private AgentProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the agent with these properties on a free port and waits until it is ready. */
    static AgentProcess start(Path dataDir, Map<String, String> properties) throws IOException, InterruptedException {
        String app = System.getProperty("agent.app");
        if (app == null || !Files.isRegularFile(Path.of(app))) {
            throw new IllegalStateException("the packaged agent is missing (" + app + "): run these tests with 'mvn verify'");
        }
        int port = freePort();
        Files.createDirectories(dataDir);
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-modules", "jdk.incubator.vector", "-Xmx1500m", "-Dai.djl.offline=true",
                "-Dquarkus.http.port=" + port, "-Dmailtune.storage.data-dir=" + dataDir,
                "-Dmailtune.security.admin-password-env=MAILTUNE_TEST_ADMIN_PASSWORD",
                "-Dmailtune.mail.embedded.enabled=false"));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", app));
        Path log = dataDir.resolve("agent.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("MAILTUNE_TEST_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().put("MAILTUNE_TEST_IMAP_PASSWORD", "imap-secret-for-tests");
        builder.environment().put("DJL_OFFLINE", "true");
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        AgentProcess agent = new AgentProcess(builder.start(), port, log);
        agent.awaitReady(Duration.ofSeconds(240));
        return agent;
    }

    private void awaitReady(Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the agent exited with " + process.exitValue() + ":\n" + tail());
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
        process.destroyForcibly();
        throw new IllegalStateException("the agent was not ready within " + timeout.toSeconds() + " s:\n" + tail());
    }

    /** A GET as the admin. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        String auth = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Basic " + auth).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** The value of a counter on {@code /q/metrics}, 0 when absent. */
    double metric(String name) throws IOException, InterruptedException {
        for (String line : get("/q/metrics").body().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    /** Kills the process with SIGKILL: no shutdown hook, no cleanup. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** The end of the agent's log. */
    String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
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
