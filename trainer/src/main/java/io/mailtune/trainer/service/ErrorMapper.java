package io.mailtune.trainer.service;

import io.mailtune.trainer.run.RunConflictException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;

/** Precise JSON errors: a bad request is 400, a run already under way or a state that forbids the action 409. */
@Provider
public class ErrorMapper implements ExceptionMapper<RuntimeException> {

    @Override
    public Response toResponse(RuntimeException e) {
        if (e instanceof jakarta.ws.rs.WebApplicationException w) {
            return w.getResponse();
        }
        Response.Status status = e instanceof IllegalArgumentException ? Response.Status.BAD_REQUEST
                : e instanceof RunConflictException || e instanceof IllegalStateException ? Response.Status.CONFLICT
                : Response.Status.INTERNAL_SERVER_ERROR;
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())).build();
    }
}
