package org.baton.node.portal.registrar;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.baton.node.portal.security.Action;
import org.baton.node.portal.security.Principal;
import org.baton.node.portal.web.BadRequestException;
import org.baton.node.portal.web.NotFoundException;
import org.baton.node.portal.web.Web;
import org.baton.node.quality.DataQuality;
import org.baton.node.quality.QualityRule;
import org.baton.node.student.StudentId;

/**
 * The registrar's pages: imports with their reports, exchanges, the data-quality work queue (the rules' findings,
 * discrepancy reports to answer or file, identity mismatches), and the Cal Grant GPA batch with opt-outs.
 */
public final class RegistrarPages {

    /** California's academic year starts on July 1; the Cal Grant upload is for this year's seniors. */
    private static final java.time.ZoneId CALIFORNIA = java.time.ZoneId.of("America/Los_Angeles");

    /** What a data-quality form did ({@code done=}), and why one was refused ({@code error=}). */
    private static final Set<String> QUALITY_DONE = Set.of("dismissed", "reopened", "gone");
    private static final Set<String> REPORTS_DONE = Set.of("reported", "resent", "closed", "asked");
    private static final Set<String> ERRORS = Set.of("reason", "empty", "unreachable", "refused", "grant", "gone",
            "noexchange");
    /** The pages a data-quality form may return to. */
    private static final Pattern BACK =
            Pattern.compile("/registrar/data-quality\\?(rule=[A-Z_]{1,40}&)?(dismissed=1&)?page=[0-9]{1,6}");
    /** The pages of received packages' findings a form may return to. */
    private static final Pattern RECEIVED_BACK =
            Pattern.compile("/registrar/data-quality/received\\?(dismissed=1&)?page=[0-9]{1,6}");
    /** A received package's entry in the queue. */
    private static final Pattern ENTRY = Pattern.compile("[0-9]{19}/[0-9a-f]{32}");
    /** A finding's fingerprint or a report's id. */
    private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{32}");

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
            qualityPage(ctx, done(ctx), error(ctx));
        });
        routes.post("/registrar/data-quality/dismiss", ctx -> {
            Principal who = web.require(ctx, Action.RESOLVE_DATA_QUALITY, Optional.empty());
            StudentId student = Web.studentId(Web.field(ctx, "student", 20))
                    .orElseThrow(() -> new BadRequestException("student", "is not a student id"));
            String finding = fingerprint(ctx);
            dismiss(ctx, back(ctx), reason -> desk.dismissFinding(student, finding, reason, who.displayName()));
        });
        routes.post("/registrar/data-quality/reopen", ctx -> {
            web.require(ctx, Action.RESOLVE_DATA_QUALITY, Optional.empty());
            reopen(ctx, back(ctx), desk.reopenFinding(fingerprint(ctx)));
        });
        routes.get("/registrar/data-quality/received", ctx -> {
            web.require(ctx, Action.VIEW_DATA_QUALITY, Optional.empty());
            boolean dismissed = "1".equals(ctx.queryParam("dismissed"));
            String pageText = ctx.queryParam("page");
            int page = pageText != null && pageText.matches("[0-9]{1,5}") ? Integer.parseInt(pageText) : 0;
            web.render(ctx, "registrar/received-quality.jte",
                    new ReceivedQuality(desk.receivedQuality(dismissed, page), done(ctx), error(ctx)));
        });
        routes.post("/registrar/data-quality/received/dismiss", ctx -> {
            Principal who = web.require(ctx, Action.RESOLVE_DATA_QUALITY, Optional.empty());
            String entry = Web.field(ctx, "entry", 52);
            if (!ENTRY.matcher(entry).matches()) {
                throw new BadRequestException("entry", "is not a received package's entry");
            }
            String finding = fingerprint(ctx);
            dismiss(ctx, receivedBack(ctx), reason -> desk.dismissReceived(entry, finding, reason, who.displayName()));
        });
        routes.post("/registrar/data-quality/received/reopen", ctx -> {
            web.require(ctx, Action.RESOLVE_DATA_QUALITY, Optional.empty());
            reopen(ctx, receivedBack(ctx), desk.reopenReceived(fingerprint(ctx)));
        });
        routes.post("/registrar/reports", ctx -> {
            Principal who = web.require(ctx, Action.RESOLVE_DATA_QUALITY, Optional.empty());
            String pkg = Web.field(ctx, "package", 32);
            String text = Web.raw(ctx, "text", 2_000);
            RegistrarDesk.ReportOutcome outcome = desk.reportDiscrepancy(pkg, text, who.displayName());
            String back = ctx.formParam("back");
            if (back != null && RECEIVED_BACK.matcher(back).matches()) {
                ctx.redirect(back + "&" + reportQuery(outcome, "reported"), HttpStatus.SEE_OTHER);
                return;
            }
            reportDone(ctx, outcome, "reported");
        });
        routes.post("/registrar/reports/{report}/resend", ctx -> {
            Principal who = web.require(ctx, Action.RESOLVE_DATA_QUALITY, Optional.empty());
            reportDone(ctx, desk.resendForReport(reportId(ctx), who.displayName()), "resent");
        });
        routes.post("/registrar/reports/{report}/refresh", ctx -> {
            web.require(ctx, Action.RESOLVE_DATA_QUALITY, Optional.empty());
            reportDone(ctx, desk.refreshReport(reportId(ctx)), "asked");
        });
        routes.post("/registrar/reports/{report}/close", ctx -> {
            Principal who = web.require(ctx, Action.RESOLVE_DATA_QUALITY, Optional.empty());
            String note = Web.raw(ctx, "note", 2_000);
            reportDone(ctx, desk.closeReport(reportId(ctx), note, who.displayName()), "closed");
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
     * The data-quality page: the rules' findings and the exchange's identity mismatches.
     *
     * @param page one page of the rules' findings, with the counts per rule
     * @param mismatches identity mismatches, newest first
     * @param reports discrepancy reports sent and received, newest first
     * @param others how many findings the rules found in records other institutions sent (counts only)
     * @param notice message key of what a form just did
     * @param error message key of why a form was refused
     */
    public record Quality(RegistrarDesk.QualityPage page, List<RegistrarDesk.Finding> mismatches,
                          List<RegistrarDesk.Report> reports, RegistrarDesk.ReceivedPage others,
                          Optional<String> notice, Optional<String> error) {

        /** Reports other institutions sent this node. */
        public List<RegistrarDesk.Report> received() {
            return reports.stream().filter(r -> !r.sent()).toList();
        }

        /** Reports this node sent. */
        public List<RegistrarDesk.Report> sent() {
            return reports.stream().filter(RegistrarDesk.Report::sent).toList();
        }

        /** The query naming the page's rule, with its trailing {@code &}; empty for every rule. */
        public String ruleQuery() {
            return page.rule().map(r -> "rule=" + r.name() + "&").orElse("");
        }

        /** This page's address, for a form to come back to. */
        public String back() {
            return "/registrar/data-quality?" + ruleQuery() + (page.dismissed() ? "dismissed=1&" : "")
                    + "page=" + page.page();
        }
    }

    /**
     * What the data-quality rules found in records other institutions sent.
     *
     * @param page one page of the findings, with the counts
     * @param notice message key of what a form just did
     * @param error message key of why a form was refused
     */
    public record ReceivedQuality(RegistrarDesk.ReceivedPage page, Optional<String> notice, Optional<String> error) {

        /** This page's address, for a form to come back to. */
        public String back() {
            return "/registrar/data-quality/received?" + (page.dismissed() ? "dismissed=1&" : "") + "page="
                    + page.page();
        }
    }

    /** The message key of what a data-quality form just did ({@code done=}), if the page was told. */
    private static Optional<String> done(Context ctx) {
        return Optional.ofNullable(ctx.queryParam("done"))
                .filter(d -> QUALITY_DONE.contains(d) || REPORTS_DONE.contains(d))
                .map(d -> (QUALITY_DONE.contains(d) ? "quality.done." : "reports.done.") + d);
    }

    /** The message key of why a data-quality form was refused ({@code error=}), if the page was told. */
    private static Optional<String> error(Context ctx) {
        return Optional.ofNullable(ctx.queryParam("error")).filter(ERRORS::contains)
                .map(e -> e.equals("reason") ? "quality.error.reason" : "reports.error." + e);
    }

    /** After a report action: back to the data-quality page, saying what happened. */
    private static void reportDone(Context ctx, RegistrarDesk.ReportOutcome outcome, String done) {
        ctx.redirect("/registrar/data-quality?page=0&" + reportQuery(outcome, done) + "#reports",
                HttpStatus.SEE_OTHER);
    }

    private static String reportQuery(RegistrarDesk.ReportOutcome outcome, String done) {
        return switch (outcome) {
            case DONE -> "done=" + done;
            case EMPTY -> "error=empty";
            case UNREACHABLE -> "error=unreachable";
            case REFUSED -> "error=refused";
            case GRANT_ENDED -> "error=grant";
            case GONE -> "error=gone";
            case NO_EXCHANGE -> "error=noexchange";
        };
    }

    /** Where a form on the received packages' page returns to, with room for one more parameter. */
    private static String receivedBack(Context ctx) {
        String back = ctx.formParam("back");
        return (back != null && RECEIVED_BACK.matcher(back).matches() ? back
                : "/registrar/data-quality/received?page=0") + "&";
    }

    private static String reportId(Context ctx) {
        String id = ctx.pathParam("report");
        if (!HEX_ID.matcher(id).matches()) {
            throw new BadRequestException("report", "is not a report id");
        }
        return id;
    }

    private void qualityPage(Context ctx, Optional<String> notice, Optional<String> error) {
        Optional<QualityRule> rule = Optional.ofNullable(ctx.queryParam("rule")).flatMap(QualityRule::named);
        boolean dismissed = "1".equals(ctx.queryParam("dismissed"));
        String pageText = ctx.queryParam("page");
        int page = pageText != null && pageText.matches("[0-9]{1,5}") ? Integer.parseInt(pageText) : 0;
        web.render(ctx, "registrar/quality.jte", new Quality(desk.quality(rule, dismissed, page), desk.findings(),
                desk.reports(), desk.receivedSummary(), notice, error));
    }

    /** Where a data-quality form returns to: the page it was on, with room for one more parameter. */
    private static String back(Context ctx) {
        String back = ctx.formParam("back");
        return (back != null && BACK.matcher(back).matches() ? back : "/registrar/data-quality?page=0") + "&";
    }

    /** Dismisses with the posted reason (one is required) and goes back to the page, saying how it went. */
    private static void dismiss(Context ctx, String back, Predicate<String> dismissWith) {
        String reason = Web.raw(ctx, "reason", DataQuality.MAX_REASON).strip();
        if (reason.isEmpty()) {
            ctx.redirect(back + "error=reason", HttpStatus.SEE_OTHER);
            return;
        }
        ctx.redirect(back + (dismissWith.test(reason) ? "done=dismissed" : "done=gone"), HttpStatus.SEE_OTHER);
    }

    /** Goes back to the page, saying whether the finding was opened again. */
    private static void reopen(Context ctx, String back, boolean reopened) {
        ctx.redirect(back + (reopened ? "done=reopened" : "done=gone"), HttpStatus.SEE_OTHER);
    }

    private static String fingerprint(Context ctx) {
        String finding = Web.field(ctx, "finding", 32);
        if (!HEX_ID.matcher(finding).matches()) {
            throw new BadRequestException("finding", "is not a finding's fingerprint");
        }
        return finding;
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
