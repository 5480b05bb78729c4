package io.mailtune.agent.privacy;

import io.mailtune.agent.mail.MailHost;
import io.mailtune.agent.store.CustomerRecords;
import io.mailtune.core.mail.RawMessageRef;
import io.mailtune.ingest.thread.ThreadIndex;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Erases a customer from what this agent stores: their emails, drafts, sent replies and published events (agent
 * database), their threads (ingest database) and the raw originals (raw store). Kafka's topics keep their records
 * until retention ends, and the trainer has an erasure of its own (docs/privacy.md).
 */
@ApplicationScoped
public class CustomerErasure {

    private static final Logger LOG = Logger.getLogger(CustomerErasure.class);

    /**
     * What was removed.
     *
     * @param emails       emails from the customer
     * @param drafts       their drafts
     * @param replies      replies sent to them
     * @param outboxEvents published events of their threads
     * @param threads      conversations the mail gateway forgot
     * @param rawMessages  raw originals deleted
     */
    public record Result(int emails, int drafts, int replies, int outboxEvents, int threads, int rawMessages) {
    }

    private final CustomerRecords records;
    private final MailHost mail;

    CustomerErasure(CustomerRecords records, MailHost mail) {
        this.records = records;
        this.mail = mail;
    }

    /**
     * Erases everything stored about the address; running it again finds nothing more.
     *
     * @throws IllegalArgumentException          when the address is not one
     * @throws CustomerRecords.StillInFlight when a reply or event for them is still on its way out
     */
    public Result erase(String address) {
        if (address == null || !address.strip().matches("[^\\s@]+@[^\\s@]+")) {
            throw new IllegalArgumentException("address must be an email address, e.g. anna@example.com");
        }
        CustomerRecords.Erased erased = records.erase(address);
        int threads = mail.ingestDatabase().inTransaction(c -> ThreadIndex.forgetCustomer(c, address));
        int raw = 0;
        for (RawMessageRef ref : erased.rawMessages()) {
            raw += mail.rawMessages().delete(ref) ? 1 : 0;
        }
        Result result = new Result(erased.emails(), erased.drafts(), erased.replies(), erased.outboxEvents(), threads, raw);
        // The address itself is not logged: the log would keep what the erasure removed.
        LOG.infof("erased a customer: %s", result);
        return result;
    }
}
