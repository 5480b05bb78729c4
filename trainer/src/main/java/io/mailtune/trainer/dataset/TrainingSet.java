package io.mailtune.trainer.dataset;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mailtune.core.id.Hashing;
import io.mailtune.core.id.Ids;
import io.mailtune.core.reply.SourcePassage;
import io.mailtune.core.reply.ThreadTurn;
import io.mailtune.core.sql.Database;
import io.mailtune.core.sql.DatabaseException;
import io.mailtune.trainer.store.Json;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The versioned training set in the trainer database. Records are scrubbed of personal data, checked by the quality
 * rules, deduplicated by id, by content and by near-identical content, and put on the side of the split their thread
 * was assigned when its first example arrived. Every drop is recorded with its reason; erasure removes a customer's
 * examples and keeps only their ids, so they never come back.
 */
public final class TrainingSet {

    private static final TypeReference<List<SourcePassage>> PASSAGES = new TypeReference<>() { };
    private static final TypeReference<List<ThreadTurn>> TURNS = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final Database db;
    private final DatasetRules rules;
    private final QualityRules quality;
    private final PersonalData personalData = new PersonalData();
    private final Clock clock;

    /** A training set in {@code db} with the given rules. */
    public TrainingSet(Database db, DatasetRules rules, Clock clock) {
        this.db = db;
        this.rules = rules;
        this.quality = new QualityRules(rules);
        this.clock = clock;
    }

    /** The rules in force. */
    public DatasetRules rules() {
        return rules;
    }

    /** Offers one record; the same record offered again is a {@link DropReason#DUPLICATE_ID} and changes nothing. */
    public Admission offer(Candidate c) {
        for (int attempt = 0; ; attempt++) {
            try {
                return db.inTransaction(conn -> admit(conn, c));
            } catch (DatabaseException e) {
                // Two instances offering the same record or thread at once: the loser retries and sees the winner's row.
                if (!e.isUniqueViolation() || attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    private Admission admit(Connection conn, Candidate c) throws SQLException {
        String id = c.recordId();
        if (Database.scalar(conn, "SELECT COUNT(*) FROM trainer_erased_record WHERE record_id = ?", id) > 0) {
            return new Admission.Dropped(id, DropReason.ERASED, "the customer was erased before this record arrived");
        }
        if (Database.scalar(conn, "SELECT COUNT(*) FROM trainer_example WHERE example_id = ?", id) > 0) {
            return new Admission.Dropped(id, DropReason.DUPLICATE_ID, "already in the training set");
        }
        List<Admission.Dropped> earlier = Database.list(conn, "SELECT reason, detail FROM trainer_dropped WHERE record_id = ?",
                r -> new Admission.Dropped(id, DropReason.valueOf(r.getString(1)), r.getString(2)), id);
        if (!earlier.isEmpty()) {
            return earlier.getFirst();
        }
        Candidate s = scrubbed(c);
        Optional<QualityRules.Violation> violation = quality.check(s);
        if (violation.isPresent()) {
            return drop(conn, c, violation.get().reason(), violation.get().detail());
        }
        String text = s.customerMessage() + "\n\n" + s.reply();
        String contentHash = NearDuplicates.contentHash(text);
        List<String> same = Database.list(conn, "SELECT example_id FROM trainer_example WHERE content_hash = ?", r -> r.getString(1), contentHash);
        if (!same.isEmpty()) {
            return drop(conn, c, DropReason.DUPLICATE_CONTENT, "same text as example " + same.getFirst());
        }
        long[] bands = NearDuplicates.bandKeys(text);
        Optional<String> near = nearDuplicate(conn, bands, text);
        if (near.isPresent()) {
            return drop(conn, c, DropReason.NEAR_DUPLICATE, "near-identical to example " + near.get());
        }
        Side side = sideOf(conn, s.threadId());
        long now = clock.millis();
        Database.update(conn, """
                INSERT INTO trainer_example (example_id, source, thread_id, mailbox, customer_address, customer_name, subject,
                  customer_message, draft, reply, passages, history, cited_articles, language, edit_distance, edit_rate,
                  unedited, adapter_version, content_hash, approved_at, added_at, model_output)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                id, c.source().name(), s.threadId(), s.mailbox(), c.customer().normalised(),
                c.customer().displayName() == null ? "" : c.customer().displayName(), s.subject(), s.customerMessage(),
                s.draft(), s.reply(), Json.write(s.passages()), Json.write(s.history()), Json.write(s.citedArticles()),
                LanguageGuess.primary(s.language()), c.editDistance(), c.editRate(), c.unedited(), c.adapterVersion(),
                contentHash, c.approvedAt().toEpochMilli(), now, s.modelOutput());
        for (long band : bands) {
            Database.update(conn, "INSERT INTO trainer_example_band (band_key, example_id) VALUES (?, ?)", band, id);
        }
        return new Admission.Accepted(id, side);
    }

    private Candidate scrubbed(Candidate c) {
        List<SourcePassage> passages = c.passages().stream().map(p -> new SourcePassage(p.articleId(), p.chunkId(), p.title(),
                p.url(), personalData.scrub(p.text()), p.score(), p.vectorSimilarity())).toList();
        List<ThreadTurn> history = c.history().stream().map(t -> new ThreadTurn(t.author(), personalData.scrub(t.text()), t.at())).toList();
        return c.toBuilder().subject(personalData.scrub(c.subject())).customerMessage(personalData.scrub(c.customerMessage()))
                .draft(personalData.scrub(c.draft())).reply(personalData.scrub(c.reply())).passages(passages).history(history)
                .modelOutput(personalData.scrub(c.modelOutput())).build();
    }

    private Optional<String> nearDuplicate(Connection conn, long[] bands, String text) throws SQLException {
        StringBuilder in = new StringBuilder();
        Object[] args = new Object[bands.length];
        for (int i = 0; i < bands.length; i++) {
            in.append(i == 0 ? "?" : ", ?");
            args[i] = bands[i];
        }
        List<String[]> candidates = Database.list(conn, "SELECT e.example_id, e.customer_message, e.reply FROM trainer_example e"
                + " WHERE e.example_id IN (SELECT DISTINCT example_id FROM trainer_example_band WHERE band_key IN (" + in + "))",
                r -> new String[] {r.getString(1), r.getString(2) + "\n\n" + r.getString(3)}, args);
        for (String[] other : candidates) {
            if (NearDuplicates.jaccard(text, other[1]) >= rules.nearDuplicateJaccard()) {
                return Optional.of(other[0]);
            }
        }
        return Optional.empty();
    }

    private Side sideOf(Connection conn, String threadId) throws SQLException {
        List<Side> known = Database.list(conn, "SELECT side FROM trainer_thread_split WHERE thread_id = ?",
                r -> Side.valueOf(r.getString(1)), threadId);
        if (!known.isEmpty()) {
            return known.getFirst();
        }
        // A pure function of the thread id decides, and is then stored: a later change of holdout-percent moves no thread.
        int bucket = Integer.parseInt(Hashing.sha256Hex("split\n" + threadId).substring(0, 6), 16) % 100;
        Side side = bucket < rules.holdoutPercent() ? Side.HOLDOUT : Side.TRAIN;
        Database.update(conn, "INSERT INTO trainer_thread_split (thread_id, side, assigned_at) VALUES (?, ?, ?)",
                threadId, side.name(), clock.millis());
        return side;
    }

    private Admission drop(Connection conn, Candidate c, DropReason reason, String detail) throws SQLException {
        Database.update(conn, "INSERT INTO trainer_dropped (record_id, source, reason, detail, dropped_at) VALUES (?, ?, ?, ?, ?)",
                c.recordId(), c.source().name(), reason.name(), detail, clock.millis());
        return new Admission.Dropped(c.recordId(), reason, detail);
    }

    /**
     * The data of a new run: every training-side example with its weight, the feedback-loop guard applied (unedited
     * approvals capped at {@code uneditedMaxShare} of the training examples, chosen in a stable order), and every
     * holdout example; with a hash over all of it.
     */
    public Snapshot snapshot() {
        return db.inTransaction(conn -> {
            long seq = Database.scalar(conn, "SELECT MAX(seq) FROM trainer_example");
            List<Object[]> rows = Database.list(conn, "SELECT e.example_id, s.side, e.unedited, e.edit_rate, e.content_hash"
                    + " FROM trainer_example e JOIN trainer_thread_split s ON s.thread_id = e.thread_id WHERE e.seq <= ? ORDER BY e.seq",
                    r -> new Object[] {r.getString(1), Side.valueOf(r.getString(2)), r.getBoolean(3), r.getDouble(4), r.getString(5)}, seq);
            List<Snapshot.Member> train = new ArrayList<>();
            List<Snapshot.Member> unedited = new ArrayList<>();
            List<Snapshot.Member> holdout = new ArrayList<>();
            for (Object[] row : rows) {
                String id = (String) row[0];
                Side side = (Side) row[1];
                boolean isUnedited = (Boolean) row[2];
                if (side == Side.HOLDOUT) {
                    holdout.add(new Snapshot.Member(id, side, 1, isUnedited, (String) row[4]));
                } else {
                    Snapshot.Member m = new Snapshot.Member(id, side, rules.weight(isUnedited, (Double) row[3]), isUnedited, (String) row[4]);
                    (isUnedited ? unedited : train).add(m);
                }
            }
            int edited = train.size();
            int cap = rules.uneditedMaxShare() >= 1 ? unedited.size()
                    : (int) Math.floor(rules.uneditedMaxShare() * edited / (1 - rules.uneditedMaxShare()));
            // A stable order independent of arrival, so the same set always lets in the same unedited approvals.
            unedited.sort(Comparator.comparing(m -> Hashing.sha256Hex("unedited\n" + m.exampleId())));
            List<Snapshot.Member> used = unedited.subList(0, Math.min(cap, unedited.size()));
            train.addAll(used);
            return new Snapshot(seq, train, holdout, unedited.size(), used.size(), hash(train, holdout));
        });
    }

    static String hash(List<Snapshot.Member> train, List<Snapshot.Member> holdout) {
        List<String> lines = new ArrayList<>();
        for (List<Snapshot.Member> side : List.of(train, holdout)) {
            for (Snapshot.Member m : side) {
                lines.add(m.side() + "\t" + m.exampleId() + "\t" + m.contentHash() + "\t" + String.format(Locale.ROOT, "%.6f", m.weight()));
            }
        }
        Collections.sort(lines);
        return Hashing.sha256Hex(String.join("\n", lines));
    }

    /** The stored examples with these ids, in the given order; erased ones are simply absent. */
    public List<StoredExample> examples(List<String> ids) {
        Map<String, StoredExample> byId = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            String in = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            for (StoredExample e : db.list("SELECT e.*, s.side FROM trainer_example e JOIN trainer_thread_split s"
                    + " ON s.thread_id = e.thread_id WHERE e.example_id IN (" + in + ")", TrainingSet::read, chunk.toArray())) {
                byId.put(e.exampleId(), e);
            }
        }
        List<StoredExample> out = new ArrayList<>();
        for (String id : ids) {
            StoredExample e = byId.get(id);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    private static StoredExample read(ResultSet r) throws SQLException {
        return new StoredExample(r.getString("example_id"), Candidate.Source.valueOf(r.getString("source")),
                r.getString("thread_id"), Side.valueOf(r.getString("side")), r.getString("customer_name"), r.getString("subject"),
                r.getString("customer_message"), r.getString("draft"), r.getString("reply"),
                Json.read(r.getString("passages"), PASSAGES), Json.read(r.getString("history"), TURNS),
                Json.read(r.getString("cited_articles"), STRINGS), r.getString("language"), r.getDouble("edit_rate"),
                r.getBoolean("unedited"), r.getString("content_hash"), r.getString("model_output"));
    }

    /** Examples added after dataset version {@code seq}: what a scheduled run checks against its minimum. */
    public int addedSince(long seq) {
        long count = db.inTransaction(c -> Database.scalar(c, "SELECT COUNT(*) FROM trainer_example WHERE seq > ?", seq));
        return (int) count;
    }

    /**
     * Forgets a customer: removes every example whose customer address matches (case-insensitively) from the training
     * set and the holdout, records the removed ids so the same records are never taken in again, and records that the
     * erasure happened and how much it removed. The address is not stored.
     */
    public Erasure erase(String address, String requestedBy) {
        if (address == null || !address.contains("@")) {
            throw new IllegalArgumentException("erasure needs a customer's e-mail address, got '" + address + "'");
        }
        String normalised = address.strip().toLowerCase(Locale.ROOT);
        String erasureId = Ids.newId();
        Instant at = clock.instant();
        return db.inTransaction(conn -> {
            List<String[]> rows = Database.list(conn, "SELECT e.example_id, s.side FROM trainer_example e JOIN trainer_thread_split s"
                    + " ON s.thread_id = e.thread_id WHERE e.customer_address = ?", r -> new String[] {r.getString(1), r.getString(2)}, normalised);
            int holdout = 0;
            for (String[] row : rows) {
                Database.update(conn, "DELETE FROM trainer_example_band WHERE example_id = ?", row[0]);
                Database.update(conn, "DELETE FROM trainer_example WHERE example_id = ?", row[0]);
                Database.update(conn, "INSERT INTO trainer_erased_record (record_id, erasure_id) VALUES (?, ?)", row[0], erasureId);
                if (Side.HOLDOUT.name().equals(row[1])) {
                    holdout++;
                }
            }
            Database.update(conn, "INSERT INTO trainer_erasure (erasure_id, requested_at, requested_by, examples_removed, holdout_removed)"
                    + " VALUES (?, ?, ?, ?, ?)", erasureId, at.toEpochMilli(), requestedBy, rows.size(), holdout);
            return new Erasure(erasureId, at, requestedBy, rows.size(), holdout);
        });
    }

    /** Every erasure carried out, newest first. */
    public List<Erasure> erasures() {
        return db.list("SELECT erasure_id, requested_at, requested_by, examples_removed, holdout_removed FROM trainer_erasure"
                + " ORDER BY requested_at DESC", r -> new Erasure(r.getString(1), Instant.ofEpochMilli(r.getLong(2)),
                r.getString(3), r.getInt(4), r.getInt(5)));
    }

    /** Counts for the page, the API and the metrics. */
    public DatasetStats stats() {
        return db.inTransaction(conn -> {
            long seq = Database.scalar(conn, "SELECT MAX(seq) FROM trainer_example");
            Map<String, Integer> sides = new LinkedHashMap<>();
            for (Object[] row : Database.list(conn, "SELECT s.side, COUNT(*) FROM trainer_example e JOIN trainer_thread_split s"
                    + " ON s.thread_id = e.thread_id GROUP BY s.side", r -> new Object[] {r.getString(1), r.getInt(2)})) {
                sides.put((String) row[0], (Integer) row[1]);
            }
            int unedited = (int) Database.scalar(conn, "SELECT COUNT(*) FROM trainer_example WHERE unedited = TRUE");
            int history = (int) Database.scalar(conn, "SELECT COUNT(*) FROM trainer_example WHERE source = 'HISTORY'");
            Map<DropReason, Integer> dropped = new EnumMap<>(DropReason.class);
            for (Object[] row : Database.list(conn, "SELECT reason, COUNT(*) FROM trainer_dropped GROUP BY reason",
                    r -> new Object[] {r.getString(1), r.getInt(2)})) {
                dropped.put(DropReason.valueOf((String) row[0]), (Integer) row[1]);
            }
            int erasures = (int) Database.scalar(conn, "SELECT COUNT(*) FROM trainer_erasure");
            return new DatasetStats(seq, sides.getOrDefault("TRAIN", 0), sides.getOrDefault("HOLDOUT", 0), unedited, history,
                    dropped, erasures);
        });
    }
}
