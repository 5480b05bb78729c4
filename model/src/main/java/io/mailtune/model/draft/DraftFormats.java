package io.mailtune.model.draft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtune.model.runtime.LanguageModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one way services pick the format for a loaded model. A checkpoint trained by Mailtune names its format in
 * {@code config.json} under {@value #CONFIG_KEY}; a checkpoint without the key (a bring-your-own instruct model) gets
 * the same grounded format, whose prompt explains the slots in words and which its chat template carries.
 */
public final class DraftFormats {

    /** The {@code config.json} key naming the format a checkpoint was trained on. */
    public static final String CONFIG_KEY = "mailtune_draft_format";

    private DraftFormats() {
    }

    /** The format to draft with, and to build training examples with, for {@code model}. */
    public static DraftFormat forModel(LanguageModel model) {
        return forCheckpoint(model.directory());
    }

    /** The format for the checkpoint in {@code dir}; a format this version does not know is an error naming it. */
    public static DraftFormat forCheckpoint(Path dir) {
        Path config = dir.resolve("config.json");
        JsonNode node;
        try {
            node = new ObjectMapper().readTree(Files.readString(config));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + config + " to choose the draft format", e);
        }
        String id = node.path(CONFIG_KEY).asText(GroundedFormat.ID);
        if (!id.equals(GroundedFormat.ID)) {
            throw new IllegalArgumentException(config + " names draft format '" + id + "' under " + CONFIG_KEY
                    + ", which this version does not know (known: " + GroundedFormat.ID + ")");
        }
        return new GroundedFormat();
    }
}
