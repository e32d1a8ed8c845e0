package org.baton.node.portal.registrar;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.baton.node.portal.security.Action;
import org.baton.node.portal.web.NotFoundException;
import org.baton.node.portal.web.Web;

/**
 * The registrar's pages: imports with their reports, exchanges, the data-quality work queue, and the Cal Grant GPA
 * batch with opt-outs.
 */
public final class RegistrarPages {

    /** California's academic year starts on July 1; the Cal Grant upload is for this year's seniors. */
    private static final java.time.ZoneId CALIFORNIA = java.time.ZoneId.of("America/Los_Angeles");

    private final Web web;
    private final RegistrarDesk desk;
    private final java.time.Clock clock;

    public RegistrarPages(Web web, RegistrarDesk desk, java.time.Clock clock) {
        this.web = Objects.requireNonNull(web, "web");
        this.desk = Objects.requireNonNull(desk, "desk");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void register(RoutesConfig routes) {
        routes.get("/registrar/imports", ctx -> {
            web.require(ctx, Action.VIEW_IMPORTS, Optional.empty());
            web.render(ctx, "registrar/imports.jte", new Imports(desk.imports()));
        });
        routes.get("/registrar/imports/{run}", ctx -> {
            web.require(ctx, Action.VIEW_IMPORTS, Optional.empty());
            String id = ctx.pathParam("run");
            RegistrarDesk.ImportRun run = (id.length() <= 100 ? desk.importRun(id) : Optional.<RegistrarDesk.ImportRun>empty())
                    .orElseThrow(() -> new NotFoundException("import run"));
            web.render(ctx, "registrar/import.jte", run);
        });
        routes.get("/registrar/exchanges", ctx -> {
            web.require(ctx, Action.VIEW_EXCHANGES, Optional.empty());
            web.render(ctx, "registrar/exchanges.jte", new Exchanges(desk.exchanges()));
        });
        routes.get("/registrar/data-quality", ctx -> {
            web.require(ctx, Action.VIEW_DATA_QUALITY, Optional.empty());
            web.render(ctx, "registrar/quality.jte", new Findings(desk.findings()));
        });
        routes.get("/registrar/cal-grant", ctx -> {
            web.require(ctx, Action.CAL_GRANT_UPLOAD, Optional.empty());
            calGrantPage(ctx, Optional.empty(), Optional.empty());
        });
        routes.post("/registrar/cal-grant/upload", ctx -> {
            web.require(ctx, Action.CAL_GRANT_UPLOAD, Optional.empty());
            int year = academicYear();
            try {
                Optional<RegistrarDesk.CalGrantUpload> done = desk.uploadCalGrant(year);
                calGrantPage(ctx, done, done.isEmpty() ? Optional.of("calgrant.upload.unavailable") : Optional.empty());
            } catch (CalGrantUploadRefusedException e) {
                calGrantPage(ctx, Optional.empty(), Optional.of("calgrant.upload.refused"));
            }
        });
        routes.get("/registrar/cal-grant.txt", this::calGrantFile);
    }

    /**
     * Import runs.
     *
     * @param runs newest first
     */
    public record Imports(List<RegistrarDesk.ImportRun> runs) {
    }

    /**
     * Exchanges.
     *
     * @param exchanges newest first
     */
    public record Exchanges(List<RegistrarDesk.Exchange> exchanges) {
    }

    /**
     * The data-quality work queue.
     *
     * @param findings newest first
     */
    public record Findings(List<RegistrarDesk.Finding> findings) {
    }

    /**
     * The Cal Grant batch.
     *
     * @param rows         seniors
     * @param included     how many go into the upload (not opted out, GPA computable)
     * @param academicYear the academic year an upload now is for (first calendar year)
     * @param upload       what an upload just did
     * @param error        message key, when an upload could not run
     */
    public record CalGrant(List<RegistrarDesk.CalGrantRow> rows, long included, int academicYear,
                           Optional<RegistrarDesk.CalGrantUpload> upload, Optional<String> error) {
    }

    private void calGrantPage(Context ctx, Optional<RegistrarDesk.CalGrantUpload> upload, Optional<String> error) {
        List<RegistrarDesk.CalGrantRow> rows = desk.calGrantBatch();
        web.render(ctx, "registrar/cal-grant.jte", new CalGrant(rows,
                rows.stream().filter(r -> !r.optedOut() && r.gpa().isPresent()).count(), academicYear(), upload,
                error));
    }

    /** The academic year now (first calendar year), in California. */
    private int academicYear() {
        java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(CALIFORNIA));
        return today.getMonthValue() >= 7 ? today.getYear() : today.getYear() - 1;
    }

    /** The upload file: one line per included senior (student reference and GPA), opt-outs left out. */
    private void calGrantFile(Context ctx) {
        web.require(ctx, Action.CAL_GRANT_UPLOAD, Optional.empty());
        StringBuilder out = new StringBuilder();
        for (RegistrarDesk.CalGrantRow r : desk.calGrantBatch()) {
            if (!r.optedOut() && r.gpa().isPresent()) {
                out.append(r.student().value()).append('\t').append(r.gpa().get()).append("\r\n");
            }
        }
        ctx.header("Content-Disposition", "attachment; filename=\"cal-grant-gpa.txt\"");
        ctx.contentType("text/plain; charset=utf-8").result(out.toString());
    }
}
