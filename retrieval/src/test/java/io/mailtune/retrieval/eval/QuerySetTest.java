package io.mailtune.retrieval.eval;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuerySetTest {

    @Test
    void aLineWithoutATabIsAnErrorNamingTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuerySet.parse("q.tsv", "# comment\nrefunds\thow long\nno tab here\n"));
        assertTrue(e.getMessage().startsWith("q.tsv:3:"), e.getMessage());
    }
}
