package io.mailtune.trainer.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.logging.Logger;

/**
 * The admin credential: {@code mailtune.trainer.admin.password} (e.g. from {@code MAILTUNE_TRAINER_ADMIN_PASSWORD}),
 * or, when none is configured, a random one generated at the first start and kept in {@code <data-dir>/admin-password}
 * (readable by the owner only), so a default installation is never open.
 */
@ApplicationScoped
public class AdminCredential {

    private static final Logger LOG = Logger.getLogger(AdminCredential.class.getName());

    @Inject
    TrainerConfig config;

    private volatile String password;

    /** The admin user name. */
    public String user() {
        return config.admin().user();
    }

    /** True when {@code user}/{@code candidate} is the admin credential (compared in constant time). */
    public boolean matches(String user, String candidate) {
        return user.equals(user()) && MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8),
                password().getBytes(StandardCharsets.UTF_8));
    }

    /** True when {@code token} is the admin password used as a bearer token. */
    public boolean matchesToken(String token) {
        return MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), password().getBytes(StandardCharsets.UTF_8));
    }

    private String password() {
        String p = password;
        if (p == null) {
            synchronized (this) {
                if (password == null) {
                    password = config.admin().password().filter(s -> !s.isBlank()).orElseGet(this::generated);
                }
                p = password;
            }
        }
        return p;
    }

    private String generated() {
        Path file = config.dataDir().toAbsolutePath().resolve("admin-password");
        boolean existed = Files.isRegularFile(file) && file.toFile().length() > 1;
        String value = GeneratedPassword.keptIn(file);
        if (!existed) {
            LOG.warning(() -> "no mailtune.trainer.admin.password configured: generated one in " + file);
        }
        return value;
    }

    /** Settles the password at start, so the file a new installation's banner names is there before any request. */
    void onStart(@Observes StartupEvent event) {
        password();
    }
}
