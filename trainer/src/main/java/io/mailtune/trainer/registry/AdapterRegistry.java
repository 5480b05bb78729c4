package io.mailtune.trainer.registry;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mailtune.core.id.Ids;
import io.mailtune.core.sql.Database;
import io.mailtune.trainer.store.Json;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The adapter registry: immutable versions named by the hash of their weights, each with its base model, dataset
 * snapshot, metrics and time, and the history of which one was live. Files live under {@code root/<version>/}, written
 * once. A version's name is never given to other weights (the name is the weights' hash, and a hash seen before is
 * refused as a new version).
 */
public final class AdapterRegistry {

    private static final TypeReference<Map<String, Double>> METRICS = new TypeReference<>() { };

    private final Database db;
    private final Path root;
    private final Clock clock;

    /** A registry in {@code db} with files under {@code root}. */
    public AdapterRegistry(Database db, Path root, Clock clock) {
        this.db = db;
        this.root = root;
        this.clock = clock;
    }

    /** The directory of a version's files. */
    public Path directory(String version) {
        return root.resolve(io.mailtune.core.adapter.AdapterFiles.requireSafeVersion(version));
    }

    /** Registers a new version; a version or weights hash already registered is refused. */
    public AdapterRecord register(String sha256, String baseModel, String runId, String datasetHash, int examples,
                                  Map<String, Double> metrics) {
        String version = AdapterRecord.versionFor(sha256);
        Optional<AdapterRecord> existing = find(version);
        if (existing.isPresent()) {
            throw new IllegalStateException("adapter " + version + " (the same weights) is already registered, from run "
                    + existing.get().runId() + "; a version is never reused");
        }
        Instant now = clock.instant();
        db.update("INSERT INTO trainer_adapter (version, sha256, base_model, run_id, dataset_hash, examples, metrics, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", version, sha256, baseModel, runId, datasetHash, examples,
                Json.write(metrics), now.toEpochMilli());
        return find(version).orElseThrow();
    }

    /** Records where a version's files were published. */
    public void published(String version, String location) {
        db.update("UPDATE trainer_adapter SET location = ?, published_at = ? WHERE version = ?", location, clock.millis(), version);
    }

    /** A version by name. */
    public Optional<AdapterRecord> find(String version) {
        return db.first("SELECT * FROM trainer_adapter WHERE version = ?", AdapterRegistry::read, version);
    }

    /** A version by its weights hash. */
    public Optional<AdapterRecord> bySha(String sha256) {
        return db.first("SELECT * FROM trainer_adapter WHERE sha256 = ?", AdapterRegistry::read, sha256);
    }

    /** Every version, newest first. */
    public List<AdapterRecord> list() {
        return db.list("SELECT * FROM trainer_adapter ORDER BY created_at DESC, version", AdapterRegistry::read);
    }

    /** The live adapter's version, or empty for the bare base model. */
    public Optional<String> liveVersion() {
        return latestChange().map(AdapterChange::liveVersion);
    }

    /** The live adapter, or empty for the bare base model. */
    public Optional<AdapterRecord> live() {
        return liveVersion().flatMap(this::find);
    }

    /** The most recent change of the live adapter. */
    public Optional<AdapterChange> latestChange() {
        return db.first("SELECT * FROM trainer_adapter_change ORDER BY at DESC, change_id DESC", AdapterRegistry::readChange);
    }

    /** Every change, newest first. */
    public List<AdapterChange> changes() {
        return db.list("SELECT * FROM trainer_adapter_change ORDER BY at DESC, change_id DESC", AdapterRegistry::readChange);
    }

    /** Records a change of the live adapter. */
    public AdapterChange recordChange(String kind, String liveVersion, String previous, String reason, boolean automatic,
                                      String requestedBy, Object details, Instant at) {
        String id = Ids.newId();
        db.update("INSERT INTO trainer_adapter_change (change_id, kind, live_version, previous, reason, automatic, requested_by, at, details)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, kind, liveVersion, previous, reason, automatic, requestedBy,
                at.toEpochMilli(), Json.write(details));
        return latestChange().orElseThrow();
    }

    /** When {@code version} last went live, if it ever did. */
    public Optional<Instant> promotedAt(String version) {
        return db.first("SELECT at FROM trainer_adapter_change WHERE kind = 'PROMOTED' AND live_version = ? ORDER BY at DESC",
                r -> Instant.ofEpochMilli(r.getLong(1)), version);
    }

    private static AdapterRecord read(ResultSet r) throws SQLException {
        long published = r.getLong("published_at");
        boolean wasPublished = !r.wasNull();
        return new AdapterRecord(r.getString("version"), r.getString("sha256"), r.getString("base_model"), r.getString("run_id"),
                r.getString("dataset_hash"), r.getInt("examples"), Json.read(r.getString("metrics"), METRICS),
                Instant.ofEpochMilli(r.getLong("created_at")), r.getString("location"),
                wasPublished ? Instant.ofEpochMilli(published) : null);
    }

    private static AdapterChange readChange(ResultSet r) throws SQLException {
        return new AdapterChange(r.getString("change_id"), r.getString("kind"), r.getString("live_version"),
                r.getString("previous"), r.getString("reason"), r.getBoolean("automatic"), r.getString("requested_by"),
                Instant.ofEpochMilli(r.getLong("at")), r.getString("details"));
    }
}
