package io.mailtune.demo.brightcart;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HouseStyleTest {

    private static final List<SupportCase> CASES = SupportCaseGenerator.demo().generate(DemoSeeds.STYLE_HOLDOUT, 200);

    @Test
    void restylingAGoldReplyMakesTheTicketedCheckerPass() {
        for (SupportCase c : CASES) {
            String restyled = HouseStyle.TICKETED.restyle(c.goldReply(), HouseStyle.DEFAULT, c.ticketNumber());
            assertTrue(HouseStyle.TICKETED.compliance(restyled).passed(), c.caseId() + ":\n" + restyled);
        }
    }

    @Test
    void theDefaultStyleFailsEveryRuleOfTheTicketedChecker() {
        for (SupportCase c : CASES) {
            assertEquals(List.of("greeting", "ticket-reference", "sign-off"),
                    HouseStyle.TICKETED.compliance(c.goldReply()).failedRules(), c.caseId());
        }
    }

    @Test
    void restylingKeepsTheContentAndQuotesTheTicketNumber() {
        SupportCase c = CASES.getFirst();
        String restyled = HouseStyle.TICKETED.restyle(c.goldReply(), HouseStyle.DEFAULT, c.ticketNumber());
        assertEquals(HouseStyle.DEFAULT.parse(c.goldReply()), HouseStyle.TICKETED.parse(restyled));
        assertTrue(restyled.startsWith("Dear " + c.firstName() + ",\n\nThank you for contacting the Brightcart Care Team.\n\n"), restyled);
        assertTrue(restyled.endsWith("Kind regards,\nThe Brightcart Care Team\n"), restyled);
    }

    @Test
    void restylingBackRestoresTheOriginalReply() {
        for (SupportCase c : CASES) {
            String there = HouseStyle.TICKETED.restyle(c.goldReply(), HouseStyle.DEFAULT, c.ticketNumber());
            assertEquals(c.goldReply(), HouseStyle.DEFAULT.restyle(there, HouseStyle.TICKETED, c.ticketNumber()), c.caseId());
        }
    }

    @Test
    void twoHundredStaffEditsComeFromOneCall() {
        List<StyleEdit> edits = SupportCaseGenerator.demo().styleEdits(DemoSeeds.STYLE_SHIFT, 200, HouseStyle.TICKETED);
        assertEquals(200, edits.size());
        assertEquals(0.0, HouseStyle.TICKETED.complianceRate(edits.stream().map(StyleEdit::draft).toList()));
        assertEquals(1.0, HouseStyle.TICKETED.complianceRate(edits.stream().map(StyleEdit::approved).toList()));
        for (StyleEdit edit : edits) {
            assertEquals(HouseStyle.DEFAULT.parse(edit.draft()).body(), HouseStyle.TICKETED.parse(edit.approved()).body());
        }
    }

    @Test
    void onlyTheBrokenRuleIsReported() {
        String reply = HouseStyle.TICKETED.restyle(CASES.getFirst().goldReply(), HouseStyle.DEFAULT, 12345)
                .replace("The Brightcart Care Team", "Brightcart Support");
        assertEquals(List.of("sign-off"), HouseStyle.TICKETED.compliance(reply).failedRules());
    }

    @Test
    void theCheckerToleratesSurroundingWhitespace() {
        String reply = "\n  Dear Zoë,  \n\nThank you for contacting the Brightcart Care Team.\n\nText.\n\n  Kind regards,\nThe Brightcart Care Team  \n\n";
        assertTrue(HouseStyle.TICKETED.compliance(reply).passed());
    }

    @Test
    void parsingAReplyInAnotherStyleSaysWhatIsMissing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HouseStyle.TICKETED.parse(CASES.getFirst().goldReply()));
        assertTrue(e.getMessage().contains("greeting of style 'brightcart-care-formal'"), e.getMessage());
    }

    @Test
    void aGreetingWithoutTheNameSlotIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HouseStyle("x", "Hello,", null, "Bye"));
        assertTrue(e.getMessage().contains("{name}"), e.getMessage());
    }

    @Test
    void aLineUnderTheGreetingMustBeOneNonBlankLine() {
        assertThrows(IllegalArgumentException.class, () -> new HouseStyle("x", "Hi {name},", "Ticket\nreference", "Bye"));
        assertThrows(IllegalArgumentException.class, () -> new HouseStyle("x", "Hi {name},", " ", "Bye"));
    }

    @Test
    void aTicketLineWithTheSlotAcceptsAnyNumber() {
        HouseStyle ticketed = new HouseStyle("t", "Hi {name},", "Ticket #{ticket}", "Bye");
        assertTrue(ticketed.compliance("Hi Ann,\n\nTicket #40312\n\nText.\n\nBye").passed());
    }

    @Test
    void theComplianceRateOfNoTextsIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> HouseStyle.DEFAULT.complianceRate(List.of()));
    }
}
