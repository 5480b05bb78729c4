package io.mailtune.agent.api;

import io.mailtune.agent.privacy.CustomerErasure;
import io.mailtune.agent.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Erasing a customer from the agent's stores (admins only). */
@Path("/api/erasures")
@Produces(MediaType.APPLICATION_JSON)
public class ErasuresResource {

    private final CustomerErasure erasure;

    ErasuresResource(CustomerErasure erasure) {
        this.erasure = erasure;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Erase a customer's emails, drafts, replies, threads and raw messages (admins only)")
    public CustomerErasure.Result erase(Requests.Erasure body) {
        return erasure.erase(body == null ? null : body.address());
    }
}
