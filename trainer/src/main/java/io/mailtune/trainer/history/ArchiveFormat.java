package io.mailtune.trainer.history;

/** The mail archive formats a history import reads (through {@code ingest}'s readers). */
public enum ArchiveFormat {
    /** One mbox file (mboxo/mboxrd). */
    MBOX,
    /** A Maildir folder (cur/ and new/). */
    MAILDIR,
    /** One .eml file or a folder of them. */
    EML;

    /** The format of a path: a Maildir when it has cur/ or new/, .eml files or a folder of them, else mbox. */
    public static ArchiveFormat of(java.nio.file.Path path) {
        if (java.nio.file.Files.isDirectory(path)) {
            return java.nio.file.Files.isDirectory(path.resolve("cur")) || java.nio.file.Files.isDirectory(path.resolve("new"))
                    ? MAILDIR : EML;
        }
        return path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".eml") ? EML : MBOX;
    }
}
