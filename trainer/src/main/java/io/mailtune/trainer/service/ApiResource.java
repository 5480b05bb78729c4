package io.mailtune.trainer.service;

import io.mailtune.trainer.dataset.DatasetStats;
import io.mailtune.trainer.dataset.Erasure;
import io.mailtune.trainer.gate.GateReport;
import io.mailtune.trainer.history.ArchiveFormat;
import io.mailtune.trainer.history.HistoryReport;
import io.mailtune.trainer.live.QualityCheck;
import io.mailtune.trainer.registry.AdapterChange;
import io.mailtune.trainer.registry.AdapterRecord;
import io.mailtune.trainer.run.RunProgress;
import io.mailtune.trainer.run.RunRecord;
import io.mailtune.trainer.run.RunTrigger;
import io.mailtune.trainer.store.Json;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * The trainer's REST API under {@code /api}. Reads are open; everything that changes the trainer is
 * {@link AdminOnly} and takes a JSON body.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class ApiResource {

    @Inject
    TrainerService trainer;

    /** The trainer at a glance. */
    public record Status(String instance, Optional<String> liveAdapter, Optional<String> activeRun, RunView current,
                         DatasetStats dataset, String schedule, int minNewExamples, Optional<QualityCheck> liveQuality,
                         long approvalsRead, long outcomesRead, long malformedSkipped) {
    }

    /** A run with its loss curve and the gate's numbers. */
    public record RunView(RunRecord run, List<RunProgress> progress, GateReport gate) {
    }

    /** The registry and its history. */
    public record Adapters(Optional<String> live, List<AdapterRecord> versions, List<AdapterChange> changes) {
    }

    /** Body of a run request. */
    public record RunRequest(String reason) {
    }

    /** Body of a rollback: a version, or none for the bare base model. */
    public record RollbackRequest(String to, String reason) {
    }

    /** Body of an erasure request. */
    public record ErasureRequest(String address) {
    }

    /** Body of a history import. */
    public record HistoryRequest(String path, String format, List<String> supportAddresses, String mailbox, boolean train) {
    }

    /** A history import's outcome and the run it started, if asked for. */
    public record HistoryResult(HistoryReport report, RunRecord run) {
    }

    @GET
    @Path("/status")
    public Status status() {
        var engine = trainer.engine();
        Optional<String> active = trainer.activeRun().or(() -> engine.parts().runs().unfinished().stream().map(RunRecord::runId).findFirst());
        return new Status(engine.parts().lease().holder(), engine.parts().registry().liveVersion(), active,
                active.map(this::view).orElse(null), trainer.trainingSet().stats(), trainer.config().schedule().cron(),
                trainer.config().schedule().minNewExamples(), trainer.watch().latest(), trainer.approvals().stored(),
                trainer.reviewOutcomes().stored(), trainer.approvals().malformed() + trainer.reviewOutcomes().malformed());
    }

    @GET
    @Path("/runs")
    public List<RunRecord> runs(@QueryParam("limit") Integer limit) {
        return trainer.engine().parts().runs().recent(limit == null ? 50 : limit);
    }

    @GET
    @Path("/runs/{id}")
    public RunView run(@PathParam("id") String id) {
        return view(id);
    }

    @POST
    @Path("/runs")
    @AdminOnly
    @Consumes(MediaType.APPLICATION_JSON)
    public Response startRun(RunRequest request, @Context ContainerRequestContext context) {
        RunRecord run = trainer.startRun(RunTrigger.ON_DEMAND, user(context));
        return Response.status(Response.Status.ACCEPTED).entity(run).build();
    }

    @GET
    @Path("/adapters")
    public Adapters adapters() {
        var registry = trainer.engine().parts().registry();
        return new Adapters(registry.liveVersion(), registry.list(), registry.changes());
    }

    @POST
    @Path("/adapters/rollback")
    @AdminOnly
    @Consumes(MediaType.APPLICATION_JSON)
    public AdapterChange rollback(RollbackRequest request, @Context ContainerRequestContext context) {
        if (request == null) {
            throw new IllegalArgumentException("send {\"to\": \"<version>\" or null, \"reason\": \"...\"}");
        }
        String target = request.to() == null || request.to().isBlank() || request.to().equals("base") ? null : request.to();
        String reason = request.reason() == null || request.reason().isBlank() ? "rolled back by " + user(context) : request.reason();
        return trainer.rollback().to(Optional.ofNullable(target), reason, false, user(context), java.util.Map.of());
    }

    @GET
    @Path("/dataset")
    public DatasetStats dataset() {
        return trainer.trainingSet().stats();
    }

    @GET
    @Path("/erasures")
    public List<Erasure> erasures() {
        return trainer.trainingSet().erasures();
    }

    @POST
    @Path("/erasures")
    @AdminOnly
    @Consumes(MediaType.APPLICATION_JSON)
    public Erasure erase(ErasureRequest request, @Context ContainerRequestContext context) {
        if (request == null || request.address() == null) {
            throw new IllegalArgumentException("send {\"address\": \"customer@example.com\"}");
        }
        return trainer.trainingSet().erase(request.address(), user(context));
    }

    @POST
    @Path("/history/import")
    @AdminOnly
    @Consumes(MediaType.APPLICATION_JSON)
    public HistoryResult importHistory(HistoryRequest request, @Context ContainerRequestContext context) {
        if (request == null || request.path() == null || request.path().isBlank()) {
            throw new IllegalArgumentException("send {\"path\": \"/archives/sent.mbox\", \"format\": \"mbox|maildir|eml\","
                    + " \"supportAddresses\": [\"support@example.com\"], \"train\": true}");
        }
        java.nio.file.Path path = java.nio.file.Path.of(request.path());
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("no mail archive at " + path + " on the trainer's machine");
        }
        ArchiveFormat format = request.format() == null || request.format().isBlank() ? ArchiveFormat.of(path)
                : ArchiveFormat.valueOf(request.format().strip().toUpperCase(java.util.Locale.ROOT));
        String mailbox = request.mailbox() == null || request.mailbox().isBlank() ? trainer.config().history().mailbox() : request.mailbox();
        HistoryReport report = trainer.historyImport(request.supportAddresses()).importArchive(path, format, mailbox);
        RunRecord run = request.train() ? trainer.startRun(RunTrigger.HISTORY, user(context)) : null;
        return new HistoryResult(report, run);
    }

    RunView view(String id) {
        var runs = trainer.engine().parts().runs();
        RunRecord run = runs.find(id).orElseThrow(() -> new NotFoundException("no run " + id));
        GateReport gate = run.gateReport() == null ? null : Json.read(run.gateReport(), GateReport.class);
        return new RunView(run, runs.progress(id), gate);
    }

    private static String user(ContainerRequestContext context) {
        Object user = context.getProperty(AdminAuthFilter.USER);
        return user == null ? "admin" : user.toString();
    }
}
