package io.mailtune.ops.ingest;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real Dovecot (with Postfix) started by the project's script {@code ops/mail-servers/mail-servers.sh}, with the
 * benchmark corpus written straight into the Maildir of user {@code bench}.
 */
final class Dovecot implements AutoCloseable {

    private final Path script;
    private final Path dir;
    private final int imapPort;

    private Dovecot(Path script, Path dir, int imapPort) {
        this.script = script;
        this.dir = dir;
        this.imapPort = imapPort;
    }

    /** Starts the servers and fills the mailbox, or returns null when Dovecot is not installed. */
    static Dovecot startIfInstalled(Path dir, List<byte[]> corpus) throws IOException, InterruptedException {
        Path script = Path.of("ops/mail-servers/mail-servers.sh").toAbsolutePath();
        if (!Files.isExecutable(Path.of("/usr/sbin/dovecot")) || !Files.isRegularFile(script)) {
            return null;
        }
        Dovecot dovecot = new Dovecot(script, dir, freePort());
        dovecot.run("start", dir.toString(), String.valueOf(freePort()), String.valueOf(dovecot.imapPort));
        Path maildir = dir.resolve("mail/bench/Maildir");
        for (String sub : List.of("cur", "new", "tmp")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        long now = System.currentTimeMillis() / 1000;
        for (int i = 0; i < corpus.size(); i++) {
            Files.write(maildir.resolve("new").resolve(now + ".M" + i + "P1.bench,S=" + corpus.get(i).length), corpus.get(i));
        }
        new ProcessBuilder("chown", "-R", "mail:mail", dir.resolve("mail").toString()).inheritIO().start().waitFor();
        return dovecot;
    }

    int imapPort() {
        return imapPort;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("stop", dir.toString());
    }

    private void run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("mail-servers", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("mail-servers.sh " + String.join(" ", args) + " failed:\n" + Files.readString(log));
        }
        Files.delete(log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
