package io.mailtune.trainer.dataset;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersonalDataTest {

    private final PersonalData scrubber = new PersonalData();

    @Test
    void everyCaseOfTheCorpusIsScrubbedAsExpected() throws IOException {
        List<String> failures = new ArrayList<>();
        int cases = 0;
        try (InputStream in = getClass().getResourceAsStream("/personal-data/corpus.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                cases++;
                String actual = scrubber.scrub(parts[0]);
                if (!actual.equals(parts[1])) {
                    failures.add(parts[0] + "\n   expected: " + parts[1] + "\n   actual:   " + actual);
                }
            }
        }
        assertTrue(cases >= 25, "the corpus has " + cases + " cases");
        assertEquals(List.of(), failures);
    }

    @Test
    void ibanAndCardChecksumsDecide() {
        assertTrue(PersonalData.validIban("DE89370400440532013000"));
        assertTrue(!PersonalData.validIban("DE00123456789012345678"));
        assertTrue(PersonalData.luhn("4111 1111 1111 1111"));
        assertTrue(!PersonalData.luhn("1234 5678 9012 3456"));
    }

    @Test
    void placeholdersAreListedByKind() {
        String scrubbed = scrubber.scrub("mail me at a@b.example or call +44 20 7946 0958");
        assertEquals(List.of(PersonalData.Kind.EMAIL, PersonalData.Kind.PHONE), PersonalData.placeholdersIn(scrubbed));
    }
}
