package io.mailtune.agent.security;

import java.util.Set;

/** The desk's roles. An admin is also a reviewer. */
public final class Roles {

    /** Works the queue: reads drafts, approves, edits, rejects, regenerates. */
    public static final String REVIEWER = "reviewer";
    /** Everything a reviewer does, and manages users. */
    public static final String ADMIN = "admin";

    private Roles() {
    }

    /** The roles a user of {@code role} holds. */
    public static Set<String> granted(String role) {
        return ADMIN.equals(role) ? Set.of(ADMIN, REVIEWER) : Set.of(REVIEWER);
    }

    /** Validates a role name. */
    public static String require(String role) {
        if (!REVIEWER.equals(role) && !ADMIN.equals(role)) {
            throw new IllegalArgumentException("role must be '" + REVIEWER + "' or '" + ADMIN + "', was '" + role + "'");
        }
        return role;
    }
}
