package io.mailtune.agent.store;

import io.mailtune.core.sql.Database;
import io.mailtune.core.sql.DatabaseException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The desk's users: name, password hash (bcrypt, never the password) and role. */
public final class UserStore {

    /**
     * One user.
     *
     * @param username     the sign-in name
     * @param passwordHash the bcrypt hash in modular crypt form
     * @param role         {@code reviewer} or {@code admin}
     */
    public record User(String username, String passwordHash, String role) {
        /** Keeps the hash out of logs. */
        @Override
        public String toString() {
            return "User[" + username + ", " + role + "]";
        }
    }

    private final Database db;
    private final Clock clock;

    /** A store over the database. */
    public UserStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The user with this name. */
    public Optional<User> find(String username) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT username, password_hash, role FROM agent_user WHERE username = ?")) {
                s.setString(1, username);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new User(r.getString(1), r.getString(2), r.getString(3))) : Optional.<User>empty();
                }
            }
        });
    }

    /** Every user, by name. */
    public List<User> all() {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT username, password_hash, role FROM agent_user ORDER BY username");
                 ResultSet r = s.executeQuery()) {
                List<User> out = new ArrayList<>();
                while (r.next()) {
                    out.add(new User(r.getString(1), r.getString(2), r.getString(3)));
                }
                return out;
            }
        });
    }

    /** Creates a user; false when the name is taken (by this or another instance). */
    public boolean create(User user) {
        try {
            return db.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO agent_user (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)")) {
                    s.setString(1, user.username());
                    s.setString(2, user.passwordHash());
                    s.setString(3, user.role());
                    s.setLong(4, clock.millis());
                    return s.executeUpdate() == 1;
                }
            });
        } catch (DatabaseException e) {
            if (e.isUniqueViolation()) {
                return false;
            }
            throw e;
        }
    }

    /** Replaces a user's password hash; false when there is no such user. */
    public boolean setPasswordHash(String username, String passwordHash) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE agent_user SET password_hash = ? WHERE username = ?")) {
                s.setString(1, passwordHash);
                s.setString(2, username);
                return s.executeUpdate() == 1;
            }
        });
    }

    /** How many users exist. */
    public long count() {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM agent_user"); ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        });
    }
}
