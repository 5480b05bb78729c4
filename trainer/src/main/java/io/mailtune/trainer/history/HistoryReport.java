package io.mailtune.trainer.history;

import io.mailtune.trainer.dataset.DropReason;

import java.util.Map;

/**
 * What a history import found and did.
 *
 * @param messages   messages read from the archive
 * @param rejected   messages ingest could not read (recorded by ingest's rules, not imported)
 * @param threads    conversations found
 * @param pairs      customer message → staff reply pairs found
 * @param accepted   pairs taken into the training set
 * @param holdout    of those, on the holdout side
 * @param dropped    pairs not taken, by reason
 */
public record HistoryReport(int messages, int rejected, int threads, int pairs, int accepted, int holdout,
                            Map<DropReason, Integer> dropped) {
}
