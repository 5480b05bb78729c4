package io.mailtune.agent.sending;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The company's signature, once per reply: the stored draft and the approved text never carry it (models and reviewers
 * often write it themselves), and the sent body gets it appended exactly once.
 */
public final class Signature {

    private Signature() {
    }

    /** The text without any trailing copies of the signature (compared line by line, ignoring surrounding spaces). */
    public static String strip(String text, String signature) {
        String body = text == null ? "" : text.strip();
        List<String> sig = lines(signature);
        if (sig.isEmpty()) {
            return body;
        }
        while (true) {
            List<String> lines = new ArrayList<>(Arrays.asList(body.split("\n", -1)));
            while (!lines.isEmpty() && lines.getLast().isBlank()) {
                lines.removeLast();
            }
            if (lines.size() < sig.size() || !lines.subList(lines.size() - sig.size(), lines.size()).stream()
                    .map(String::strip).toList().equals(sig)) {
                return String.join("\n", lines).strip();
            }
            body = String.join("\n", lines.subList(0, lines.size() - sig.size())).strip();
        }
    }

    /** The body to send: the text without its own copies of the signature, then the signature once. */
    public static String append(String text, String signature) {
        String body = strip(text, signature);
        return signature == null || signature.isBlank() ? body : body + "\n\n" + signature.strip() + "\n";
    }

    private static List<String> lines(String signature) {
        if (signature == null || signature.isBlank()) {
            return List.of();
        }
        return Arrays.stream(signature.strip().split("\n")).map(String::strip).toList();
    }
}
