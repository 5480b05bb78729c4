package io.mailtune.testing.packaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile read into its instructions (continuation lines joined, comments dropped), for tests that check it
 * against the code: what it copies, the runtime stage's environment, ports, health check and entry point.
 */
public record Dockerfile(List<Instruction> instructions) {

    /** One instruction: its keyword (upper case) and the rest of the line. */
    public record Instruction(String keyword, String arguments) {
    }

    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S+)");

    /** Reads the file; a line it cannot read as an instruction fails. */
    public static Dockerfile read(Path file) {
        try {
            List<Instruction> out = new ArrayList<>();
            StringBuilder pending = new StringBuilder();
            for (String raw : Files.readAllLines(file)) {
                String line = raw.strip();
                if (pending.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
                    continue;
                }
                if (line.startsWith("#")) {
                    continue;
                }
                if (line.endsWith("\\")) {
                    pending.append(line, 0, line.length() - 1).append(' ');
                    continue;
                }
                pending.append(line);
                String joined = pending.toString().strip();
                pending.setLength(0);
                String[] parts = joined.split("\\s+", 2);
                if (!parts[0].matches("[A-Za-z]+")) {
                    throw new IllegalArgumentException(file + ": not an instruction: " + joined);
                }
                out.add(new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : ""));
            }
            if (!pending.isEmpty()) {
                throw new IllegalArgumentException(file + ": ends inside a continued line");
            }
            return new Dockerfile(List.copyOf(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sources of every COPY that copies from the build context (not {@code --from} another stage). */
    public List<String> contextSources() {
        List<String> out = new ArrayList<>();
        for (Instruction i : all("COPY")) {
            List<String> words = new ArrayList<>(Arrays.asList(i.arguments().split("\\s+")));
            if (words.stream().anyMatch(w -> w.startsWith("--from="))) {
                continue;
            }
            words.removeIf(w -> w.startsWith("--"));
            out.addAll(words.subList(0, words.size() - 1));
        }
        return out;
    }

    /** The instructions of the last stage (the image that runs). */
    public List<Instruction> runtimeStage() {
        int from = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                from = i;
            }
        }
        return instructions.subList(from, instructions.size());
    }

    /** The runtime stage's environment ({@code ENV A=1 B=2}). */
    public Map<String, String> environment() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Instruction i : runtimeStage()) {
            if (i.keyword().equals("ENV")) {
                Matcher m = ENV_PAIR.matcher(i.arguments());
                while (m.find()) {
                    out.put(m.group(1), m.group(2).replace("\"", ""));
                }
            }
        }
        return out;
    }

    /** The runtime stage's exposed ports. */
    public List<Integer> exposedPorts() {
        return runtimeStage().stream().filter(i -> i.keyword().equals("EXPOSE"))
                .flatMap(i -> Arrays.stream(i.arguments().split("\\s+"))).map(p -> Integer.parseInt(p.replace("/tcp", ""))).toList();
    }

    /** The health check's command (after {@code CMD}). */
    public String healthCheck() {
        Instruction check = one("HEALTHCHECK");
        int cmd = check.arguments().indexOf("CMD ");
        if (cmd < 0) {
            throw new IllegalStateException("HEALTHCHECK without CMD: " + check.arguments());
        }
        return check.arguments().substring(cmd + 4).strip();
    }

    /** The entry point, which must be in exec form (a JSON array). */
    public List<String> entrypoint() {
        try {
            return Arrays.asList(new ObjectMapper().readValue(one("ENTRYPOINT").arguments(), String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ENTRYPOINT is not in exec form (a JSON array): " + e.getOriginalMessage());
        }
    }

    /** The runtime stage's user. */
    public String user() {
        return one("USER").arguments();
    }

    private List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    private Instruction one(String keyword) {
        List<Instruction> found = runtimeStage().stream().filter(i -> i.keyword().equals(keyword)).toList();
        if (found.size() != 1) {
            throw new IllegalStateException("expected one " + keyword + " in the runtime stage, found " + found.size());
        }
        return found.get(0);
    }
}
