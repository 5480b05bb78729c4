package io.mailtune.model.draft;

import io.mailtune.model.tokenizer.ChatMessage;

import java.util.List;

/**
 * How a drafter talks to its model: the prompt it builds from a {@link DraftInput}, how the model's output becomes a
 * reply, and how a reply staff sent becomes the output the model should have written. Serving and training use the
 * same format, so a model is trained on exactly what it later sees.
 */
public interface DraftFormat {

    /** The chat messages for an input, within the budget. */
    List<ChatMessage> prompt(DraftInput input, PromptBudget budget);

    /** The reply the model's raw output stands for. */
    RenderedDraft render(DraftInput input, String modelOutput);

    /**
     * The reply for output the model wrote to {@link #prompt} with this {@code budget}: a format whose prompt leaves
     * sources out to fit the budget renders only what the prompt listed.
     */
    default RenderedDraft render(DraftInput input, String modelOutput, PromptBudget budget) {
        return render(input, modelOutput);
    }

    /** The output the model should produce so that {@link #render} gives {@code sentReply}: a training target. */
    String target(DraftInput input, String sentReply);

    /**
     * The training target for {@code sentReply} when the draft staff edited is known: {@code draftText} as the reviewer
     * saw it and {@code modelOutput}, the model's raw output it was rendered from. A format that can map the edit onto
     * the model's output trains the model on its own output wherever the reviewer kept the draft; this one falls back
     * to {@link #target(DraftInput, String)}.
     */
    default String target(DraftInput input, String sentReply, String draftText, String modelOutput) {
        return target(input, sentReply);
    }

    /** Texts that end the model's output (beyond the tokenizer's end-of-turn tokens). */
    default List<String> stopStrings() {
        return List.of();
    }
}
