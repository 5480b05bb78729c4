package io.mailtune.model.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StyleRulesTest {

    private static final StyleRules STYLE = StyleRules.parse("""
            # greeting, ticket line and sign-off staff use since November
            match ^Dear \\S+,
            match ^Ticket reference: #\\d{5}$
            require Warm regards,
            forbid Cheers
            """);

    @Test
    void aReplyMeetingEveryRuleComplies() {
        String reply = "Dear Ann,\nTicket reference: #12345\nYour parcel ships today.\nWarm  regards,\nThe Acme team";
        assertTrue(STYLE.compliant(reply));
    }

    @Test
    void violationsNameTheBrokenRules() {
        String reply = "Hi Ann,\nYour parcel ships today.\nCheers, the Acme team";
        List<String> broken = STYLE.violations(reply).stream().map(StyleRequirement::describe).toList();
        assertEquals(List.of("match ^Dear \\S+,", "match ^Ticket reference: #\\d{5}$", "require Warm regards,", "forbid Cheers"), broken);
        assertFalse(STYLE.compliant(reply));
    }

    @Test
    void aBadRuleLineIsReportedWithItsLineNumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StyleRules.parse("require Hello\nshout LOUDLY"));
        assertEquals("style rules line 2: unknown style rule kind 'shout' in 'shout LOUDLY': use require, match or forbid", e.getMessage());
    }

    @Test
    void anInvalidPatternIsRejectedWhereItIsDefined() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StyleRules.parse("match ([a-z"));
        assertTrue(e.getMessage().startsWith("style rules line 1: style rule pattern '([a-z' is not a valid regular expression"), e.getMessage());
    }
}
