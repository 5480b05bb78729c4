package io.mailtune.agent.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * Signing in (the form posts to Quarkus's form login, which checks the users table) and out (the session cookie is
 * cleared; a CSRF-checked form, so another site cannot sign a reviewer out).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SignInPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signin(boolean failed, boolean signedOut);
    }

    private final SecurityIdentity identity;

    SignInPage(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    @Path("login")
    @PermitAll
    public TemplateInstance signIn(@QueryParam("error") String error, @QueryParam("out") String out) {
        return Templates.signin(error != null, out != null);
    }

    @POST
    @Path("logout")
    @RolesAllowed(io.mailtune.agent.security.Roles.REVIEWER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut() {
        FormAuthenticationMechanism.logout(identity);
        return Response.seeOther(URI.create("/login?out=1")).build();
    }
}
