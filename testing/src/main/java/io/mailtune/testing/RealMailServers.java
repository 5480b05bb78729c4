package io.mailtune.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real Postfix (SMTP) and Dovecot (IMAP with IDLE, Maildir) on loopback, started by the project's script
 * {@code ops/mail-servers/mail-servers.sh}. Any address {@code @mailtune.test} is a mailbox; every password is
 * {@link #PASSWORD}. Tests that need them are skipped with a clear message where the Debian packages are missing
 * and cannot be installed (not root); {@code .ci/run} installs them, so CI always runs these tests.
 */
public final class RealMailServers implements AutoCloseable {

    /** The domain every test mailbox belongs to. */
    public static final String DOMAIN = "mailtune.test";
    /** The IMAP password of every user. */
    public static final String PASSWORD = "secret";

    private final Path script;
    private final Path dir;
    private final int smtpPort;
    private final int imapPort;

    private RealMailServers(Path script, Path dir, int smtpPort, int imapPort) {
        this.script = script;
        this.dir = dir;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
    }

    /** Starts an instance whose configuration, queues and mailboxes live under {@code dir}. */
    public static RealMailServers start(Path dir) {
        Path script = locateScript();
        Assumptions.assumeTrue(canStart(),
                "Dovecot and Postfix are not installed and this user cannot install them: run 'bash .ci/run' as root or "
                        + script + " install");
        RealMailServers servers = new RealMailServers(script, dir, freePort(), freePort());
        servers.run("start", dir.toString(), String.valueOf(servers.smtpPort), String.valueOf(servers.imapPort));
        return servers;
    }

    /** SMTP port of Postfix on 127.0.0.1. */
    public int smtpPort() {
        return smtpPort;
    }

    /** IMAP port of Dovecot on 127.0.0.1 (plain text; STARTTLS is not offered). */
    public int imapPort() {
        return imapPort;
    }

    /** The address of a test mailbox; its IMAP user name is {@code user}. */
    public static String address(String user) {
        return user + "@" + DOMAIN;
    }

    /** Stops both servers; mailboxes stay on disk under the instance directory. */
    @Override
    public void close() {
        run("stop", dir.toString());
    }

    private void run(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        try {
            Path log = Files.createTempFile("mail-servers", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("mail-servers.sh " + args[0] + " did not finish within 180 s");
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("mail-servers.sh " + String.join(" ", args) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@link #start} can run the servers here (installed, or installable by this user) rather than skip. */
    public static boolean canStart() {
        return installed() || isRoot();
    }

    private static boolean installed() {
        return Files.isExecutable(Path.of("/usr/sbin/dovecot")) && Files.isExecutable(Path.of("/usr/sbin/postfix"))
                && Files.isExecutable(Path.of("/usr/lib/dovecot/lmtp"));
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The script lives at the repository root under ops/; tests run from a module directory. */
    private static Path locateScript() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("ops/mail-servers/mail-servers.sh");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("ops/mail-servers/mail-servers.sh not found above " + Path.of("").toAbsolutePath());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
