package io.mailtune.trainer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailtune.core.contract.EventCodec;

import java.io.IOException;
import java.io.PrintStream;
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
import java.util.Locale;

/**
 * The trainer's command line: a client of a running trainer's REST API.
 * <pre>
 * trainer status | runs | adapters
 * trainer run [--no-wait]                          start a run now and follow it
 * trainer rollback VERSION|base [--reason TEXT]    make an earlier adapter (or the bare base model) live
 * trainer erase ADDRESS                            forget a customer
 * trainer import-history PATH [--format mbox|maildir|eml] [--support-address A]... [--mailbox M] [--train]
 * </pre>
 * The trainer's address comes from {@code MAILTUNE_TRAINER_URL} (default {@code http://localhost:8091}), the admin
 * password from {@code MAILTUNE_TRAINER_ADMIN_PASSWORD} or the file {@code MAILTUNE_TRAINER_ADMIN_PASSWORD_FILE}
 * (default {@code data/trainer/admin-password}). Exit status: 0 done, 1 the trainer refused or failed, 2 bad arguments.
 */
public final class TrainerCommand {

    private static final ObjectMapper JSON = EventCodec.mapper();

    private final String base;
    private final String password;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    TrainerCommand(String base, String password, PrintStream out) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.password = password;
        this.out = out;
    }

    /** Entry point. */
    public static void main(String[] args) {
        String url = System.getenv().getOrDefault("MAILTUNE_TRAINER_URL", "http://localhost:8091");
        System.exit(new TrainerCommand(url, password(), System.out).run(args));
    }

    int run(String[] args) {
        if (args.length == 0) {
            usage();
            return 2;
        }
        try {
            return switch (args[0]) {
                case "status" -> print(get("/api/status"));
                case "runs" -> runs();
                case "adapters" -> print(get("/api/adapters"));
                case "run" -> startRun(List.of(args).contains("--no-wait"));
                case "rollback" -> rollback(args);
                case "erase" -> erase(args);
                case "import-history" -> importHistory(args);
                default -> {
                    usage();
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            System.err.println("trainer: " + e.getMessage());
            return 2;
        } catch (Refused e) {
            System.err.println("trainer: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("trainer: cannot reach the trainer at " + base + " (MAILTUNE_TRAINER_URL): " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private int runs() throws IOException, InterruptedException {
        for (JsonNode r : get("/api/runs?limit=20")) {
            out.printf(Locale.ROOT, "%-36s %-10s %-9s steps %4d/%-4d %s%n", r.path("runId").asText(), r.path("trigger").asText(),
                    r.path("status").asText(), r.path("stepsDone").asInt(), r.path("stepsPlanned").asInt(), r.path("reason").asText(""));
        }
        return 0;
    }

    private int startRun(boolean noWait) throws IOException, InterruptedException {
        JsonNode run = post("/api/runs", JSON.createObjectNode().put("reason", "command line"));
        String id = run.path("runId").asText();
        out.println("run " + id + " started");
        if (noWait) {
            return 0;
        }
        int shown = 0;
        while (true) {
            Thread.sleep(2000);
            JsonNode view = get("/api/runs/" + id);
            JsonNode r = view.path("run");
            JsonNode progress = view.path("progress");
            if (progress.size() > shown) {
                JsonNode p = progress.get(progress.size() - 1);
                out.printf(Locale.ROOT, "step %d/%d loss %.4f %.0f tokens/s ETA %d s%n", p.path("step").asInt(),
                        r.path("stepsPlanned").asInt(), p.path("loss").asDouble(), p.path("tokensPerSecond").asDouble(),
                        p.path("etaMillis").asLong() / 1000);
                shown = progress.size();
            }
            if (!"RUNNING".equals(r.path("status").asText())) {
                out.println(r.path("status").asText() + ": " + r.path("reason").asText(""));
                return "FAILED".equals(r.path("status").asText()) || "ABORTED".equals(r.path("status").asText()) ? 1 : 0;
            }
        }
    }

    private int rollback(String[] args) throws IOException, InterruptedException {
        if (args.length < 2) {
            throw new IllegalArgumentException("rollback needs a version, or 'base' for the bare base model");
        }
        ObjectNode body = JSON.createObjectNode();
        if (args[1].equals("base")) {
            body.putNull("to");
        } else {
            body.put("to", args[1]);
        }
        body.put("reason", option(args, "--reason", "rolled back from the command line"));
        return print(post("/api/adapters/rollback", body));
    }

    private int erase(String[] args) throws IOException, InterruptedException {
        if (args.length < 2 || !args[1].contains("@")) {
            throw new IllegalArgumentException("erase needs the customer's e-mail address");
        }
        return print(post("/api/erasures", JSON.createObjectNode().put("address", args[1])));
    }

    private int importHistory(String[] args) throws IOException, InterruptedException {
        if (args.length < 2) {
            throw new IllegalArgumentException("import-history needs the path of an mbox file, a Maildir or .eml files");
        }
        ObjectNode body = JSON.createObjectNode().put("path", Path.of(args[1]).toAbsolutePath().toString());
        String format = option(args, "--format", null);
        if (format != null) {
            body.put("format", format);
        }
        String mailbox = option(args, "--mailbox", null);
        if (mailbox != null) {
            body.put("mailbox", mailbox);
        }
        List<String> addresses = new ArrayList<>();
        for (int i = 2; i + 1 < args.length; i++) {
            if (args[i].equals("--support-address")) {
                addresses.add(args[i + 1]);
            }
        }
        addresses.forEach(body.putArray("supportAddresses")::add);
        body.put("train", List.of(args).contains("--train"));
        return print(post("/api/history/import", body));
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private JsonNode post(String path, JsonNode body) throws IOException, InterruptedException {
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("changing the trainer needs its admin password: set MAILTUNE_TRAINER_ADMIN_PASSWORD");
        }
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofMinutes(10)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        if (response.statusCode() >= 300) {
            throw new Refused("HTTP " + response.statusCode() + ": " + body.path("error").asText(response.body()));
        }
        return body;
    }

    private int print(JsonNode node) throws IOException {
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        return 0;
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static String password() {
        String value = System.getenv("MAILTUNE_TRAINER_ADMIN_PASSWORD");
        if (value != null && !value.isBlank()) {
            return value;
        }
        Path file = Path.of(System.getenv().getOrDefault("MAILTUNE_TRAINER_ADMIN_PASSWORD_FILE", "data/trainer/admin-password"));
        try {
            return Files.isRegularFile(file) ? Files.readString(file).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void usage() {
        System.err.println("""
                usage: trainer status | runs | adapters
                       trainer run [--no-wait]
                       trainer rollback VERSION|base [--reason TEXT]
                       trainer erase ADDRESS
                       trainer import-history PATH [--format mbox|maildir|eml] [--support-address A]... [--mailbox M] [--train]
                environment: MAILTUNE_TRAINER_URL (http://localhost:8091), MAILTUNE_TRAINER_ADMIN_PASSWORD""");
    }

    /** The trainer answered with an error. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }
}
