package io.mailtune.model.draft;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NameSlotTest {

    @Test
    void theNameInTheGreetingStays() {
        assertEquals("Hi {name},\n\n{1}\n\n{signature}", NameSlot.onlyInGreeting("Hi {name},\n\n{1}\n\n{signature}"));
    }

    @Test
    void aNameSlotBelowTheGreetingGoesWithItsComma() {
        assertEquals("Hi {name},\n\nThanks for getting in touch.\n\nThank you for your patience. {handoff}",
                NameSlot.onlyInGreeting("Hi {name},\n\nThanks for getting in touch. {name},\n\nThank you for your patience. {handoff}"));
        assertEquals("Hi {name},\n\n{2}\n\nHope this helps!", NameSlot.onlyInGreeting("Hi {name},\n\n{2}\n\nHope this helps, {name}!"));
    }
}
