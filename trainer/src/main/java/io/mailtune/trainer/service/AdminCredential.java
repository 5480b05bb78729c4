package io.mailtune.trainer.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The admin credential: {@code mailtune.trainer.admin.password} (e.g. from {@code MAILTUNE_TRAINER_ADMIN_PASSWORD}),
 * or, when none is configured, a random one generated at the first start and kept in {@code <data-dir>/admin-password}
 * (readable by the owner only), so a default installation is never open.
 */
@ApplicationScoped
public class AdminCredential {

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
        return GeneratedPassword.keptIn(config.dataDir().toAbsolutePath().resolve("admin-password"));
    }

    /** Settles the password at start, so the file a new installation's banner names is there before any request. */
    void onStart(@Observes StartupEvent event) {
        password();
    }
}
