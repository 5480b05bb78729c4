package io.mailtune.model.eval;

import java.util.List;

/**
 * Generation metrics of one model (base + adapter) over a holdout set, with per-example scores kept for paired
 * comparison against another model.
 *
 * @param examples              how many cases were scored
 * @param chrF                  mean sentence chrF, 0-100
 * @param styleCompliance       share of drafts meeting every house-style rule, 0-1
 * @param keyInstructionRate    share of cases with a key instruction whose draft contains it, 0-1
 * @param citationAccuracy      share of grounded cases whose draft cited one of the right articles, 0-1
 * @param perExampleChrF        chrF of each case, in input order
 * @param perExampleStyle       1 when the case's draft complied, else 0, in input order
 */
public record HoldoutReport(int examples, double chrF, double styleCompliance, double keyInstructionRate,
                            double citationAccuracy, double[] perExampleChrF, double[] perExampleStyle) {

    /** Scores every example. */
    public static HoldoutReport score(List<HoldoutExample> cases, StyleRules style) {
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("a holdout report needs at least one example");
        }
        int n = cases.size();
        double[] chrF = new double[n];
        double[] styleScores = new double[n];
        int withInstruction = 0, instructionHits = 0, grounded = 0, citationHits = 0;
        for (int i = 0; i < n; i++) {
            HoldoutExample example = cases.get(i);
            chrF[i] = ChrF.STANDARD.score(example.draft(), example.reference());
            styleScores[i] = style.compliant(example.draft()) ? 1 : 0;
            if (example.keyInstruction() != null) {
                withInstruction++;
                if (KeyInstruction.containedIn(example.draft(), example.keyInstruction())) {
                    instructionHits++;
                }
            }
            if (!example.rightArticleIds().isEmpty()) {
                grounded++;
                if (example.citedArticleIds().stream().anyMatch(example.rightArticleIds()::contains)) {
                    citationHits++;
                }
            }
        }
        return new HoldoutReport(n, PairedBootstrap.mean(chrF), PairedBootstrap.mean(styleScores),
                ratio(instructionHits, withInstruction), ratio(citationHits, grounded), chrF, styleScores);
    }

    private static double ratio(int hits, int total) {
        return total == 0 ? Double.NaN : (double) hits / total;
    }
}
