package io.mailtune.demo.brightcart;

import io.mailtune.model.draft.CompanyProfile;

import java.util.Optional;

/**
 * The demo company's profile, which the agent drafts with and the trainer rebuilds its prompts with when no company is
 * configured: both must use the same one, or the trainer trains and gates on prompts the agent never writes.
 */
public final class BrightcartProfile {

    /** The demo company's name. */
    public static final String NAME = "Brightcart";
    /** Its sign-off: that of the house style the bundled model learnt first. */
    public static final String SIGNATURE = "Best regards,\nBrightcart Support";
    /** Its tone line. */
    public static final String TONE = "friendly, clear and brief";

    private BrightcartProfile() {
    }

    /** The demo company's profile. */
    public static CompanyProfile profile() {
        return new CompanyProfile(NAME, SIGNATURE, TONE, "en", null);
    }

    /**
     * The configured company when it has a name (its unset parts empty or their defaults), else the demo company.
     */
    public static CompanyProfile unlessConfigured(Optional<String> name, Optional<String> signature, Optional<String> tone,
                                                  Optional<String> language, Optional<String> handOffText) {
        return name.filter(n -> !n.isBlank())
                .map(n -> new CompanyProfile(n, signature.orElse(""), tone.orElse(""), language.orElse("en"), handOffText.orElse(null)))
                .orElseGet(BrightcartProfile::profile);
    }
}
