package io.mailtune.agent.store;

import io.mailtune.core.contract.EventCodec;
import io.mailtune.core.mail.InboundEmail;
import io.mailtune.core.mail.RawMessageRef;
import io.mailtune.core.sql.Database;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** What the agent's database holds about one customer, found by their address, and its erasure. */
public final class CustomerRecords {

    /** The customer's emails; every other table hangs off these. */
    private static final String EMAILS = "SELECT email_id FROM agent_email WHERE LOWER(from_address) = ?";
    private static final String THREADS = "SELECT thread_id FROM agent_email WHERE LOWER(from_address) = ?";
    private static final String DRAFTS = "SELECT draft_id FROM agent_draft WHERE email_id IN (" + EMAILS + ")";

    /**
     * What one erasure removed from the agent's database.
     *
     * @param emails       the customer's emails
     * @param drafts       their drafts (with the text staff sent and the prompt's passages and history)
     * @param replies      the replies sent to them
     * @param outboxEvents the published events of their threads
     * @param rawMessages  where the emails' raw originals are kept, for the caller to delete
     */
    public record Erased(int emails, int drafts, int replies, int outboxEvents, List<RawMessageRef> rawMessages) {
    }

    /** An erasure refused because something for the customer is still on its way out; nothing was removed. */
    public static final class StillInFlight extends RuntimeException {

        StillInFlight(String message) {
            super(message);
        }
    }

    private final Database db;

    /** The records over the agent's database. */
    public CustomerRecords(Database db) {
        this.db = db;
    }

    /**
     * Removes the customer's emails and everything that hangs off them, in one transaction.
     *
     * @param address the customer's address, matched case-insensitively
     * @throws StillInFlight when a reply to them is still being sent or an event of their threads is not yet on Kafka
     */
    public Erased erase(String address) {
        String key = address.strip().toLowerCase(Locale.ROOT);
        return db.inTransaction(c -> {
            long sending = Database.scalar(c, "SELECT COUNT(*) FROM agent_reply WHERE status = 'PENDING' AND draft_id IN ("
                    + DRAFTS + ")", key);
            long unpublished = Database.scalar(c, "SELECT COUNT(*) FROM agent_outbox WHERE published_at IS NULL AND event_key IN ("
                    + THREADS + ")", key);
            if (sending > 0 || unpublished > 0) {
                throw new StillInFlight(sending + " repl" + (sending == 1 ? "y" : "ies") + " to this customer still being sent and "
                        + unpublished + " event(s) of their threads not yet on Kafka: erase again once they are out (usually seconds)");
            }
            List<RawMessageRef> raw = Database.list(c, "SELECT email_json FROM agent_email WHERE LOWER(from_address) = ?",
                    r -> EventCodec.decode(r.getString(1).getBytes(StandardCharsets.UTF_8), InboundEmail.class).raw(), key);
            int replies = Database.update(c, "DELETE FROM agent_reply WHERE draft_id IN (" + DRAFTS + ")", key);
            Database.update(c, "DELETE FROM agent_presence WHERE draft_id IN (" + DRAFTS + ")", key);
            int outbox = Database.update(c, "DELETE FROM agent_outbox WHERE event_key IN (" + THREADS + ")", key);
            int drafts = Database.update(c, "DELETE FROM agent_draft WHERE email_id IN (" + EMAILS + ")", key);
            int emails = Database.update(c, "DELETE FROM agent_email WHERE LOWER(from_address) = ?", key);
            return new Erased(emails, drafts, replies, outbox, raw);
        });
    }
}
