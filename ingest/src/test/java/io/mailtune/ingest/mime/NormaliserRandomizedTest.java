package io.mailtune.ingest.mime;

import io.mailtune.core.mail.AttachmentInfo;
import io.mailtune.core.mail.ForwardedMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Generated messages ({@link GeneratedMail}: random MIME trees, quoting styles in many languages, signatures, header
 * orders, charsets and encodings) through the normaliser: none throws, the customer's new text is never lost, the
 * quoted history is not taken for it, every attachment of every branch is recorded, a forwarded message is kept. Seeds are fixed, so a run is reproducible; set
 * {@code -Dmailtune.randomized.seed=N} to explore others. A failure names the seed that rebuilds the message.
 */
class NormaliserRandomizedTest {

    private static final int MESSAGES = 400;
    private final MessageNormaliser normaliser = new MessageNormaliser(MessageLimits.DEFAULT);

    @Test
    void generatedMessagesNeverThrowAndNeverLoseTheCustomersNewText() {
        long base = Long.getLong("mailtune.randomized.seed", 20261201L);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < MESSAGES && failures.size() < 5; i++) {
            long seed = base + i;
            GeneratedMail mail = GeneratedMail.of(seed);
            String problem = check(mail);
            if (problem != null) {
                failures.add("seed " + seed + " (" + mail.style() + "): " + problem + "\n--- message ---\n"
                        + new String(mail.raw(), StandardCharsets.UTF_8));
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " generated messages failed (base seed " + base + "); rebuild one with GeneratedMail.of(seed)\n"
                    + String.join("\n\n", failures));
        }
    }

    private String check(GeneratedMail mail) {
        NormalisedMessage m;
        try {
            m = normaliser.normalise(mail.raw());
        } catch (RejectedMessageException | RuntimeException e) {
            return "normalise threw " + e;
        }
        String text = collapse(m.normalisedText());
        for (String sentence : mail.sentences()) {
            if (!text.contains(collapse(sentence))) {
                return "lost the customer's sentence \"" + sentence + "\"; normalised text: " + m.normalisedText();
            }
        }
        for (String sentence : mail.history()) {
            if (text.contains(collapse(sentence)) && mail.sentences().stream().noneMatch(own -> collapse(own).contains(collapse(sentence)))) {
                return "kept quoted history \"" + sentence + "\" among the customer's words: " + m.normalisedText();
            }
        }
        List<String> recorded = m.attachments().stream().map(AttachmentInfo::fileName).toList();
        if (!recorded.containsAll(mail.attachments())) {
            return "attachments " + mail.attachments() + " but recorded " + recorded;
        }
        if (!mail.forwarded().isEmpty()) {
            String forwarded = m.forwarded().stream().map(ForwardedMessage::text).map(NormaliserRandomizedTest::collapse)
                    .collect(Collectors.joining("\n"));
            for (String sentence : mail.forwarded()) {
                if (!forwarded.contains(collapse(sentence))) {
                    return "lost the forwarded sentence \"" + sentence + "\"; forwarded: " + m.forwarded();
                }
            }
        }
        return null;
    }

    private static String collapse(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
