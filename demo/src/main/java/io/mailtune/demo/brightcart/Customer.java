package io.mailtune.demo.brightcart;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A fictional customer: names from many languages, addresses only under reserved example domains.
 *
 * @param firstName the name a reply greets
 * @param lastName  the family name
 * @param email     the sender address
 */
public record Customer(String firstName, String lastName, String email) {

    private static final List<String> FIRST_NAMES = List.of(
            "Priya", "James", "Sofia", "Liam", "Amara", "Noah", "Chloé", "Mateo", "Hannah", "Yusuf", "Ingrid", "Kwame",
            "Mei", "Oliver", "Fatima", "Lucas", "Aisha", "Jonas", "Elena", "Tomás", "Grace", "Ravi", "Zoe", "Dmitri",
            "Nadia", "Ethan", "Leila", "Finn", "Camille", "Hiroshi", "Emma", "Samuel", "Anouk", "Diego", "Freya",
            "Omar", "Isabel", "Karim", "Lotte", "Marcus", "Ayesha", "Ben", "Julia", "Niamh", "Pavel", "Rosa", "Tariq",
            "Sven", "Maya", "Daniel", "Chen", "Olga", "Patrick", "Sara", "Viktor", "Zainab", "Arjun", "Beatriz",
            "Connor", "Daria");
    private static final List<String> LAST_NAMES = List.of(
            "Shah", "Murphy", "Rossi", "Jansen", "Okafor", "Müller", "Dubois", "García", "Schmidt", "Yilmaz", "Larsen",
            "Mensah", "Wang", "Brown", "Haddad", "Silva", "Khan", "Becker", "Popescu", "Fernández", "Taylor", "Patel",
            "Novak", "Ivanova", "Smith", "de Vries", "Nakamura", "O'Brien", "Kowalski", "Andersson", "Costa", "Lee",
            "Nguyen", "Moreau", "Bakker", "Hughes", "Ali", "Fischer", "Ramos", "Walsh");
    private static final List<String> DOMAINS = List.of(
            "example.com", "example.org", "example.net", "mail.example.com", "post.example.org", "inbox.example.net");

    /** Draws a customer and a plausible personal address. */
    public static Customer draw(Random random) {
        String first = FIRST_NAMES.get(random.nextInt(FIRST_NAMES.size()));
        String last = LAST_NAMES.get(random.nextInt(LAST_NAMES.size()));
        String f = ascii(first);
        String l = ascii(last);
        String local = switch (random.nextInt(5)) {
            case 0 -> f + "." + l;
            case 1 -> f + l + (random.nextInt(90) + 10);
            case 2 -> f.charAt(0) + "." + l;
            case 3 -> f + "_" + l;
            default -> f + (1960 + random.nextInt(45));
        };
        return new Customer(first, last, local + "@" + DOMAINS.get(random.nextInt(DOMAINS.size())));
    }

    /** First and last name as a display name. */
    public String fullName() {
        return firstName + " " + lastName;
    }

    private static String ascii(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
    }
}
