package io.mailtune.demo.recipe;

import io.mailtune.model.draft.DraftFormat;
import io.mailtune.model.draft.DraftInput;
import io.mailtune.model.draft.DraftSettings;
import io.mailtune.model.draft.Drafter;
import io.mailtune.model.draft.GeneratedDraft;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.runtime.AdapterHandle;
import io.mailtune.model.runtime.Generator;
import io.mailtune.model.runtime.GeneratorOptions;
import io.mailtune.model.runtime.LanguageModel;
import io.mailtune.model.runtime.SamplingOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Greedy drafts for many inputs with a model and an optional adapter, through the same {@link Drafter} the agent uses. */
public final class DraftRun {

    private DraftRun() {
    }

    /** Drafts every input (concurrently, on one generator) and returns them in input order. */
    public static List<GeneratedDraft> draft(LanguageModel model, LoraAdapter adapter, DraftFormat format,
                                             List<DraftInput> inputs, int maxNewTokens) {
        AdapterHandle handle = new AdapterHandle(model);
        if (adapter != null) {
            handle.install("evaluation-" + System.nanoTime(), adapter);
        }
        DraftSettings settings = new DraftSettings(maxNewTokens, Math.min(model.config().maxPositions(), 4096) - maxNewTokens,
                SamplingOptions.greedy());
        List<GeneratedDraft> out = new ArrayList<>(inputs.size());
        try (Generator generator = new Generator(model, handle, GeneratorOptions.defaults())) {
            Drafter drafter = new Drafter(generator, model.tokenizer().orElseThrow(
                    () -> new IllegalArgumentException("drafting needs a model loaded with its tokenizer")), format, settings);
            List<CompletableFuture<GeneratedDraft>> pending = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                pending.add(drafter.draft(inputs.get(i)));
                if (pending.size() >= 8) {  // keep within the generator's queue
                    out.add(pending.removeFirst().join());
                }
            }
            pending.forEach(f -> out.add(f.join()));
        } finally {
            handle.clear();
        }
        return out;
    }
}
