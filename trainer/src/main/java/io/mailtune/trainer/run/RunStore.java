package io.mailtune.trainer.run;

import io.mailtune.core.sql.Database;
import io.mailtune.trainer.dataset.Snapshot;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Runs, their snapshots and their progress in the trainer database. */
public final class RunStore {

    private final Database db;
    private final Clock clock;

    /** A store in {@code db}. */
    public RunStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Records a new run at the snapshot stage. */
    public void create(String runId, RunTrigger trigger, String requestedBy, String holder, String baseModel, String settingsJson) {
        long now = clock.millis();
        db.update("""
                INSERT INTO trainer_run (run_id, run_trigger, requested_by, status, stage, created_at, updated_at, holder, attempts,
                  base_model, dataset_seq, train_examples, holdout_examples, unedited_available, unedited_used, steps_planned,
                  steps_done, resumed_from_step, settings)
                VALUES (?, ?, ?, 'RUNNING', 'SNAPSHOT', ?, ?, ?, 1, ?, 0, 0, 0, 0, 0, 0, 0, 0, ?)""",
                runId, trigger.name(), requestedBy, now, now, holder, baseModel, settingsJson);
    }

    /** Records that {@code holder} took up an interrupted run. */
    public void takenUp(String runId, String holder) {
        db.update("UPDATE trainer_run SET holder = ?, attempts = attempts + 1, updated_at = ? WHERE run_id = ?", holder, clock.millis(), runId);
    }

    /** Stores the snapshot's members and figures. */
    public void snapshot(String runId, Snapshot s) {
        db.inTransaction(c -> {
            Database.update(c, "DELETE FROM trainer_run_example WHERE run_id = ?", runId);
            for (List<Snapshot.Member> side : List.of(s.train(), s.holdout())) {
                for (Snapshot.Member m : side) {
                    Database.update(c, "INSERT INTO trainer_run_example (run_id, example_id, side, weight) VALUES (?, ?, ?, ?)",
                            runId, m.exampleId(), m.side().name(), m.weight());
                }
            }
            Database.update(c, "UPDATE trainer_run SET dataset_seq = ?, dataset_hash = ?, train_examples = ?, holdout_examples = ?,"
                            + " unedited_available = ?, unedited_used = ?, stage = 'TRAINING', updated_at = ? WHERE run_id = ?",
                    s.datasetSeq(), s.sha256(), s.train().size(), s.holdout().size(), s.uneditedAvailable(), s.uneditedUsed(),
                    clock.millis(), runId);
            return null;
        });
    }

    /** The snapshot's members of one side, in insertion order, with their weights. */
    public List<Member> members(String runId, String side) {
        return db.list("SELECT r.example_id, r.weight FROM trainer_run_example r LEFT JOIN trainer_example e ON e.example_id = r.example_id"
                        + " WHERE r.run_id = ? AND r.side = ? ORDER BY e.seq, r.example_id",
                r -> new Member(r.getString(1), r.getDouble(2)), runId, side);
    }

    /** An example of a run's snapshot with its weight. */
    public record Member(String exampleId, double weight) {
    }

    /** Records the training plan. */
    public void planned(String runId, int steps) {
        db.update("UPDATE trainer_run SET steps_planned = ?, updated_at = ? WHERE run_id = ?", steps, clock.millis(), runId);
    }

    /** Forgets progress from {@code fromStep} on (a resumed attempt redoes those steps). */
    public void forgetProgressFrom(String runId, int fromStep) {
        db.update("DELETE FROM trainer_run_progress WHERE run_id = ? AND step >= ?", runId, fromStep);
        db.update("UPDATE trainer_run SET resumed_from_step = ? WHERE run_id = ?", Math.max(0, fromStep - 1), runId);
    }

    /** Records one step. */
    public void progress(String runId, RunProgress p) {
        db.inTransaction(c -> {
            Database.update(c, "INSERT INTO trainer_run_progress (run_id, step, loss, learning_rate, tokens_per_second, eta_ms, at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", runId, p.step(), p.loss(), p.learningRate(), p.tokensPerSecond(), p.etaMillis(), p.at());
            Database.update(c, "UPDATE trainer_run SET steps_done = ?, tokens_per_second = ?, updated_at = ? WHERE run_id = ?",
                    p.step(), p.tokensPerSecond(), p.at(), runId);
            return null;
        });
    }

    /** Records the trained candidate; the run moves on to evaluation. */
    public void trained(String runId, String version, String sha256, int steps, double tokensPerSecond, double seconds) {
        db.update("UPDATE trainer_run SET candidate_version = ?, candidate_sha256 = ?, steps_done = ?, tokens_per_second = ?,"
                        + " training_seconds = ?, stage = 'EVALUATING', updated_at = ? WHERE run_id = ?",
                version, sha256, steps, tokensPerSecond, seconds, clock.millis(), runId);
    }

    /** Records the gate's decision; a promotion moves on to publishing. */
    public void decided(String runId, String liveVersion, boolean promote, String reason, String reportJson, double seconds) {
        db.update("UPDATE trainer_run SET live_version = ?, decision = ?, reason = ?, gate_report = ?, evaluation_seconds = ?,"
                        + " stage = ?, updated_at = ? WHERE run_id = ?",
                liveVersion, promote ? "PROMOTE" : "REJECT", reason, reportJson, seconds, promote ? "PUBLISHING" : "DONE",
                clock.millis(), runId);
    }

    /** Ends a run. */
    public void finish(String runId, RunStatus status, String reason) {
        long now = clock.millis();
        if (reason == null) {
            db.update("UPDATE trainer_run SET status = ?, stage = 'DONE', finished_at = ?, updated_at = ? WHERE run_id = ?",
                    status.name(), now, now, runId);
        } else {
            db.update("UPDATE trainer_run SET status = ?, stage = 'DONE', reason = ?, finished_at = ?, updated_at = ? WHERE run_id = ?",
                    status.name(), reason.length() > 3900 ? reason.substring(0, 3900) : reason, now, now, runId);
        }
    }

    /** A run by id. */
    public Optional<RunRecord> find(String runId) {
        return db.first("SELECT * FROM trainer_run WHERE run_id = ?", RunStore::read, runId);
    }

    /** The newest runs first. */
    public List<RunRecord> recent(int limit) {
        return db.list("SELECT * FROM trainer_run ORDER BY created_at DESC FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY", RunStore::read);
    }

    /** Runs still marked running (their instance may have died), oldest first. */
    public List<RunRecord> unfinished() {
        return db.list("SELECT * FROM trainer_run WHERE status = 'RUNNING' ORDER BY created_at", RunStore::read);
    }

    /** The dataset version of the newest run that got past its snapshot, or 0. */
    public long lastDatasetSeq() {
        return db.first("SELECT dataset_seq FROM trainer_run WHERE dataset_hash IS NOT NULL ORDER BY created_at DESC",
                r -> r.getLong(1)).orElse(0L);
    }

    /** A run's steps in order. */
    public List<RunProgress> progress(String runId) {
        return db.list("SELECT step, loss, learning_rate, tokens_per_second, eta_ms, at FROM trainer_run_progress WHERE run_id = ? ORDER BY step",
                r -> new RunProgress(r.getInt(1), r.getDouble(2), r.getDouble(3), r.getDouble(4), r.getLong(5), r.getLong(6)), runId);
    }

    /** The clock's now. */
    Instant now() {
        return clock.instant();
    }

    private static RunRecord read(ResultSet r) throws SQLException {
        return new RunRecord(r.getString("run_id"), RunTrigger.valueOf(r.getString("run_trigger")), r.getString("requested_by"),
                RunStatus.valueOf(r.getString("status")), RunStage.valueOf(r.getString("stage")), instant(r, "created_at"),
                instant(r, "updated_at"), instant(r, "finished_at"), r.getString("holder"), r.getInt("attempts"),
                r.getString("base_model"), r.getString("live_version"), r.getLong("dataset_seq"), r.getString("dataset_hash"),
                r.getInt("train_examples"), r.getInt("holdout_examples"), r.getInt("unedited_available"), r.getInt("unedited_used"),
                r.getInt("steps_planned"), r.getInt("steps_done"), r.getInt("resumed_from_step"), number(r, "tokens_per_second"),
                number(r, "training_seconds"), number(r, "evaluation_seconds"), r.getString("candidate_version"),
                r.getString("candidate_sha256"), r.getString("decision"), r.getString("reason"), r.getString("gate_report"),
                r.getString("settings"));
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static Double number(ResultSet r, String column) throws SQLException {
        double v = r.getDouble(column);
        return r.wasNull() ? null : v;
    }
}
