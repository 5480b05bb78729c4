package io.mailtune.ingest.pipeline;

import io.mailtune.core.mail.EmailAddress;
import io.mailtune.ingest.classify.TrafficClassifier;
import io.mailtune.ingest.mime.MessageLimits;
import io.mailtune.ingest.store.IngestDatabase;
import io.mailtune.ingest.store.RawMessageStore;
import io.mailtune.ingest.store.SeenMessages;
import io.mailtune.ingest.thread.ThreadIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Generated conversations through intake and the threader: several customers, some with the same subject, each
 * conversation a customer question and alternating replies of ours and theirs. Replies carry In-Reply-To and
 * References in every form clients write them (both, one, truncated, with unknown ids, none but a "Re:"/"AW:"/"SV:"
 * subject), headers in random order and case, a quoted earlier message, and some are fetched twice. Nothing throws,
 * each conversation is one thread and no two conversations share one, duplicates are skipped, and every message
 * keeps its new text. Seeds are fixed; a failure names the seed ({@code -Dmailtune.randomized.seed=N} for others).
 */
class ThreadingRandomizedTest {

    private static final int CONVERSATION_SETS = 25;
    private static final String[] SUBJECTS = {"Where is my parcel?", "[Ticket #77] Refund", "Invoice question", "Broken lid"};
    private static final String[] REPLY_PREFIXES = {"Re: ", "RE: ", "AW: ", "SV: ", "Re: Re: ", "R: ", "Antw: "};
    private static final String[] WORDS = "parcel refund invoice lid broken arrived tracking label week today still missing".split(" ");

    @TempDir
    Path dir;

    @Test
    void everyConversationIsOneThreadWhateverItsHeaders() {
        long base = Long.getLong("mailtune.randomized.seed", 20261201L);
        IngestDatabase db = new IngestDatabase("jdbc:h2:mem:threading-" + base + ";DB_CLOSE_DELAY=-1", "sa", "");
        MessageIntake intake = new MessageIntake(MessageLimits.DEFAULT, new RawMessageStore(dir.resolve("raw")), db,
                new ThreadIndex(Duration.ofDays(90)));
        List<String> failures = new ArrayList<>();
        for (int set = 0; set < CONVERSATION_SETS && failures.isEmpty(); set++) {
            long seed = base + set;
            try {
                String problem = run(seed, db, intake);
                if (problem != null) {
                    failures.add("seed " + seed + ": " + problem);
                }
            } catch (RuntimeException e) {
                failures.add("seed " + seed + ": threw " + e);
            }
        }
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    /** One message of a conversation, as generated. */
    private record Mail(int conversation, String messageId, byte[] raw, String newText) {
    }

    /** One seed's conversations, in a mailbox of their own so that seeds never meet. */
    private static String run(long seed, IngestDatabase db, MessageIntake intake) {
        Random r = new Random(seed);
        String mailbox = "support-" + seed;
        TrafficClassifier classifier = new TrafficClassifier(Set.of(EmailAddress.of("support@acme.test")));
        List<List<Mail>> conversations = new ArrayList<>();
        int customers = 2 + r.nextInt(4);
        for (int c = 0; c < customers; c++) {
            conversations.add(conversation(r, seed, c));
        }
        List<Mail> delivery = interleave(r, conversations);
        Map<Integer, String> threadOf = new HashMap<>();
        Set<String> published = new HashSet<>();
        for (Mail mail : delivery) {
            IntakeOutcome outcome = intake.take(mailbox, classifier, new SourcedMessage("gen:" + mail.messageId(), mail.raw()));
            switch (outcome) {
                case IntakeOutcome.Rejected rejected -> {
                    return mail.messageId() + " was rejected: " + rejected.rejection().detail();
                }
                case IntakeOutcome.Duplicate d -> {
                    if (!published.contains(mail.messageId())) {
                        return mail.messageId() + " was taken for a duplicate of " + d.duplicateOf() + " before it was published";
                    }
                }
                case IntakeOutcome.Accepted accepted -> {
                    if (!published.add(mail.messageId())) {
                        return mail.messageId() + " was accepted twice";
                    }
                    String thread = accepted.email().threadId();
                    String known = threadOf.putIfAbsent(mail.conversation(), thread);
                    if (known != null && !known.equals(thread)) {
                        return mail.messageId() + " of conversation " + mail.conversation() + " started thread " + thread
                                + " instead of joining " + known;
                    }
                    for (Map.Entry<Integer, String> other : threadOf.entrySet()) {
                        if (other.getKey() != mail.conversation() && other.getValue().equals(thread)) {
                            return mail.messageId() + " of conversation " + mail.conversation() + " joined conversation " + other.getKey();
                        }
                    }
                    String text = accepted.email().normalisedText().replaceAll("\\s+", " ");
                    if (!text.contains(mail.newText())) {
                        return mail.messageId() + " lost its new text \"" + mail.newText() + "\": " + accepted.email().normalisedText();
                    }
                    db.inTransaction(c -> {
                        new SeenMessages(db).record(c, mailbox, accepted.email().messageId(), accepted.contentHash(),
                                accepted.email().emailId(), thread);
                        return null;
                    });
                }
            }
        }
        return null;
    }

    private static List<Mail> conversation(Random r, long seed, int c) {
        String customer = "customer" + c + "@c" + c + ".example";
        String subject = SUBJECTS[r.nextInt(SUBJECTS.length)];
        int length = 2 + r.nextInt(5);
        List<Mail> out = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        String previousText = null;
        for (int k = 0; k < length; k++) {
            boolean ours = k % 2 == 1;
            String id = "<s" + seed + "-c" + c + "-m" + k + (ours ? "@acme.test>" : "@c" + c + ".example>");
            String newText = sentence(r) + " (" + c + "/" + k + ")";
            List<String> headers = new ArrayList<>();
            headers.add("From: " + (ours ? "ACME Support <support@acme.test>" : "Customer " + c + " <" + customer + ">"));
            headers.add("To: " + (ours ? "<" + customer + ">" : "support@acme.test"));
            headers.add("Date: Tue, 03 Mar 2020 1" + (k % 10) + ":00:00 +0000");
            headers.add("Message-ID: " + id);
            headers.add("Content-Type: text/plain; charset=utf-8");
            String prefix = k == 0 ? "" : REPLY_PREFIXES[r.nextInt(REPLY_PREFIXES.length)];
            headers.add("Subject: " + prefix + subject);
            if (k > 0) {
                String parent = ids.get(ids.size() - 1);
                switch (r.nextInt(6)) {
                    case 0 -> {
                        headers.add("In-Reply-To: " + parent);
                        headers.add("References: " + String.join("\r\n ", ids));
                    }
                    case 1 -> headers.add("In-Reply-To: " + parent);
                    case 2 -> headers.add("References: " + String.join(" ", ids));
                    case 3 -> headers.add("References: <unknown-" + r.nextInt(1000) + "@elsewhere.example> " + parent);
                    case 4 -> headers.add("In-Reply-To: " + parent.substring(1, parent.length() - 1));
                    default -> {
                        // No reference at all: only the reply subject and the customer tie it to the conversation.
                    }
                }
            }
            Collections.shuffle(headers, r);
            StringBuilder raw = new StringBuilder();
            for (String header : headers) {
                int colon = header.indexOf(':');
                String name = r.nextBoolean() ? header.substring(0, colon) : header.substring(0, colon).toLowerCase(Locale.ROOT);
                raw.append(name).append(header.substring(colon)).append("\r\n");
            }
            raw.append("\r\n").append(newText).append("\r\n");
            if (previousText != null) {
                raw.append("\r\nOn Tue, Mar 3, 2020 at 10:00 AM Someone <someone@example.com> wrote:\r\n> ").append(previousText).append("\r\n");
            }
            out.add(new Mail(c, id, raw.toString().getBytes(StandardCharsets.UTF_8), newText));
            ids.add(id);
            previousText = newText;
        }
        return out;
    }

    /** The conversations' messages interleaved at random, each conversation in order, some fetched twice. */
    private static List<Mail> interleave(Random r, List<List<Mail>> conversations) {
        List<Mail> out = new ArrayList<>();
        int[] next = new int[conversations.size()];
        int left = conversations.stream().mapToInt(List::size).sum();
        while (left > 0) {
            int c = r.nextInt(conversations.size());
            if (next[c] < conversations.get(c).size()) {
                Mail mail = conversations.get(c).get(next[c]++);
                out.add(mail);
                left--;
                if (r.nextInt(6) == 0) {
                    out.add(mail);
                }
            }
        }
        return out;
    }

    private static String sentence(Random r) {
        StringBuilder s = new StringBuilder("Note");
        for (int i = 0; i < 3 + r.nextInt(5); i++) {
            s.append(' ').append(WORDS[r.nextInt(WORDS.length)]);
        }
        return s.toString();
    }
}
