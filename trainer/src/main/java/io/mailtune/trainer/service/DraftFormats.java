package io.mailtune.trainer.service;

import io.mailtune.model.draft.DraftFormat;
import io.mailtune.model.draft.ExcerptFormat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The one place the trainer chooses its {@link DraftFormat} ({@code mailtune.trainer.draft.format}): training targets,
 * prompts and evaluation drafts all go through the format produced here, which must be the one the agents draft with.
 */
@ApplicationScoped
public class DraftFormats {

    /** The format used when the configuration names none. */
    public static final String DEFAULT = "excerpt";

    /** The configured format. */
    @Produces
    @ApplicationScoped
    DraftFormat format(TrainerConfig config) {
        return named(config.draft().format());
    }

    /** The format of a configuration name. */
    public static DraftFormat named(String name) {
        return switch (name.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "excerpt" -> new ExcerptFormat();
            default -> throw new IllegalArgumentException("mailtune.trainer.draft.format '" + name + "' is not a draft format;"
                    + " known: excerpt");
        };
    }
}
