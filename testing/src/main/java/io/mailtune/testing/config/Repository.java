package io.mailtune.testing.config;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root, found from a module's working directory (the first folder above it with docs/ and pom.xml). */
public final class Repository {

    private Repository() {
    }

    /** The root folder. */
    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isDirectory(dir.resolve("docs")) && Files.isRegularFile(dir.resolve("pom.xml")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no repository root (docs/ and pom.xml) above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
