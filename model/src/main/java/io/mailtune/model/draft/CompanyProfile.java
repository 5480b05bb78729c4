package io.mailtune.model.draft;

/**
 * The company a draft speaks for, from the deployment's configuration (never a hard-coded demo company).
 *
 * @param name        the company's name as customers know it
 * @param signature   the sign-off block replies end with, e.g. {@code "Kind regards,\nThe Acme Support Team"}
 * @param tone        one sentence on how replies sound, e.g. "warm and brief"; may be empty
 * @param language    the default reply language (BCP 47, e.g. {@code en})
 * @param handOffText what a reply says when a person has to take the email over
 */
public record CompanyProfile(String name, String signature, String tone, String language, String handOffText) {

    /** The hand-off sentence used when the configuration gives none. */
    public static final String DEFAULT_HAND_OFF = "I've passed your message to a colleague who can help with this, and they will get back to you shortly.";

    /** Validates the name; absent optional parts read as empty or their defaults. */
    public CompanyProfile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("company name must not be blank");
        }
        name = name.strip();
        signature = signature == null ? "" : signature.strip();
        tone = tone == null ? "" : tone.strip();
        language = language == null || language.isBlank() ? "en" : language.strip();
        handOffText = handOffText == null || handOffText.isBlank() ? DEFAULT_HAND_OFF : handOffText.strip();
    }
}
