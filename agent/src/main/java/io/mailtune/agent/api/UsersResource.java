package io.mailtune.agent.api;

import io.mailtune.agent.security.Passwords;
import io.mailtune.agent.security.Roles;
import io.mailtune.agent.store.UserStore;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.Map;

/** The signed-in user, and user management for admins. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    /**
     * A user without their hash.
     *
     * @param username the sign-in name
     * @param role     reviewer or admin
     */
    public record UserView(String username, String role) {
    }

    private final UserStore users;
    private final SecurityIdentity identity;

    UsersResource(UserStore users, SecurityIdentity identity) {
        this.users = users;
        this.identity = identity;
    }

    @GET
    @Path("/me")
    @RolesAllowed(Roles.REVIEWER)
    @Operation(summary = "Who is signed in, with their roles")
    public Map<String, Object> me() {
        return Map.of("username", identity.getPrincipal().getName(), "roles", identity.getRoles());
    }

    @PUT
    @Path("/me/password")
    @RolesAllowed(Roles.REVIEWER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change one's own password (the current one is required)")
    public Response changePassword(Requests.PasswordChange body) {
        String me = identity.getPrincipal().getName();
        UserStore.User user = users.find(me).orElseThrow();
        if (body == null || !Passwords.matches(body.currentPassword(), user.passwordHash())) {
            throw new IllegalArgumentException("the current password is wrong");
        }
        users.setPasswordHash(me, Passwords.hash(body.newPassword()));
        return Response.noContent().build();
    }

    @GET
    @Path("/users")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Every user (admins only)")
    public List<UserView> list() {
        return users.all().stream().map(u -> new UserView(u.username(), u.role())).toList();
    }

    @POST
    @Path("/users")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a reviewer or admin (admins only)")
    public Response create(Requests.NewUser body) {
        if (body == null || body.username() == null || !body.username().matches("[A-Za-z0-9._@-]{1,200}")) {
            throw new IllegalArgumentException("username must be 1-200 letters, digits, '.', '_', '@' or '-'");
        }
        String hash = Passwords.hash(body.password());
        if (!users.create(new UserStore.User(body.username(), hash, Roles.require(body.role())))) {
            return Response.status(Response.Status.CONFLICT).entity(new ErrorBody("user '" + body.username() + "' exists", null))
                    .type(MediaType.APPLICATION_JSON).build();
        }
        return Response.status(Response.Status.CREATED).entity(new UserView(body.username(), body.role())).build();
    }
}
