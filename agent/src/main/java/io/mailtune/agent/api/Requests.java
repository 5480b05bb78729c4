package io.mailtune.agent.api;

/** Request bodies of the review API. */
public final class Requests {

    private Requests() {
    }

    /**
     * Approve a draft, as drafted or edited.
     *
     * @param version the draft version the reviewer saw
     * @param text    the reply to send when edited; null or absent sends the draft as written
     */
    public record Approve(long version, String text) {
    }

    /**
     * Reject a draft.
     *
     * @param version the draft version the reviewer saw
     * @param reason  why (required)
     */
    public record Reject(long version, String reason) {
    }

    /**
     * Write a draft again.
     *
     * @param version the draft version the reviewer saw
     */
    public record Regenerate(long version) {
    }

    /**
     * Create a user (admins only).
     *
     * @param username the sign-in name
     * @param password at least 10 characters
     * @param role     {@code reviewer} or {@code admin}
     */
    public record NewUser(String username, String password, String role) {
    }

    /**
     * Change one's own password.
     *
     * @param currentPassword the password now
     * @param newPassword     at least 10 characters
     */
    public record PasswordChange(String currentPassword, String newPassword) {
    }

    /**
     * Erase a customer (admins only).
     *
     * @param address the customer's email address, matched case-insensitively
     */
    public record Erasure(String address) {
    }
}
