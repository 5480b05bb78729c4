package io.mailtune.core.adapter;

import io.mailtune.core.contract.Schema;

import java.time.Instant;

/**
 * The live adapter is withdrawn and an earlier one (or the bare base model) drafts again.
 *
 * @param schemaVersion  version of this contract that wrote the event ({@link #SCHEMA_VERSION} today)
 * @param withdrawnVersion the adapter taken out of service
 * @param live           the adapter that drafts from now on, or null for the bare base model
 * @param reason         why, in words a reviewer understands
 * @param at             when it was decided
 */
public record AdapterRolledBack(
        int schemaVersion,
        String withdrawnVersion,
        AdapterRef live,
        String reason,
        Instant at) implements AdapterEvent {

    /** The version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    /** Validates required fields. */
    public AdapterRolledBack {
        Schema.requireVersion(schemaVersion, "AdapterRolledBack");
        if (withdrawnVersion == null || withdrawnVersion.isBlank()) {
            throw new IllegalArgumentException("withdrawnVersion must not be blank");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason must say why the adapter was withdrawn");
        }
        Schema.require(at, "at");
    }
}
