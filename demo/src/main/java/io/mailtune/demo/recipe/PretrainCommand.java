package io.mailtune.demo.recipe;

import io.mailtune.model.train.TrainingResult;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code pretrain --out DIR [--work DIR] [--steps N] [--export-snapshot NOTE]}: builds the bundled drafter (see
 * {@link Pretraining}). Rerunning with the same work directory resumes an interrupted run; {@code --export-snapshot}
 * writes the best weights of the work directory's last snapshot instead of training on (a run stopped early).
 */
public final class PretrainCommand {

    private PretrainCommand() {
    }

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        Path out = null;
        Path work = null;
        String exportNote = null;
        PretrainRecipe recipe = PretrainRecipe.bundled();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--out" -> out = Path.of(require(args[i], value));
                case "--work" -> work = Path.of(require(args[i], value));
                case "--steps" -> recipe = recipe.withSteps(Integer.parseInt(require(args[i], value)));
                case "--export-snapshot" -> {
                    exportNote = require(args[i], value);
                }
                default -> {
                    System.err.println("usage: pretrain --out DIR [--work DIR] [--steps N] [--export-snapshot NOTE]");
                    System.exit(2);
                }
            }
            i++;
        }
        if (out == null) {
            System.err.println("usage: pretrain --out DIR [--work DIR] [--steps N] [--export-snapshot NOTE]");
            System.exit(2);
        }
        if (work == null) {
            work = out.resolveSibling(out.getFileName() + ".work");
        }
        Pretraining run = new Pretraining(recipe, p -> System.out.println(Instant.now() + " " + p),
                line -> System.out.println(Instant.now() + " " + line));
        if (exportNote != null) {
            run.exportSnapshot(out, work, exportNote);
            System.out.println(Instant.now() + " exported the last snapshot of " + work + " to " + out);
            return;
        }
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
