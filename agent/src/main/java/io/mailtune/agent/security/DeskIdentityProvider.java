package io.mailtune.agent.security;

import io.mailtune.agent.store.UserStore;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Signs users in (form login and HTTP basic) against the users table, checking bcrypt hashes. */
@ApplicationScoped
public class DeskIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final UserStore users;

    DeskIdentityProvider(UserStore users) {
        this.users = users;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            String password = new String(request.getPassword().getPassword());
            UserStore.User user = users.find(request.getUsername())
                    .filter(u -> Passwords.matches(password, u.passwordHash()))
                    .orElseThrow(AuthenticationFailedException::new);
            return identity(user);
        });
    }

    static SecurityIdentity identity(UserStore.User user) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user.username()))
                .addRoles(Roles.granted(user.role()))
                .build();
    }
}
