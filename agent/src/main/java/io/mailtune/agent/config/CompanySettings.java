package io.mailtune.agent.config;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** The company drafts speak for; without a name the demo company (Brightcart) is used. */
@ConfigMapping(prefix = "mailtune.company")
public interface CompanySettings {

    /** The company's name as customers know it. */
    Optional<String> name();

    /** The sign-off block every reply ends with, once. */
    Optional<String> signature();

    /** One sentence on how replies sound. */
    Optional<String> tone();

    /** The default reply language (BCP 47). */
    Optional<String> language();

    /** What a reply says when a person has to take the email over. */
    Optional<String> handOffText();
}
