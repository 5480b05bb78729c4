package io.mailtune.agent.web;

import io.mailtune.agent.security.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Pictures of the queue and of how reviewers decide, per adapter version. */
@Path("/dashboard")
@RolesAllowed(Roles.REVIEWER)
@Produces(MediaType.TEXT_HTML)
public class DashboardPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(Chrome chrome, Dashboard.Model board);
    }

    private final Dashboard dashboard;
    private final DeskFrame frame;

    DashboardPage(Dashboard dashboard, DeskFrame frame) {
        this.dashboard = dashboard;
        this.frame = frame;
    }

    @GET
    public TemplateInstance view(@QueryParam("range") String range) {
        return Templates.dashboard(frame.chrome("dashboard", "Dashboard"), dashboard.build(Dashboard.Range.of(range)));
    }
}
