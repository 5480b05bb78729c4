package io.mailtune.demo.recipe;

import io.mailtune.model.train.TrainingResult;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code pretrain --out DIR [--work DIR] [--steps N]}: builds the bundled base model (see {@link Pretraining}).
 * Rerunning with the same work directory resumes an interrupted run.
 */
public final class PretrainCommand {

    private PretrainCommand() {
    }

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        Path out = null;
        Path work = null;
        PretrainRecipe recipe = PretrainRecipe.bundled();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--out" -> out = Path.of(require(args[i], value));
                case "--work" -> work = Path.of(require(args[i], value));
                case "--steps" -> recipe = recipe.withSteps(Integer.parseInt(require(args[i], value)));
                default -> {
                    System.err.println("usage: pretrain --out DIR [--work DIR] [--steps N]");
                    System.exit(2);
                }
            }
            i++;
        }
        if (out == null) {
            System.err.println("usage: pretrain --out DIR [--work DIR] [--steps N]");
            System.exit(2);
        }
        if (work == null) {
            work = out.resolveSibling(out.getFileName() + ".work");
        }
        Pretraining run = new Pretraining(recipe, p -> System.out.println(Instant.now() + " " + p),
                line -> System.out.println(Instant.now() + " " + line));
        TrainingResult result = run.run(out, work);
        System.out.println(Instant.now() + " done: " + result);
    }

    private static String require(String flag, String value) {
        if (value == null) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value;
    }
}
