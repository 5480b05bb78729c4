package io.mailtune.ops.ingest;

import io.mailtune.ingest.mime.MessageLimits;
import io.mailtune.ingest.mime.MessageNormaliser;
import io.mailtune.ingest.mime.RejectedMessageException;
import io.mailtune.ops.ingest.FixtureCases.Case;
import io.mailtune.ops.ingest.FixtureCases.ReplyClass;
import io.mailtune.ops.ingest.FixtureCases.Source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the test suites of two public reply parsers through {@link MessageNormaliser#normalise}: each fixture body is
 * wrapped in a plain-text message and every assertion of theirs is checked against the normalised text (see
 * {@link FixtureCases}). Their files are read from local copies and never kept in this repository.
 * Usage: {@code ReplyParserFixtures <github/email_reply_parser dir> <zapier/email-reply-parser dir> [--verbose]};
 * exits with status 1 when fewer than 95 % of either suite's assertions hold.
 */
public final class ReplyParserFixtures {

    private static final double GOAL = 0.95;

    private ReplyParserFixtures() {
    }

    /** Runs both suites and prints a report with per-class figures. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: ReplyParserFixtures <github/email_reply_parser dir> <zapier/email-reply-parser dir> [--verbose]");
            System.exit(2);
        }
        boolean verbose = Arrays.asList(args).contains("--verbose");
        MessageNormaliser normaliser = new MessageNormaliser(MessageLimits.DEFAULT);
        Tally github = run(normaliser, Path.of(args[0]), FixtureCases.github(), verbose);
        Tally zapier = run(normaliser, Path.of(args[1]), FixtureCases.zapier(), verbose);
        System.out.println();
        System.out.println("| class | github cases | github assertions | zapier cases | zapier assertions |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (ReplyClass kind : ReplyClass.values()) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", kind.name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    github.cases(kind), github.assertions(kind), zapier.cases(kind), zapier.assertions(kind));
        }
        System.out.printf(Locale.ROOT, "| **all** | **%s** | **%s** | **%s** | **%s** |%n", github.cases(null), github.assertions(null),
                zapier.cases(null), zapier.assertions(null));
        System.out.printf(Locale.ROOT, "slowest case: %.1f ms%n", Math.max(github.slowestMillis, zapier.slowestMillis));
        boolean met = github.share() >= GOAL && zapier.share() >= GOAL;
        System.out.printf(Locale.ROOT, "assertions holding: github %.1f %%, zapier %.1f %% (goal %.0f %%): %s%n", 100 * github.share(),
                100 * zapier.share(), 100 * GOAL, met ? "met" : "NOT met");
        System.exit(met ? 0 : 1);
    }

    private static Tally run(MessageNormaliser normaliser, Path repo, List<Case> cases, boolean verbose) throws IOException {
        Tally tally = new Tally();
        for (Case c : cases) {
            String input = switch (c.source()) {
                case Source.File f -> Files.readString(repo.resolve("test/emails").resolve(f.name()), StandardCharsets.UTF_8);
                case Source.Inline i -> i.text();
            };
            byte[] raw = message(c, input);
            byte[] copy = raw.clone();
            text(normaliser, raw);
            // Timed on the second call: the first one pays for class loading and the JIT, which a running gateway has behind it.
            long start = System.nanoTime();
            String text = text(normaliser, raw);
            double millis = (System.nanoTime() - start) / 1e6;
            FixtureCheck.Outcome outcome = new FixtureCheck.Outcome(input, text, millis, Arrays.equals(raw, copy));
            tally.slowestMillis = Math.max(tally.slowestMillis, millis);
            int held = 0;
            StringBuilder misses = new StringBuilder();
            for (FixtureCheck check : c.checks()) {
                if (check.holds().test(outcome)) {
                    held++;
                } else {
                    misses.append("    MISS ").append(check.original()).append("\n         → ").append(check.meaning()).append('\n');
                }
            }
            tally.add(c.kind(), held, c.checks().size());
            boolean pass = held == c.checks().size();
            System.out.printf(Locale.ROOT, "%s %s %s/%s (%d/%d, %.1f ms)%n", pass ? "PASS" : "FAIL", c.kind().name(), c.suite(), c.test(),
                    held, c.checks().size(), millis);
            if (!pass) {
                System.out.print(misses);
            }
            if (!pass || verbose) {
                String shown = text.length() > 1500 ? text.substring(0, 1500) + "… (" + text.length() + " characters)" : text;
                System.out.println("    text: " + shown.replace("\n", "\n          "));
            }
        }
        return tally;
    }

    private static String text(MessageNormaliser normaliser, byte[] raw) {
        try {
            return normaliser.normalise(raw).normalisedText();
        } catch (RejectedMessageException e) {
            return "(rejected: " + e.getMessage() + ")";
        }
    }

    /** The fixture body as a plain-text UTF-8 message, with its own line endings. */
    private static byte[] message(Case c, String body) {
        String eol = body.contains("\r\n") ? "\r\n" : "\n";
        String headers = String.join(eol, "From: Fixture Sender <sender@fixtures.example>", "To: support@acme.test",
                "Subject: " + c.test(), "Date: Mon, 23 Nov 2026 10:00:00 +0000",
                "Message-ID: <" + c.suite() + "-" + c.test() + "@fixtures.example>", "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit");
        return (headers + eol + eol + body).getBytes(StandardCharsets.UTF_8);
    }

    /** Cases and assertions that held, per class. */
    private static final class Tally {
        private final Map<ReplyClass, int[]> byClass = new EnumMap<>(ReplyClass.class);
        private double slowestMillis;

        void add(ReplyClass kind, int held, int total) {
            int[] t = byClass.computeIfAbsent(kind, k -> new int[4]);
            t[0] += held == total ? 1 : 0;
            t[1]++;
            t[2] += held;
            t[3] += total;
        }

        String cases(ReplyClass kind) {
            int[] t = totals(kind);
            return t[1] == 0 ? "–" : t[0] + "/" + t[1];
        }

        String assertions(ReplyClass kind) {
            int[] t = totals(kind);
            return t[3] == 0 ? "–" : t[2] + "/" + t[3];
        }

        double share() {
            int[] t = totals(null);
            return t[3] == 0 ? 0 : (double) t[2] / t[3];
        }

        private int[] totals(ReplyClass kind) {
            if (kind != null) {
                return byClass.getOrDefault(kind, new int[4]);
            }
            int[] sum = new int[4];
            byClass.values().forEach(t -> {
                for (int i = 0; i < 4; i++) {
                    sum[i] += t[i];
                }
            });
            return sum;
        }
    }
}
