package io.mailtune.agent.drafting;

import io.mailtune.agent.config.CompanySettings;
import io.mailtune.demo.brightcart.BrightcartProfile;
import io.mailtune.model.draft.CompanyProfile;
import jakarta.enterprise.context.ApplicationScoped;

/** The company drafts speak for: from configuration, or the demo company when none is configured. */
@ApplicationScoped
public class Company {

    private final CompanyProfile profile;

    Company(CompanySettings settings) {
        this.profile = BrightcartProfile.unlessConfigured(settings.name(), settings.signature(), settings.tone(),
                settings.language(), settings.handOffText());
    }

    /** The profile. */
    public CompanyProfile profile() {
        return profile;
    }
}
