package io.mailtune.agent.it;

import io.mailtune.testing.PostgresDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** Reads the agents' shared PostgreSQL database directly, as an operator would. */
final class ItDatabase {

    private ItDatabase() {
    }

    /** Draft status by draft id. */
    static Map<String, String> statuses(PostgresDatabase db) throws SQLException {
        return column(db, "SELECT draft_id, status FROM agent_draft");
    }

    /** Drafting attempts by draft id. */
    static Map<String, Integer> attempts(PostgresDatabase db) throws SQLException {
        Map<String, Integer> out = new HashMap<>();
        column(db, "SELECT draft_id, CAST(attempts AS VARCHAR) FROM agent_draft").forEach((k, v) -> out.put(k, Integer.parseInt(v)));
        return out;
    }

    /** The adapter that wrote each draft, by draft id ({@code base} when none was live). */
    static Map<String, String> adapterVersions(PostgresDatabase db) throws SQLException {
        return column(db, "SELECT draft_id, COALESCE(adapter_version, 'base') FROM agent_draft");
    }

    /** Lease owner by draft id, for drafts being written. */
    static Map<String, String> drafting(PostgresDatabase db) throws SQLException {
        return column(db, "SELECT draft_id, lease_owner FROM agent_draft WHERE status = 'DRAFTING'");
    }

    private static Map<String, String> column(PostgresDatabase db, String sql) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.put(r.getString(1), r.getString(2));
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return out; // the agent has not migrated the database yet
            }
            throw e;
        }
        return out;
    }
}
