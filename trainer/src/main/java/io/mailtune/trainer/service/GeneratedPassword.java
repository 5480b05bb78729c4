package io.mailtune.trainer.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.logging.Logger;

/** A random admin password generated once and kept in a file only its owner can read. */
final class GeneratedPassword {

    private static final Logger LOG = Logger.getLogger(GeneratedPassword.class.getName());

    private GeneratedPassword() {
    }

    /** The password kept in {@code file}, generated (24 URL-safe characters) and written there when it has none. */
    static String keptIn(Path file) {
        try {
            if (Files.isRegularFile(file) && !Files.readString(file).isBlank()) {
                return Files.readString(file).strip();
            }
            byte[] bytes = new byte[18];
            new SecureRandom().nextBytes(bytes);
            String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            try {
                // Created owner-only, so the password is never readable by others, not even for a moment.
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, value + "\n");
            LOG.warning(() -> "no mailtune.trainer.admin.password configured: generated one in " + file);
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the generated admin password in " + file, e);
        }
    }
}
