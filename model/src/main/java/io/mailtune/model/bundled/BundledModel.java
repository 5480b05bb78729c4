package io.mailtune.model.bundled;

import io.mailtune.core.id.Hashing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The base model the project trains itself (the demo module's {@code PretrainCommand}), shipped inside the model jar under
 * {@value #RESOURCE_FOLDER} so the first run needs no download. The runtime loads checkpoints from a directory, so
 * the files are copied out once into a folder named after the weights' hash and verified against the recipe.
 */
public final class BundledModel {

    /** The bundled model's name as a base model, which adapters trained on it record (agent and trainer agree on it). */
    public static final String NAME = "mailtune-bundled";
    /** Classpath folder of the bundled checkpoint. */
    public static final String RESOURCE_FOLDER = "/io/mailtune/model/bundled/";

    /** Files of the checkpoint, each hashed in {@code recipe.json}. */
    public static final List<String> FILES = List.of("config.json", "generation_config.json", "model.safetensors",
            "tokenizer.json", "tokenizer_config.json");

    private BundledModel() {
    }

    /** Whether this build carries the bundled checkpoint. */
    public static boolean available() {
        return BundledModel.class.getResource(RESOURCE_FOLDER + "recipe.json") != null;
    }

    /**
     * A directory holding the bundled checkpoint, extracted below {@code cacheRoot} on first use; files whose SHA-256
     * differs from the recipe's are rejected.
     */
    public static Path extractTo(Path cacheRoot) {
        if (!available()) {
            throw new IllegalStateException("this build carries no bundled model (" + RESOURCE_FOLDER + " is missing)");
        }
        try {
            String recipe = new String(read("recipe.json"), java.nio.charset.StandardCharsets.UTF_8);
            var hashes = new com.fasterxml.jackson.databind.ObjectMapper().readTree(recipe).path("sha256");
            String weights = hashes.path("model.safetensors").asText();
            Path dir = cacheRoot.resolve("bundled-" + weights.substring(0, 16));
            if (Files.isRegularFile(dir.resolve("recipe.json"))) {
                return dir;
            }
            Path tmp = Files.createDirectories(cacheRoot).resolve("bundled-" + System.nanoTime() + ".tmp");
            Files.createDirectories(tmp);
            List<String> files = new ArrayList<>(FILES);
            for (String f : files) {
                try (InputStream in = open(f)) {
                    Files.copy(in, tmp.resolve(f));
                }
                String actual = Hashing.sha256Hex(tmp.resolve(f));
                if (!actual.equals(hashes.path(f).asText())) {
                    throw new IllegalStateException("bundled " + f + " has SHA-256 " + actual + " but the recipe says "
                            + hashes.path(f).asText());
                }
            }
            Files.writeString(tmp.resolve("recipe.json"), recipe);
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                if (!Files.isRegularFile(dir.resolve("recipe.json"))) {
                    throw raced;
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the bundled model to " + cacheRoot, e);
        }
    }

    private static InputStream open(String file) throws IOException {
        InputStream in = BundledModel.class.getResourceAsStream(RESOURCE_FOLDER + file);
        if (in == null) {
            throw new IOException("bundled model file " + file + " is missing from the classpath");
        }
        return in;
    }

    private static byte[] read(String file) throws IOException {
        try (InputStream in = open(file)) {
            return in.readAllBytes();
        }
    }
}
