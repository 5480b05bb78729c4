package io.mailtune.core.id;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdsTest {

    @Test
    void newIdsAreVersion7UuidsThatSortByCreationTime() throws InterruptedException {
        String first = Ids.newId();
        Thread.sleep(2);
        String second = Ids.newId();
        assertEquals(7, UUID.fromString(first).version());
        assertEquals(2, UUID.fromString(first).variant());
        assertTrue(first.compareTo(second) < 0, first + " should sort before " + second);
        assertNotEquals(Ids.newId(), Ids.newId());
    }

    @Test
    void blankIdsAreRejectedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ids.requireId(" ", "threadId"));
        assertEquals("threadId must not be blank", e.getMessage());
    }

    @Test
    void sha256MatchesAKnownVector() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hashing.sha256Hex("abc"));
        assertTrue(Hashing.isSha256Hex(Hashing.sha256Hex("abc")));
        assertTrue(!Hashing.isSha256Hex("ABC"));
    }
}
