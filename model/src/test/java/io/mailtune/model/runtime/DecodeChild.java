package io.mailtune.model.runtime;

import java.nio.file.Path;

/**
 * Loads a checkpoint with default options in its own JVM (started with or without the Vector API module) and
 * greedily generates: {@code DecodeChild <checkpoint dir>}; prints {@code FORMAT <decode format>} and
 * {@code TOKENS <count>}.
 */
public final class DecodeChild {

    private DecodeChild() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        try (LanguageModel model = LanguageModel.load(Path.of(args[0]), LoadOptions.defaults().withoutTokenizer());
             Generator generator = new Generator(model, new AdapterHandle(model), GeneratorOptions.defaults())) {
            GenerationResult r = generator.generate(GenerationRequest.greedy(new int[] {1, 7, 12}, 6));
            System.out.println("FORMAT " + model.decodeFormat());
            System.out.println("TOKENS " + r.tokens().length);
        }
    }
}
