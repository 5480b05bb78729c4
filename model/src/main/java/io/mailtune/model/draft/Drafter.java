package io.mailtune.model.draft;

import io.mailtune.model.runtime.GenerationRequest;
import io.mailtune.model.runtime.Generator;
import io.mailtune.model.tokenizer.ModelTokenizer;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * Writes drafts: builds the prompt with a {@link DraftFormat}, generates on a shared {@link Generator} (continuous
 * batching, bounded queue), and renders the output. Thread-safe; many drafts may be in flight at once.
 */
public final class Drafter {

    private final Generator generator;
    private final ModelTokenizer tokenizer;
    private final DraftFormat format;
    private final DraftSettings settings;

    /** A drafter generating on {@code generator} with the model's tokenizer. */
    public Drafter(Generator generator, ModelTokenizer tokenizer, DraftFormat format, DraftSettings settings) {
        if (generator == null || tokenizer == null || format == null || settings == null) {
            throw new IllegalArgumentException("generator, tokenizer, format and settings are all required");
        }
        this.generator = generator;
        this.tokenizer = tokenizer;
        this.format = format;
        this.settings = settings;
    }

    /** The format this drafter writes in (the trainer builds its examples with the same one). */
    public DraftFormat format() {
        return format;
    }

    /**
     * Starts a draft; the future completes when it is written, or exceptionally when generation failed.
     *
     * @throws RejectedExecutionException when the generator's queue is full (back off and retry)
     */
    public CompletableFuture<GeneratedDraft> draft(DraftInput input) {
        long start = System.nanoTime();
        PromptBudget budget = new PromptBudget(settings.promptTokens(), text -> tokenizer.encode(text).length);
        int[] prompt = tokenizer.encodeChat(format.prompt(input, budget));
        GenerationRequest request = new GenerationRequest(prompt, settings.sampling(), settings.maxNewTokens(), Set.of(),
                format.stopStrings(), null);
        return generator.submit(request).result().thenApply(result -> {
            RenderedDraft rendered = format.render(input, result.text(), budget);
            return new GeneratedDraft(rendered.text(), rendered.handOff(), rendered.cited(), result.text(),
                    result.meanLogProb(), result.promptTokens(), result.tokens().length,
                    Duration.ofNanos(System.nanoTime() - start), result.adapterVersion().orElse(""));
        });
    }
}
