package io.mailtune.core.adapter;

import io.mailtune.core.contract.Schema;

import java.time.Instant;
import java.util.Map;

/**
 * A newly trained adapter beat the live one on the holdout set and goes live.
 *
 * @param schemaVersion   version of this contract that wrote the event ({@link #SCHEMA_VERSION} today)
 * @param live            the promoted adapter
 * @param previousVersion the adapter it replaces, or null when the base model drafted alone
 * @param holdoutMetrics  the gate's figures, e.g. {@code chrF}, {@code chrF.ciLow}, {@code holdoutLoss}
 * @param trainingExamples how many approved replies it was trained on
 * @param at              when the gate passed
 */
public record AdapterPromoted(
        int schemaVersion,
        AdapterRef live,
        String previousVersion,
        Map<String, Double> holdoutMetrics,
        int trainingExamples,
        Instant at) implements AdapterEvent {

    /** The version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    /** Validates required fields. */
    public AdapterPromoted {
        Schema.requireVersion(schemaVersion, "AdapterPromoted");
        Schema.require(live, "live");
        Schema.require(at, "at");
        holdoutMetrics = Schema.mapOrEmpty(holdoutMetrics);
        if (trainingExamples < 0) {
            throw new IllegalArgumentException("trainingExamples must not be negative, was " + trainingExamples);
        }
    }
}
