package io.mailtune.demo.synthetic;

import java.util.List;
import java.util.Random;

/**
 * How one company's staff write: a family (neutral, formal, casual) that the company's tone names, and the exact
 * greeting, openings, acknowledgement, closing and sign-off its staff use. Slots: {@code {name}} the customer,
 * {@code {company}} the company.
 *
 * @param family       the family the tone words point to
 * @param greeting     e.g. {@code "Hi {name},"}
 * @param opening      the first line of an answer
 * @param followOpening the first line of an answer to a follow-up
 * @param handOffOpening the first line of a hand-off
 * @param acknowledgement what staff say to an upset customer
 * @param closing      the last line before the sign-off
 * @param signOff      the sign-off block
 */
public record ReplyStyle(Family family, String greeting, String opening, String followOpening, String handOffOpening,
                         String acknowledgement, String closing, String signOff) {

    /** The style families and the tone words that name them. */
    public enum Family {
        /** Plain and friendly. */
        NEUTRAL(List.of("friendly and clear", "helpful and brief", "warm", "clear and friendly")),
        /** Polite and formal. */
        FORMAL(List.of("formal", "polite and formal", "professional and courteous", "formal and precise")),
        /** Relaxed. */
        CASUAL(List.of("casual", "relaxed and upbeat", "chatty and informal", "laid-back"));

        private final List<String> tones;

        Family(List<String> tones) {
            this.tones = tones;
        }

        /** Tone sentences that describe this family. */
        public List<String> tones() {
            return tones;
        }
    }

    /** A company's style drawn from its family's variants. */
    static ReplyStyle draw(Random random, Family family) {
        return switch (family) {
            case NEUTRAL -> new ReplyStyle(family,
                    pick(random, "Hi {name},", "Hi {name},", "Hello {name},"),
                    pick(random, "Thanks for getting in touch.", "Thanks for reaching out.", "Thanks for your email."),
                    pick(random, "Thanks for following up.", "Thanks for getting back to us."),
                    pick(random, "Thanks for your message.", "Thanks for getting in touch."),
                    pick(random, "I'm sorry for the trouble, and I understand how frustrating this is.",
                            "I'm sorry about this, I can see why you're frustrated."),
                    pick(random, "If anything is still unclear, just reply to this email.",
                            "If you have any other questions, just reply to this email.", "Let us know if that doesn't help."),
                    pick(random, "Best regards,\n{company} Support", "Best regards,\nThe {company} Team", "Best,\n{company} Support"));
            case FORMAL -> new ReplyStyle(family,
                    pick(random, "Dear {name},", "Dear {name},", "Good day {name},"),
                    pick(random, "Thank you for contacting us.", "Thank you for your enquiry.", "Thank you for writing to us."),
                    pick(random, "Thank you for your follow-up message.", "Thank you for writing to us again."),
                    pick(random, "Thank you for your message.", "Thank you for contacting us."),
                    pick(random, "I sincerely apologise for the inconvenience this has caused.",
                            "Please accept our apologies for the difficulty you have experienced."),
                    pick(random, "Please do not hesitate to contact us should you have any further questions.",
                            "Should you need any further assistance, please reply to this message."),
                    pick(random, "Kind regards,\nThe {company} Customer Care Team", "Yours sincerely,\n{company} Customer Service",
                            "Kind regards,\n{company} Support"));
            case CASUAL -> new ReplyStyle(family,
                    pick(random, "Hey {name},", "Hey {name}!", "Hi {name}!"),
                    pick(random, "Thanks for the message!", "Great question!", "Thanks for dropping us a line!"),
                    pick(random, "Thanks for coming back to us!", "Good to hear from you again!"),
                    pick(random, "Thanks for the message!", "Thanks for reaching out!"),
                    pick(random, "Sorry about the hassle, that's really annoying.", "Ugh, sorry, that sounds frustrating."),
                    pick(random, "Give us a shout if you need anything else.", "Any other questions, just hit reply!"),
                    pick(random, "Cheers,\nThe {company} Team", "Cheers,\n{company} Support", "Talk soon,\nThe {company} Crew"));
        };
    }

    @SafeVarargs
    static <T> T pick(Random random, T... options) {
        return options[random.nextInt(options.length)];
    }

    static <T> T pick(Random random, List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
