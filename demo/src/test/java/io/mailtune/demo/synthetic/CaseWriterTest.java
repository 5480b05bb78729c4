package io.mailtune.demo.synthetic;

import io.mailtune.demo.brightcart.CaseKind;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaseWriterTest {

    private final SyntheticCompany company = new CompanyGenerator().company(5, 1);
    private final CaseWriter writer = new CaseWriter();

    @Test
    void aCaseDependsOnlyOnCompanySeedAndIndex() {
        assertEquals(writer.caseAt(company, 9, 4).email(), writer.caseAt(company, 9, 4).email());
    }

    @Test
    void everyKindOfEmailIsWritten() {
        Set<CaseKind> kinds = EnumSet.noneOf(CaseKind.class);
        for (int i = 0; i < 200; i++) {
            kinds.add(writer.caseAt(company, 9, i).kind());
        }
        assertEquals(EnumSet.allOf(CaseKind.class), kinds);
    }

    @Test
    void theReferenceGreetsQuotesEveryInstructionAndSignsWithTheCompany() {
        for (int i = 0; i < 60; i++) {
            SyntheticCase c = writer.caseAt(company, 9, i);
            String reply = c.reference();
            c.keyInstructions().forEach(k -> assertTrue(reply.contains(k), c.caseId() + ": " + reply));
            assertTrue(reply.strip().endsWith(company.signOff()), reply);
            assertEquals(c.handOff(), reply.contains(company.profile().handOffText()), reply);
        }
    }

    @Test
    void aQuestionWhoseInstructionThePromptLacksIsHandedOff() {
        SyntheticCase c = java.util.stream.IntStream.range(0, 100).mapToObj(i -> writer.caseAt(company, 9, i))
                .filter(x -> x.kind() == CaseKind.SINGLE).findFirst().orElseThrow();
        String reply = c.reply(sentence -> false);
        assertTrue(reply.contains(company.profile().handOffText()), reply);
        assertFalse(reply.contains(c.keyInstructions().getFirst()), reply);
    }
}
