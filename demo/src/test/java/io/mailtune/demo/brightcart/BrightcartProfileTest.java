package io.mailtune.demo.brightcart;

import io.mailtune.model.draft.CompanyProfile;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BrightcartProfileTest {

    @Test
    void withoutAConfiguredNameTheDemoCompanyIsUsedWhole() {
        CompanyProfile p = BrightcartProfile.unlessConfigured(Optional.empty(), Optional.of("ignored"), Optional.empty(),
                Optional.empty(), Optional.empty());
        assertEquals(BrightcartProfile.profile(), p);
        assertEquals(HouseStyle.DEFAULT.signOff(), p.signature(), "the sign-off of the style the bundled model learnt");
    }

    @Test
    void aConfiguredCompanyTakesNothingFromTheDemo() {
        CompanyProfile p = BrightcartProfile.unlessConfigured(Optional.of("Acme"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
        assertEquals(new CompanyProfile("Acme", "", "", "en", null), p);
    }
}
