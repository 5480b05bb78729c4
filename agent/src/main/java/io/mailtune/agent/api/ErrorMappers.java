package io.mailtune.agent.api;

import io.mailtune.agent.review.DraftNotFoundException;
import io.mailtune.agent.review.VersionConflictException;
import io.mailtune.agent.store.CustomerRecords;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Domain errors as HTTP answers: a stale version or an erasure of mail still on its way out is 409, a missing draft 404, bad input 400. */
public class ErrorMappers {

    @ServerExceptionMapper
    Response conflict(VersionConflictException e) {
        return json(Response.Status.CONFLICT, new ErrorBody(e.getMessage(), e.currentVersion()));
    }

    @ServerExceptionMapper
    Response notFound(DraftNotFoundException e) {
        return json(Response.Status.NOT_FOUND, new ErrorBody(e.getMessage(), null));
    }

    @ServerExceptionMapper
    Response stillInFlight(CustomerRecords.StillInFlight e) {
        return json(Response.Status.CONFLICT, new ErrorBody(e.getMessage(), null));
    }

    @ServerExceptionMapper
    Response badInput(IllegalArgumentException e) {
        return json(Response.Status.BAD_REQUEST, new ErrorBody(e.getMessage(), null));
    }

    private static Response json(Response.Status status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
