package io.mailtune.trainer.run;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The base checkpoint adapters are trained on.
 *
 * @param directory the HF checkpoint directory (config.json, model.safetensors, tokenizer.json)
 * @param name      what adapters record as their base ({@code base_model_name_or_path})
 */
public record BaseModel(Path directory, String name) {

    /** Checks the directory holds a checkpoint. */
    public BaseModel {
        if (directory == null || !Files.isRegularFile(directory.resolve("config.json"))) {
            throw new IllegalArgumentException("base model directory " + directory + " has no config.json"
                    + " (mailtune.trainer.model.path)");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the base model needs a name (mailtune.trainer.model.name)");
        }
    }
}
