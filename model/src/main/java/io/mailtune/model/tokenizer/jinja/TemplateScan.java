package io.mailtune.model.tokenizer.jinja;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Jinja constructs that Jinjava would silently render differently from Python Jinja (it ignores them
 * rather than failing): loop filters ({@code for x in xs if ...}), {@code for ... else}, recursive loops, filters
 * and tests it lacks, and slices with a step ({@code messages[::-1]}). Reads the template's tags and expressions
 * only, with string literals blanked out.
 */
final class TemplateScan {

    /** One construct the renderer cannot run, with its 1-based line. */
    record Problem(String construct, int line) {
        @Override
        public String toString() {
            return construct + " (line " + line + ")";
        }
    }

    private static final Pattern FILTER = Pattern.compile("\\|\\s*([A-Za-z_]\\w*)");
    private static final Pattern TEST = Pattern.compile("\\bis\\s+(?:not\\s+)?([A-Za-z_]\\w*)");
    private static final Pattern STEP_SLICE = Pattern.compile("\\[[^\\[\\]]*:[^\\[\\]]*:[^\\[\\]]*]");
    private static final Pattern FOR = Pattern.compile("^for\\s+.+?\\s+in\\s+(.+)$", Pattern.DOTALL);
    private static final Pattern TAG_NAME = Pattern.compile("^([A-Za-z_]\\w*)");
    private static final Set<String> BLOCKS = Set.of("for", "if", "macro", "call", "filter", "generation", "block");

    private TemplateScan() {
    }

    /** The constructs in {@code template} the renderer cannot run; empty when it can run them all. */
    static List<Problem> problems(String template, Predicate<String> knownFilter, Predicate<String> knownTest) {
        List<Problem> problems = new ArrayList<>();
        Deque<String> open = new ArrayDeque<>();
        int i = 0;
        while (i < template.length() - 1) {
            char c = template.charAt(i);
            char next = template.charAt(i + 1);
            if (c != '{' || (next != '{' && next != '%' && next != '#')) {
                i++;
                continue;
            }
            int line = 1 + (int) template.substring(0, i).chars().filter(ch -> ch == '\n').count();
            if (next == '#') {
                int end = template.indexOf("#}", i + 2);
                i = end < 0 ? template.length() : end + 2;
                continue;
            }
            String close = next == '{' ? "}}" : "%}";
            int end = closing(template, i + 2, close);
            if (end < 0) {
                break; // unterminated: Jinjava's parser reports it
            }
            String body = trimMarkers(template.substring(i + 2, end));
            String code = blankStrings(body);
            i = end + 2;
            expressions(code, line, knownFilter, knownTest, problems);
            if (next == '%') {
                Matcher name = TAG_NAME.matcher(code);
                String tag = name.find() ? name.group(1) : "";
                if (tag.equals("raw")) {
                    int endRaw = template.indexOf("endraw", i);
                    i = endRaw < 0 ? template.length() : endRaw;
                    continue;
                }
                tag(tag, code, line, open, problems);
            }
        }
        return problems;
    }

    private static void tag(String tag, String code, int line, Deque<String> open, List<Problem> problems) {
        if (tag.equals("for")) {
            Matcher m = FOR.matcher(code);
            if (m.find()) {
                String iterable = m.group(1);
                if (iterable.matches("(?s).*\\bif\\b.*") && !iterable.matches("(?s).*\\bif\\b.*\\belse\\b.*")) {
                    problems.add(new Problem("a loop filter ('for ... in ... if ...')", line));
                }
                if (iterable.matches("(?s).*\\brecursive\\s*$")) {
                    problems.add(new Problem("a recursive loop ('for ... recursive')", line));
                }
            }
        }
        if (BLOCKS.contains(tag) || (tag.equals("set") && !code.contains("="))) {
            open.push(tag);
        } else if (tag.startsWith("end") && !open.isEmpty()) {
            open.pop();
        } else if (tag.equals("else") && "for".equals(open.peek())) {
            problems.add(new Problem("an else block inside a for loop ('for ... else')", line));
        }
    }

    private static void expressions(String code, int line, Predicate<String> knownFilter, Predicate<String> knownTest,
                                    List<Problem> problems) {
        Matcher filter = FILTER.matcher(code);
        while (filter.find()) {
            if (!knownFilter.test(filter.group(1))) {
                problems.add(new Problem("the filter '" + filter.group(1) + "'", line));
            }
        }
        Matcher test = TEST.matcher(code);
        while (test.find()) {
            if (!knownTest.test(test.group(1))) {
                problems.add(new Problem("the test 'is " + test.group(1) + "'", line));
            }
        }
        if (STEP_SLICE.matcher(code).find()) {
            problems.add(new Problem("a slice with a step ('[a:b:step]', e.g. messages[::-1])", line));
        }
    }

    // The index of the closing delimiter, skipping quoted strings; -1 when none.
    private static int closing(String s, int from, String close) {
        char quote = 0;
        for (int i = from; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (s.startsWith(close, i)) {
                return i;
            }
        }
        return -1;
    }

    // Drops the whitespace-control markers and surrounding blanks: "- if x -" -> "if x".
    private static String trimMarkers(String body) {
        String b = body.strip();
        if (b.startsWith("-") || b.startsWith("+")) {
            b = b.substring(1);
        }
        if (b.endsWith("-") || b.endsWith("+")) {
            b = b.substring(0, b.length() - 1);
        }
        return b.strip();
    }

    // Replaces the contents of string literals with nothing, so '|' or 'is' inside text is not read as code.
    private static String blankStrings(String code) {
        StringBuilder out = new StringBuilder(code.length());
        char quote = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    out.append(c);
                    quote = 0;
                }
            } else {
                if (c == '\'' || c == '"') {
                    quote = c;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
