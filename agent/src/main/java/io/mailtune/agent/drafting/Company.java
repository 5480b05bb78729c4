package io.mailtune.agent.drafting;

import io.mailtune.agent.config.CompanySettings;
import io.mailtune.agent.embedded.DemoCompany;
import io.mailtune.model.draft.CompanyProfile;
import jakarta.enterprise.context.ApplicationScoped;

/** The company drafts speak for: from configuration, or the demo company when none is configured. */
@ApplicationScoped
public class Company {

    private final CompanyProfile profile;

    Company(CompanySettings settings) {
        this.profile = settings.name()
                .map(name -> new CompanyProfile(name, settings.signature().orElse(""), settings.tone().orElse(""),
                        settings.language().orElse("en"), settings.handOffText().orElse(null)))
                .orElseGet(DemoCompany::profile);
    }

    /** The profile. */
    public CompanyProfile profile() {
        return profile;
    }
}
