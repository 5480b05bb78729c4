package io.mailtune.trainer.dataset;

import io.mailtune.core.mail.EmailAddress;
import io.mailtune.core.sql.Database;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training set's behaviour, run on H2 and on PostgreSQL. */
abstract class TrainingSetContract {

    static final String HAND_OFF = "I have passed your message to a colleague who will get back to you.";

    /** A fresh, migrated database. */
    abstract Database database();

    TrainingSet set;
    Database db;
    int counter;

    @BeforeEach
    void fresh() {
        db = database();
        set = new TrainingSet(db, rules(15), Clock.systemUTC());
    }

    static DatasetRules rules(int holdoutPercent) {
        return new DatasetRules(2000, Set.of("en"), 12, HAND_OFF, 40, 0.9, holdoutPercent, 2.0, 0.3, 0.2);
    }

    Candidate candidate(String thread, String customer, String message, String draft, String reply) {
        counter++;
        return Candidate.builder("r" + counter, Candidate.Source.APPROVED, thread, Instant.now())
                .customer(new EmailAddress(customer, "Anna Berg")).mailbox("support").subject("Refund")
                .customerMessage(message).draft(draft).reply(reply).citedArticles(List.of("refunds")).language("en")
                .editDistance(io.mailtune.core.text.EditDistance.levenshtein(draft, reply)).adapterVersion("base").build();
    }

    private static final String[] WORDS = {"oak", "table", "linen", "cover", "kettle", "lid", "desk", "chair", "wine", "glass",
            "bath", "mat", "floor", "lamp", "wool", "throw", "speaker", "cable", "casserole", "dish", "dinner", "plate", "cushion",
            "bookcase", "towel", "coffee", "grinder", "basket", "clock", "board", "curtain", "fryer", "mattress", "mug", "ceiling",
            "parcel", "courier", "voucher", "invoice", "password", "account", "delivery", "return", "label", "colour", "size"};

    /** A candidate whose message and reply share little with any other (random words, seeded by the counter). */
    Candidate distinct(String thread, String customer) {
        java.util.Random random = new java.util.Random(counter * 7919L + 17);
        StringBuilder ask = new StringBuilder("Hello, I have a question about");
        StringBuilder answer = new StringBuilder("Hi Anna,\n\nThanks for your message about the");
        for (int i = 0; i < 12; i++) {
            ask.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
            answer.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
        }
        String reply = answer + ". You can find the answer in your account, and we are happy to help further.\n\nBest regards,\nSupport";
        return candidate(thread, customer, ask + "?", reply.replace("happy", "glad"), reply);
    }

    @Test
    void aRecordOfferedTwiceIsKeptOnce() {
        Candidate c = distinct("t1", "anna@example.com");
        assertInstanceOf(Admission.Accepted.class, set.offer(c));
        Admission again = set.offer(c);
        assertEquals(DropReason.DUPLICATE_ID, ((Admission.Dropped) again).reason());
        assertEquals(1, set.stats().train() + set.stats().holdout());
    }

    @Test
    void anEmptyOrOverlongReplyIsDroppedWithItsReasonAndNoText() {
        Admission empty = set.offer(candidate("t1", "a@example.com", "Where is my parcel?", "draft", "  "));
        assertEquals(DropReason.EMPTY, ((Admission.Dropped) empty).reason());
        Admission tooLong = set.offer(candidate("t2", "a@example.com", "Where is my parcel?", "draft", "word ".repeat(500)));
        assertEquals(DropReason.TOO_LONG, ((Admission.Dropped) tooLong).reason());
        assertEquals(1, set.stats().dropped().get(DropReason.EMPTY));
        assertEquals(1, set.stats().dropped().get(DropReason.TOO_LONG));
        List<String> details = db.list("SELECT detail FROM trainer_dropped", r -> r.getString(1));
        assertTrue(details.stream().noneMatch(d -> d.contains("word word")), "drops keep no text: " + details);
    }

    @Test
    void aReplyInAnotherLanguageIsDropped() {
        Admission german = set.offer(candidate("t1", "a@example.com", "Wo ist mein Paket?", "draft",
                "Hallo Anna,\n\nvielen Dank für Ihre Nachricht. Ihre Bestellung ist auf dem Weg und wir haben die Sendung"
                        + " für Sie geprüft, bitte haben Sie noch etwas Geduld mit der Lieferung.\n\nViele Grüße"));
        assertEquals(DropReason.WRONG_LANGUAGE, ((Admission.Dropped) german).reason());
    }

    @Test
    void aReplyThatOnlyHandsOffIsDroppedButAnAnswerWithAHandOffIsKept() {
        Admission onlyHandOff = set.offer(candidate("t1", "a@example.com", "Can I get a custom sofa?", "draft",
                "Hi Anna,\n\nThanks for your message about a custom sofa. " + HAND_OFF + "\n\nThank you for your patience.\n\nBest regards,\nSupport"));
        assertEquals(DropReason.HAND_OFF_ONLY, ((Admission.Dropped) onlyHandOff).reason());
        Admission answered = set.offer(candidate("t2", "a@example.com", "Refund and a custom sofa?", "draft",
                "Hi Anna,\n\nRefunds reach your card within five business days of the return arriving at our warehouse. "
                        + HAND_OFF + "\n\nBest regards,\nSupport"));
        assertInstanceOf(Admission.Accepted.class, answered);
    }

    @Test
    void theSameTextIsADuplicateAndANearlyIdenticalOneANearDuplicate() {
        Candidate first = distinct("t1", "a@example.com");
        set.offer(first);
        Candidate same = candidate("t2", "b@example.com", first.customerMessage(), first.draft(), first.reply());
        assertEquals(DropReason.DUPLICATE_CONTENT, ((Admission.Dropped) set.offer(same)).reason());
        Candidate near = candidate("t3", "c@example.com", first.customerMessage(), first.draft(), first.reply().replace("Anna", "Annabel"));
        assertEquals(DropReason.NEAR_DUPLICATE, ((Admission.Dropped) set.offer(near)).reason());
        assertInstanceOf(Admission.Accepted.class, set.offer(distinct("t4", "d@example.com")));
    }

    @Test
    void personalDataIsReplacedBeforeAnythingIsStored() {
        Candidate c = candidate("t1", "anna@example.com", "My order BC-482913 never came. Call +44 20 7946 0958 or mail anna@example.com.",
                "draft", "Hi Anna,\n\nWe refunded order BC-482913 to card 4111 1111 1111 1111 and will call you on +44 20 7946 0958"
                        + " if anything else comes up with the delivery.\n\nBest regards,\nSupport");
        set.offer(c);
        StoredExample e = set.examples(List.of(c.recordId())).getFirst();
        for (String text : List.of(e.customerMessage(), e.reply())) {
            assertFalse(text.contains("4111") || text.contains("7946") || text.contains("482913") || text.contains("anna@"), text);
        }
        assertTrue(e.reply().contains("[ORDER]") && e.reply().contains("[CARD]") && e.reply().contains("[PHONE]"), e.reply());
    }

    @Test
    void theModelsRawOutputIsStoredScrubbedBesideTheDraft() {
        Candidate plain = candidate("t1", "anna@example.com", "Where is order BC-482913?", "Hi Anna, it ships today.",
                "Hi Anna, it ships today and arrives tomorrow.");
        Candidate c = plain.toBuilder().modelOutput("Hi {name}, order BC-482913 {1}").build();
        set.offer(c);
        StoredExample e = set.examples(List.of(c.recordId())).getFirst();
        assertEquals("Hi {name}, order [ORDER] {1}", e.modelOutput());
    }

    @Test
    void everyExampleOfAThreadIsOnItsThreadsSideForever() {
        for (int i = 0; i < 60; i++) {
            set.offer(distinct("thread-" + (i % 20), "c" + i + "@example.com"));
        }
        List<String[]> rows = db.list("SELECT e.thread_id, s.side FROM trainer_example e JOIN trainer_thread_split s ON s.thread_id = e.thread_id",
                r -> new String[] {r.getString(1), r.getString(2)});
        java.util.Map<String, Set<String>> sides = new java.util.HashMap<>();
        rows.forEach(r -> sides.computeIfAbsent(r[0], k -> new java.util.HashSet<>()).add(r[1]));
        assertTrue(sides.values().stream().allMatch(s -> s.size() == 1), sides.toString());
        assertTrue(set.stats().holdout() > 0 && set.stats().train() > 0, set.stats().toString());
        // A later change of the holdout share moves no thread that is already assigned.
        TrainingSet changed = new TrainingSet(db, rules(50), Clock.systemUTC());
        int holdoutBefore = set.stats().holdout();
        Candidate more = distinct("thread-3", "late@example.com");
        Admission a = changed.offer(more);
        assertEquals(sides.get("thread-3").iterator().next(), ((Admission.Accepted) a).side().name());
        assertTrue(changed.stats().holdout() >= holdoutBefore);
    }

    @Test
    void editedRepliesWeighMoreAndUneditedOnesAreCappedInTheSnapshot() {
        TrainingSet noHoldout = new TrainingSet(db, rules(0), Clock.systemUTC());
        for (int i = 0; i < 10; i++) {
            noHoldout.offer(distinct("e" + i, "e" + i + "@example.com"));
        }
        for (int i = 0; i < 10; i++) {
            Candidate d = distinct("u" + i, "u" + i + "@example.com");
            noHoldout.offer(candidate(d.threadId(), "u" + i + "@example.com", d.customerMessage(), d.reply(), d.reply()));
        }
        Snapshot s = noHoldout.snapshot();
        assertEquals(10, s.uneditedAvailable());
        assertEquals(2, s.uneditedUsed(), "at most 20 % of the run's examples: 2 next to 10 edited");
        assertEquals(12, s.train().size());
        double edited = s.train().stream().filter(m -> !m.unedited()).mapToDouble(Snapshot.Member::weight).min().orElseThrow();
        double unedited = s.train().stream().filter(Snapshot.Member::unedited).mapToDouble(Snapshot.Member::weight).max().orElseThrow();
        assertTrue(edited > 1 && unedited < 1, edited + " vs " + unedited);
        assertEquals(s.sha256(), noHoldout.snapshot().sha256(), "the same data gives the same snapshot hash");
        noHoldout.offer(distinct("e-new", "new@example.com"));
        assertNotEquals(s.sha256(), noHoldout.snapshot().sha256());
    }

    @Test
    void erasureRemovesACustomersExamplesEverywhereAndTheyNeverComeBack() {
        for (int i = 0; i < 30; i++) {
            set.offer(distinct("t" + i, i % 3 == 0 ? "Anna.Berg@Example.com" : "other" + i + "@example.com"));
        }
        int before = set.stats().train() + set.stats().holdout();
        Erasure erasure = set.erase("anna.berg@example.com", "admin");
        assertEquals(10, erasure.examplesRemoved());
        assertEquals(before - 10, set.stats().train() + set.stats().holdout());
        Snapshot s = set.snapshot();
        assertTrue(db.list("SELECT customer_address FROM trainer_example", r -> r.getString(1)).stream().noneMatch(a -> a.contains("anna")));
        assertEquals(before - 10, s.train().size() + s.holdout().size());
        String erasedId = db.list("SELECT record_id FROM trainer_erased_record", r -> r.getString(1)).getFirst();
        Candidate again = Candidate.builder(erasedId, Candidate.Source.APPROVED, "t0", Instant.now())
                .customer(EmailAddress.of("anna.berg@example.com")).mailbox("support").subject("s")
                .customerMessage("a new question text entirely").draft("d")
                .reply("Hi Anna,\n\nA fresh and different answer about something else.\n\nBest").language("en")
                .editDistance(5).adapterVersion("base").build();
        assertEquals(DropReason.ERASED, ((Admission.Dropped) set.offer(again)).reason());
        String everything = String.join("|", db.list("SELECT erasure_id || requested_by || examples_removed FROM trainer_erasure", r -> r.getString(1)));
        assertFalse(everything.toLowerCase().contains("anna"), "the erasure record keeps no address: " + everything);
        assertEquals(1, set.erasures().size());
        assertThrows(IllegalArgumentException.class, () -> set.erase("not an address", "admin"));
    }
}
