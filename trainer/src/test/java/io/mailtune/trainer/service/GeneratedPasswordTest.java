package io.mailtune.trainer.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratedPasswordTest {

    @TempDir
    Path dir;

    @Test
    void aPasswordIsGeneratedOnceAndKeptWhereOnlyItsOwnerCanReadIt() throws Exception {
        Path file = dir.resolve("trainer/admin-password");
        String first = GeneratedPassword.keptIn(file);
        assertTrue(first.length() >= 24, first);
        assertEquals(first, GeneratedPassword.keptIn(file), "the next start reads the same password");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void anEmptyFileGetsANewPassword() throws Exception {
        Path file = Files.writeString(dir.resolve("admin-password"), "\n");
        String generated = GeneratedPassword.keptIn(file);
        assertNotEquals("", generated);
        assertEquals(generated, Files.readString(file).strip());
    }
}
