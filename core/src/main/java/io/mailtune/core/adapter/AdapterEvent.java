package io.mailtune.core.adapter;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Instant;

/**
 * A change of the live LoRA adapter, as published on {@link io.mailtune.core.contract.Topics#ADAPTERS}. Every agent
 * applies these in order; the latest event names the adapter that drafts.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = AdapterPromoted.class, name = "promoted"),
        @JsonSubTypes.Type(value = AdapterRolledBack.class, name = "rolled-back")
})
public sealed interface AdapterEvent permits AdapterPromoted, AdapterRolledBack {

    /** Version of this contract that wrote the event. */
    int schemaVersion();

    /** The adapter that is live once this event is applied. */
    AdapterRef live();

    /** When the change was decided. */
    Instant at();
}
