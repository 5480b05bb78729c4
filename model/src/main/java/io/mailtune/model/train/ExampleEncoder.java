package io.mailtune.model.train;

import io.mailtune.model.tokenizer.ModelTokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns supervised examples into training sequences exactly as the runtime will prompt: the chat template's
 * rendering of the prompt (ending with the assistant's opening), then the reply and the end-of-turn token. The
 * prompt and reply are tokenized separately, as at generation time. Reply tokens (and end-of-turn, so the model
 * learns to stop) carry the example's weight; prompt tokens carry {@code promptWeight} (0 for reply-only loss).
 */
public final class ExampleEncoder {

    private final ModelTokenizer tokenizer;
    private final int endOfTurn;
    private final float promptWeight;
    private final int maxTokens;

    /** An encoder; sequences longer than {@code maxTokens} are left out by {@link #encodeAll}. */
    public ExampleEncoder(ModelTokenizer tokenizer, float promptWeight, int maxTokens) {
        if (!(promptWeight >= 0) || Float.isInfinite(promptWeight)) {
            throw new IllegalArgumentException("promptWeight must be finite and >= 0, got " + promptWeight);
        }
        if (maxTokens < 2) {
            throw new IllegalArgumentException("maxTokens must be at least 2, got " + maxTokens);
        }
        this.tokenizer = tokenizer;
        this.endOfTurn = tokenizer.tokenId(tokenizer.template().endOfTurn());
        if (endOfTurn < 0) {
            throw new IllegalArgumentException("the tokenizer has no single token for the template's end of turn '"
                    + tokenizer.template().endOfTurn() + "'");
        }
        this.promptWeight = promptWeight;
        this.maxTokens = maxTokens;
    }

    /** The sequence for one example, whatever its length. */
    public TokenSequence encode(SupervisedExample example) {
        int[] prompt = tokenizer.encodeChat(example.prompt());
        int[] reply = tokenizer.encode(example.reply());
        int n = prompt.length + reply.length + 1;
        int[] tokens = new int[n];
        float[] weights = new float[n];
        System.arraycopy(prompt, 0, tokens, 0, prompt.length);
        System.arraycopy(reply, 0, tokens, prompt.length, reply.length);
        tokens[n - 1] = endOfTurn;
        for (int i = 1; i < prompt.length; i++) {
            weights[i] = promptWeight;
        }
        for (int i = prompt.length; i < n; i++) {
            weights[i] = (float) example.weight();
        }
        return new TokenSequence(tokens, weights);
    }

    /** Encodes every example that fits in {@code maxTokens}; the others are skipped (count them with the size). */
    public List<TokenSequence> encodeAll(List<SupervisedExample> examples) {
        List<TokenSequence> out = new ArrayList<>(examples.size());
        for (SupervisedExample e : examples) {
            TokenSequence s = encode(e);
            if (s.length() <= maxTokens) {
                out.add(s);
            }
        }
        return out;
    }
}
