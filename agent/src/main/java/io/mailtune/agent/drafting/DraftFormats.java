package io.mailtune.agent.drafting;

import io.mailtune.model.draft.DraftFormat;
import io.mailtune.model.draft.ExcerptFormat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The one place the drafting format is chosen: serving and the trainer's examples must use the same one. */
@ApplicationScoped
public class DraftFormats {

    /** The free-text excerpt format, the layout the bundled model was trained on. */
    @Produces
    @ApplicationScoped
    DraftFormat format() {
        return new ExcerptFormat();
    }
}
