package io.mailtune.ingest.store;

import io.mailtune.core.id.Hashing;
import io.mailtune.core.mail.RawMessageRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Raw messages as content-addressed files ({@code dir/ab/abcdef….eml}): storing the same bytes twice writes once,
 * and a half-written file never takes the final name.
 */
public final class RawMessageStore {

    private final Path dir;
    private final java.util.Set<Path> knownDirs = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A store under the directory, created when missing. */
    public RawMessageStore(Path dir) {
        if (dir == null) {
            throw new IllegalArgumentException("dir is required");
        }
        this.dir = dir.toAbsolutePath();
        try {
            Files.createDirectories(this.dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the raw message store at " + this.dir, e);
        }
    }

    /** Stores the bytes (hash already known) and returns where they are. */
    public RawMessageRef store(byte[] raw, String sha256) {
        Path file = pathOf(sha256);
        try {
            if (!Files.exists(file)) {
                // Known only once created: a thread that finds the shard known may write into it at once.
                if (!knownDirs.contains(file.getParent())) {
                    Files.createDirectories(file.getParent());
                    knownDirs.add(file.getParent());
                }
                Path temp = file.resolveSibling(sha256 + "." + Thread.currentThread().threadId() + ".part");
                Files.write(temp, raw);
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store raw message " + sha256 + " under " + dir, e);
        }
        return new RawMessageRef(sha256, raw.length, file.toUri().toString());
    }

    /** Stores the bytes, hashing them first. */
    public RawMessageRef store(byte[] raw) {
        return store(raw, Hashing.sha256Hex(raw));
    }

    /** Reads a stored message back. */
    public byte[] read(RawMessageRef ref) {
        try {
            return Files.readAllBytes(Path.of(URI.create(ref.location())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read raw message " + ref.sha256() + " at " + ref.location(), e);
        }
    }

    /**
     * Deletes a stored message (an erasure). The file is found by its hash under this store's directory, never by the
     * reference's location, so a reference read back from elsewhere cannot delete anything outside the store.
     *
     * @return whether a file was there
     */
    public boolean delete(RawMessageRef ref) {
        Path file = pathOf(ref.sha256());
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete raw message " + ref.sha256() + " at " + file, e);
        }
    }

    private Path pathOf(String sha256) {
        if (!Hashing.isSha256Hex(sha256)) {
            throw new IllegalArgumentException("not a SHA-256 hex digest: '" + sha256 + "'");
        }
        return dir.resolve(sha256.substring(0, 2)).resolve(sha256 + ".eml");
    }
}
