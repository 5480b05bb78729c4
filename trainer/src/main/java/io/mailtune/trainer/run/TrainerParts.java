package io.mailtune.trainer.run;

import io.mailtune.model.draft.CompanyProfile;
import io.mailtune.model.draft.DraftFormat;
import io.mailtune.model.eval.StyleRules;
import io.mailtune.trainer.dataset.TrainingSet;
import io.mailtune.trainer.gate.GateSettings;
import io.mailtune.trainer.gate.RegressionCase;
import io.mailtune.trainer.registry.AdapterBroadcast;
import io.mailtune.trainer.registry.AdapterRegistry;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * Everything a {@link RunEngine} works with, assembled once by the service (or a test) from configuration.
 *
 * @param trainingSet      the dataset
 * @param runs             run records
 * @param registry         the adapter registry
 * @param broadcast        Kafka: adapter files and events
 * @param lease            the one-run-at-a-time lease
 * @param baseModel        the base checkpoint
 * @param format           the draft format (the one injection point: serving and training use the same)
 * @param company          the company profile drafts speak for
 * @param style            the house-style rules the gate checks
 * @param settings         training hyper-parameters
 * @param gate             the gate's settings
 * @param regression       the fixed regression set
 * @param draftPromptTokens most prompt tokens of an evaluation draft
 * @param workRoot         where runs keep checkpoints and candidates
 * @param bootstrapServers Kafka, for fetching a live adapter this instance has no files of
 * @param clock            time
 */
public record TrainerParts(TrainingSet trainingSet, RunStore runs, AdapterRegistry registry, AdapterBroadcast broadcast,
                           Lease lease, BaseModel baseModel, DraftFormat format, CompanyProfile company, StyleRules style,
                           RunSettings settings, GateSettings gate, Supplier<List<RegressionCase>> regression,
                           int draftPromptTokens, Path workRoot, String bootstrapServers, Clock clock) {
}
