package io.mailtune.agent.security;

import io.mailtune.agent.config.Secrets;
import io.mailtune.agent.config.SecuritySettings;
import io.mailtune.agent.store.UserStore;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Creates the first admin on the first start (an empty users table), with a generated password printed once to the
 * log; only its bcrypt hash is stored. Several instances starting at once create it once.
 */
@ApplicationScoped
public class FirstAdmin {

    private static final Logger LOG = Logger.getLogger(FirstAdmin.class);

    private final UserStore users;
    private final SecuritySettings settings;

    FirstAdmin(UserStore users, SecuritySettings settings) {
        this.users = users;
        this.settings = settings;
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        if (users.count() > 0) {
            return;
        }
        boolean generated = settings.adminPasswordEnv().isEmpty();
        String password = settings.adminPasswordEnv()
                .map(env -> Secrets.fromEnvironment(env, "mailtune.security.admin-password-env"))
                .orElseGet(Passwords::generate);
        if (users.create(new UserStore.User(settings.adminUser(), Passwords.hash(password), Roles.ADMIN))) {
            if (generated) {
                LOG.infof("created the first admin of the review desk: user '%s', password '%s' (shown once; change it"
                        + " after signing in)", settings.adminUser(), password);
            } else {
                LOG.infof("created the first admin '%s' with the password from %s", settings.adminUser(),
                        settings.adminPasswordEnv().get());
            }
        }
    }
}
