package io.mailtune.testing.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code mailtune} launcher script, read for what it runs a service with: the literal JVM flags of the
 * {@code exec "$java" … -jar} line in a shell function, and the variables it exports there. Images must start the
 * services the same way.
 */
public record Launcher(String script) {

    private static final Pattern EXPORT_PAIR = Pattern.compile("([A-Z_][A-Z0-9_]*)=(\"[^\"]*\"|\\S+)");
    private static final Pattern DEFAULTED = Pattern.compile("\"?\\$\\{[A-Z_][A-Z0-9_]*:-([^}]*)}\"?");

    /** Reads the script at the repository's root. */
    public static Launcher read(Path root) {
        try {
            return new Launcher(Files.readString(root.resolve("mailtune")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The literal flags between {@code "$java"} and {@code -jar} in function {@code function} (shell variables left out). */
    public List<String> javaFlags(String function) {
        String line = body(function).lines().map(String::strip)
                .filter(l -> l.startsWith("exec \"$java\"") && l.contains(" -jar ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no 'exec \"$java\" … -jar' line in " + function + "()"));
        String flags = line.substring("exec \"$java\"".length(), line.indexOf(" -jar "));
        List<String> out = new ArrayList<>();
        for (String word : flags.strip().split("\\s+")) {
            if (!word.isEmpty() && !word.contains("$")) {
                out.add(word);
            }
        }
        return out;
    }

    /** A variable the launcher exports: a fixed value, or one that only applies when the variable is unset. */
    public record Export(String name, String value, boolean overridable) {
    }

    /** What function {@code function} exports: literal values, and {@code ${X:-default}} ones as overridable. */
    public List<Export> exports(String function) {
        List<Export> out = new ArrayList<>();
        body(function).lines().map(String::strip).filter(l -> l.startsWith("export ")).forEach(l -> {
            Matcher m = EXPORT_PAIR.matcher(l.substring("export ".length()));
            while (m.find()) {
                String value = m.group(2);
                Matcher d = DEFAULTED.matcher(value);
                if (d.matches()) {
                    out.add(new Export(m.group(1), d.group(1), true));
                } else if (!value.contains("$")) {
                    out.add(new Export(m.group(1), value.replace("\"", ""), false));
                }
            }
        });
        return out;
    }

    private String body(String function) {
        int start = script.indexOf("\n" + function + "() {");
        if (start < 0) {
            throw new IllegalStateException("the launcher has no function " + function + "()");
        }
        int end = script.indexOf("\n}", start + 1);
        return script.substring(start, end < 0 ? script.length() : end);
    }
}
