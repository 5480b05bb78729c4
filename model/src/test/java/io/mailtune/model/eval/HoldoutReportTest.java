package io.mailtune.model.eval;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HoldoutReportTest {

    @Test
    void scoresEveryMetricOverTheCases() {
        StyleRules style = StyleRules.parse("require Best regards");
        List<HoldoutExample> cases = List.of(
                new HoldoutExample("Go to Settings > Security > Reset password. Best regards", "Go to Settings > Security > Reset password. Best regards",
                        "Go to Settings > Security > Reset password.", Set.of("login"), Set.of("login")),
                new HoldoutExample("Please wait for a colleague.", "A colleague will follow up. Best regards", null, Set.of(), Set.of()),
                new HoldoutExample("Check your spam folder.", "Open Billing > Invoices to download it. Best regards",
                        "Open Billing > Invoices", Set.of("shipping"), Set.of("invoices")));
        HoldoutReport report = HoldoutReport.score(cases, style);
        assertEquals(3, report.examples());
        assertEquals(1.0 / 3, report.styleCompliance(), 1e-9);
        assertEquals(0.5, report.keyInstructionRate(), 1e-9, "one of the two cases with an instruction contains it");
        assertEquals(0.5, report.citationAccuracy(), 1e-9, "one of the two grounded cases cited a right article");
        assertEquals(100.0, report.perExampleChrF()[0], 1e-9);
    }

    @Test
    void keyInstructionsMatchIgnoringCaseWrappingAndFullStop() {
        assertTrue(KeyInstruction.containedIn("please go to settings >\nsecurity > reset password now", "Go to Settings > Security > Reset password."));
        assertFalse(KeyInstruction.containedIn("go to settings", "Go to Settings > Security"));
    }

    @Test
    void perplexityIsTheExponentOfTheMeanTokenLoss() {
        LanguageModelLoss loss = new LanguageModelLoss();
        loss.add(10.0, 5);
        loss.add(2.0, 1);
        assertEquals(2.0, loss.meanLoss(), 1e-12);
        assertEquals(Math.exp(2.0), loss.perplexity(), 1e-9);
        assertThrows(IllegalStateException.class, () -> new LanguageModelLoss().meanLoss());
    }

    @Test
    void anEmptyHoldoutSetIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> HoldoutReport.score(List.of(), new StyleRules(List.of())));
    }
}
