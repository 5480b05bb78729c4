package io.mailtune.trainer.registry;

import io.mailtune.core.adapter.AdapterRef;
import io.mailtune.core.adapter.AdapterRolledBack;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Withdraws the live adapter in favour of any earlier published version, or of none (the bare base model): records
 * the change and sends {@link AdapterRolledBack} on {@code mailtune.adapters}, which every agent applies.
 */
public final class Rollback {

    private final AdapterRegistry registry;
    private final AdapterBroadcast broadcast;
    private final Clock clock;

    /** Rollbacks over the registry, sent through the broadcast. */
    public Rollback(AdapterRegistry registry, AdapterBroadcast broadcast, Clock clock) {
        this.registry = registry;
        this.broadcast = broadcast;
        this.clock = clock;
    }

    /**
     * Makes {@code target} live again (empty: the bare base model). Fails, changing nothing, when the target is what
     * is live already, unknown, or was never published.
     */
    public synchronized AdapterChange to(Optional<String> target, String reason, boolean automatic, String requestedBy, Object details) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a rollback needs a reason");
        }
        Optional<String> current = registry.liveVersion();
        if (target.isEmpty() && current.isEmpty()) {
            throw new IllegalStateException("the bare base model is live already: there is nothing to roll back");
        }
        String live = current.orElse(io.mailtune.core.reply.ApprovedReply.BASE_MODEL);
        AdapterRef ref = null;
        if (target.isPresent()) {
            if (target.get().equals(live)) {
                throw new IllegalArgumentException("adapter " + live + " is already live");
            }
            AdapterRecord record = registry.find(target.get()).orElseThrow(() -> new IllegalArgumentException(
                    "no adapter " + target.get() + " in the registry"));
            if (record.location() == null) {
                throw new IllegalArgumentException("adapter " + target.get() + " was never published, so agents cannot fetch it");
            }
            ref = record.ref();
        }
        Instant at = clock.instant();
        broadcast.send(new AdapterRolledBack(AdapterRolledBack.SCHEMA_VERSION, live, ref, reason, at));
        return registry.recordChange("ROLLED_BACK", target.orElse(null), current.orElse(null), reason, automatic, requestedBy,
                details, at);
    }

    /** The version a rollback without a named target goes to: the one live before the current one. */
    public Optional<String> previous() {
        return registry.latestChange().map(AdapterChange::previous);
    }
}
