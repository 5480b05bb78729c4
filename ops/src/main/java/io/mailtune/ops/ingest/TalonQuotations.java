package io.mailtune.ops.ingest;

import io.mailtune.ingest.mime.MessageLimits;
import io.mailtune.ingest.mime.MessageNormaliser;
import io.mailtune.ingest.mime.RejectedMessageException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A second check on other people's cases: the plain-text tests of {@code mailgun/talon}
 * (tests/text_quotations_test.py) that give a body and the reply they expect from {@code extract_from_plain}, read
 * from a local copy and run through {@link MessageNormaliser#normalise}. Tests that patch talon's constants or build
 * their body with {@code format} are left out. Usage: {@code TalonQuotations <mailgun/talon dir>}.
 */
public final class TalonQuotations {

    private static final Pattern TEST = Pattern.compile("(?m)^(@[^\\n]*\\n)*def (test_\\w+)\\(\\):\\n(.*?)(?=^(?:@|def )|\\z)", Pattern.DOTALL);
    private static final Pattern BODY = Pattern.compile("msg_body = u?\"\"\"(.*?)\"\"\"", Pattern.DOTALL);
    private static final Pattern EXPECTED = Pattern.compile("eq_\\(u?([\"'])(.*?)\\1,\\s*quotations\\.extract_from_plain\\(msg_body\\)\\)",
            Pattern.DOTALL);

    private TalonQuotations() {
    }

    /** Runs the cases and prints each miss and the share that holds. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: TalonQuotations <mailgun/talon dir>");
            System.exit(2);
        }
        String source = Files.readString(Path.of(args[0]).resolve("tests/text_quotations_test.py"), StandardCharsets.UTF_8);
        MessageNormaliser normaliser = new MessageNormaliser(MessageLimits.DEFAULT);
        int held = 0;
        int total = 0;
        Matcher test = TEST.matcher(source);
        while (test.find()) {
            String decorators = test.group(1) == null ? "" : test.group(1);
            String code = test.group(3);
            Matcher body = BODY.matcher(code);
            Matcher expected = EXPECTED.matcher(code);
            if (decorators.contains("@patch") || code.contains(".format(") || !body.find() || !expected.find()) {
                continue;
            }
            total++;
            String want = expected.group(2).replace("\\n", "\n");
            byte[] raw = ("From: Sender <sender@talon.example>\nTo: support@acme.test\nSubject: " + test.group(2)
                    + "\nMessage-ID: <" + test.group(2) + "@talon.example>\nContent-Type: text/plain; charset=utf-8\n\n" + body.group(1))
                    .getBytes(StandardCharsets.UTF_8);
            String text;
            try {
                text = normaliser.normalise(raw).normalisedText();
            } catch (RejectedMessageException e) {
                text = "(rejected: " + e.getMessage() + ")";
            }
            if (FixtureCheck.fold(text).equals(FixtureCheck.fold(want))) {
                held++;
            } else {
                System.out.println("MISS " + test.group(2) + "\n    expected: " + want.replace("\n", "\\n") + "\n    got:      "
                        + text.replace("\n", "\\n"));
            }
        }
        System.out.printf(Locale.ROOT, "talon plain-text cases holding: %d/%d%n", held, total);
    }
}
