package io.mailtune.demo.brightcart;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The generator's knobs.
 *
 * @param typoRate     probability that a customer's word of four or more letters carries one typo
 * @param kindWeights  relative frequency of each {@link CaseKind}; missing kinds never occur
 * @param maxQuestions the most questions in one {@link CaseKind#MULTI_QUESTION} email, 2 or 3
 * @param style        the house style gold replies are written in
 */
public record GeneratorSettings(double typoRate, Map<CaseKind, Double> kindWeights, int maxQuestions, HouseStyle style) {

    /** Validates ranges; at least one kind must have a positive weight. */
    public GeneratorSettings {
        if (!(typoRate >= 0.0 && typoRate <= 1.0)) {
            throw new IllegalArgumentException("typoRate must be within [0, 1], got " + typoRate);
        }
        if (kindWeights == null || kindWeights.isEmpty()) {
            throw new IllegalArgumentException("kindWeights must name at least one kind");
        }
        EnumMap<CaseKind, Double> copy = new EnumMap<>(CaseKind.class);
        double total = 0;
        for (Map.Entry<CaseKind, Double> weight : kindWeights.entrySet()) {
            double w = weight.getValue() == null ? Double.NaN : weight.getValue();
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weight of " + weight.getKey() + " must be finite and >= 0, got " + w);
            }
            copy.put(weight.getKey(), w);
            total += w;
        }
        if (total <= 0) {
            throw new IllegalArgumentException("kind weights must not all be zero");
        }
        kindWeights = Collections.unmodifiableMap(copy);
        if (maxQuestions < 2 || maxQuestions > 3) {
            throw new IllegalArgumentException("maxQuestions must be 2 or 3, got " + maxQuestions);
        }
        if (style == null) {
            throw new IllegalArgumentException("style must not be null");
        }
    }

    /** Half single questions, the rest spread over the harder shapes; 3 % typos; two questions at most; default style. */
    public static GeneratorSettings defaults() {
        EnumMap<CaseKind, Double> weights = new EnumMap<>(CaseKind.class);
        weights.put(CaseKind.SINGLE, 0.50);
        weights.put(CaseKind.MULTI_QUESTION, 0.15);
        weights.put(CaseKind.FOLLOW_UP, 0.10);
        weights.put(CaseKind.ANGRY, 0.15);
        weights.put(CaseKind.HAND_OFF, 0.10);
        return new GeneratorSettings(0.03, weights, 2, HouseStyle.DEFAULT);
    }

    /** The same settings with another typo rate. */
    public GeneratorSettings withTypoRate(double rate) {
        return new GeneratorSettings(rate, kindWeights, maxQuestions, style);
    }

    /** The same settings with other kind weights. */
    public GeneratorSettings withKindWeights(Map<CaseKind, Double> weights) {
        return new GeneratorSettings(typoRate, weights, maxQuestions, style);
    }

    /** The same settings with another maximum number of questions per email. */
    public GeneratorSettings withMaxQuestions(int max) {
        return new GeneratorSettings(typoRate, kindWeights, max, style);
    }

    /** The same settings writing gold replies in another house style. */
    public GeneratorSettings withStyle(HouseStyle houseStyle) {
        return new GeneratorSettings(typoRate, kindWeights, maxQuestions, houseStyle);
    }
}
