package org.baton.node.portal.audit;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.baton.ledger.LedgerUnavailableException;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.TimeRange;
import org.baton.ledger.audit.AuditCsv;
import org.baton.ledger.audit.LedgerAudit;
import org.baton.node.portal.i18n.Messages;
import org.baton.node.portal.security.Action;
import org.baton.node.portal.web.BadRequestException;
import org.baton.node.portal.web.Web;
import org.baton.trust.InstitutionId;

/**
 * The auditor's page: the disclosures this node's institution sent or received in a period, each checked against
 * its consent, with what every institution it exchanged with sent and received, and the receipts as CSV.
 */
public final class AuditPages {

    /** Dates are California's. */
    static final ZoneId CALIFORNIA = ZoneId.of("America/Los_Angeles");
    /** The period shown when none is asked for: the last 30 days. */
    static final int DEFAULT_DAYS = 30;
    /** The longest period one page reads. */
    static final int MAX_DAYS = 366;
    /** Findings listed on the page; the CSV has every receipt. */
    static final int MAX_LISTED = 500;

    private final Web web;
    private final AuditDesk desk;
    private final Function<InstitutionId, String> names;
    private final Clock clock;

    public AuditPages(Web web, AuditDesk desk, Function<InstitutionId, String> names, Clock clock) {
        this.web = Objects.requireNonNull(web, "web");
        this.desk = Objects.requireNonNull(desk, "desk");
        this.names = Objects.requireNonNull(names, "names");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void register(RoutesConfig routes) {
        routes.get("/audit", this::page);
        routes.get("/audit.csv", this::csv);
    }

    /**
     * What the page shows.
     *
     * @param from       first day of the period, as the form shows it
     * @param to         last day, included
     * @param within     days a recipient has to acknowledge
     * @param connected  whether the node reads a ledger
     * @param error      the message key of what was wrong with the request or the ledger
     * @param result     the audit, when it ran
     * @param institution the institution audited, by name
     */
    public record AuditPage(String from, String to, int within, boolean connected, Optional<String> error,
                            Optional<Result> result, String institution) {
    }

    /**
     * An audit as the page lists it.
     *
     * @param receipts     receipts checked
     * @param grants       grants read
     * @param accepted     receipts accepted by their recipient
     * @param rejected     receipts rejected by their recipient
     * @param waiting      receipts not acknowledged yet
     * @param kinds        every kind of finding with its count
     * @param institutions each institution with its tally, by name
     * @param findings     the first {@link #MAX_LISTED} findings
     * @param more         findings beyond those
     * @param breaches     findings that are disclosures outside their consent
     * @param csvQuery     the query string of the CSV link for the same period
     */
    public record Result(long receipts, long grants, long accepted, long rejected, long waiting, List<KindCount> kinds,
                         List<InstitutionRow> institutions, List<FindingRow> findings, int more, long breaches,
                         String csvQuery) {
    }

    /** A kind of finding and how many. */
    public record KindCount(LedgerAudit.Kind kind, long count) {
    }

    /** One institution's line: what it sent (by basis) and received. */
    public record InstitutionRow(String id, String name, long sent, List<BasisCount> sentByBasis, long received,
                                 long unacknowledged, long rejected, long grants) {
    }

    /** Receipts sent under one legal basis. */
    public record BasisCount(LegalBasis basis, long count) {
    }

    /** One finding, as a line. */
    public record FindingRow(String recordedAt, String receipt, String sender, String recipient,
                             LedgerAudit.Kind kind, String detail, List<String> facts) {
        public FindingRow {
            facts = List.copyOf(facts);
        }

        /** A finding with its English detail only. */
        public FindingRow(String recordedAt, String receipt, String sender, String recipient, LedgerAudit.Kind kind,
                String detail) {
            this(recordedAt, receipt, sender, recipient, kind, detail, List.of());
        }
    }

    /** How many facts each kind's wording takes ({@link LedgerAudit.Finding#facts()}). */
    private static final Map<LedgerAudit.Kind, Integer> FACTS = Map.of(
            LedgerAudit.Kind.REJECTED, 2, LedgerAudit.Kind.UNACKNOWLEDGED, 4, LedgerAudit.Kind.GRANT_MISSING, 1,
            LedgerAudit.Kind.AFTER_REVOCATION, 3, LedgerAudit.Kind.OUTSIDE_VALIDITY, 4,
            LedgerAudit.Kind.SCOPE_OUTSIDE_GRANT, 3, LedgerAudit.Kind.SENDER_NOT_A_SOURCE, 3,
            LedgerAudit.Kind.RECIPIENT_NOT_GRANTEE, 3);

    /**
     * A finding's detail in the reader's language, from its facts; its English detail when it has none (or not
     * those its kind's wording takes).
     */
    public static String detail(Messages m, FindingRow row) {
        List<String> f = row.facts();
        if (f.size() != FACTS.getOrDefault(row.kind(), -1)) {
            return row.detail();
        }
        String key = "audit.detail." + row.kind().name();
        return switch (row.kind()) {
            case REJECTED -> m.t(key, f.get(0).isEmpty() ? m.t("audit.reason.none")
                    : m.tOrElse("audit.reason." + f.get(0), f.get(0)), time(f.get(1)));
            case UNACKNOWLEDGED -> m.tOrElse(key + "." + f.get(2), "").isEmpty() ? row.detail()
                    : m.t(key + "." + f.get(2), time(f.get(0)), f.get(1), time(f.get(3)));
            case GRANT_MISSING -> m.t(key, f.get(0));
            case AFTER_REVOCATION -> m.t(key, time(f.get(0)), f.get(1), time(f.get(2)));
            case OUTSIDE_VALIDITY -> m.t(key, time(f.get(0)), f.get(1), time(f.get(2)), time(f.get(3)));
            case SCOPE_OUTSIDE_GRANT -> m.t(key, scopes(m, f.get(0)), f.get(1), scopes(m, f.get(2)));
            case SENDER_NOT_A_SOURCE -> m.t(key, f.get(0), f.get(1), f.get(2).isEmpty()
                    ? m.t("audit.sources.every") : f.get(2));
            case RECIPIENT_NOT_GRANTEE -> m.t(key, f.get(0), f.get(1), f.get(2));
        };
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    /** An instant as the page shows times: "2026-02-28 10:00 UTC"; as given when it is not one. */
    private static String time(String instant) {
        try {
            return TIME.format(Instant.parse(instant).atZone(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return instant;
        }
    }

    /** Scope names ("TRANSCRIPT,GPA") in the reader's words. */
    private static String scopes(Messages m, String names) {
        List<String> out = new ArrayList<>();
        for (String name : names.split(",")) {
            if (!name.isEmpty()) {
                out.add(m.tOrElse("scope.SCOPE_" + name, name));
            }
        }
        return String.join("; ", out);
    }

    private record Request(LocalDate from, LocalDate to, int within) {
        TimeRange range() {
            return TimeRange.between(from.atStartOfDay(CALIFORNIA).toInstant(),
                    to.plusDays(1).atStartOfDay(CALIFORNIA).toInstant());
        }

        String query() {
            return "from=" + from + "&to=" + to + "&within=" + within;
        }
    }

    private void page(Context ctx) {
        web.require(ctx, Action.AUDIT_LEDGER, Optional.empty());
        LocalDate today = LocalDate.ofInstant(clock.instant(), CALIFORNIA);
        String institution = names.apply(desk.institution());
        String fromText = Optional.ofNullable(ctx.queryParam("from")).orElse(today.minusDays(DEFAULT_DAYS - 1)
                .toString());
        String toText = Optional.ofNullable(ctx.queryParam("to")).orElse(today.toString());
        String withinText = Optional.ofNullable(ctx.queryParam("within")).orElse("7");
        Parsed parsed = request(fromText, toText, withinText);
        if (parsed.request().isEmpty()) {
            ctx.status(HttpStatus.BAD_REQUEST);
            web.render(ctx, "audit.jte", new AuditPage(fromText, toText, 7, desk.connected(), parsed.error(),
                    Optional.empty(), institution));
            return;
        }
        Request request = parsed.request().get();
        if (!desk.connected()) {
            web.render(ctx, "audit.jte", new AuditPage(fromText, toText, request.within(), false, Optional.empty(),
                    Optional.empty(), institution));
            return;
        }
        LedgerAudit.Report report;
        try {
            report = desk.audit(request.range(), Duration.ofDays(request.within()), clock.instant());
        } catch (LedgerUnavailableException e) {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE);
            web.render(ctx, "audit.jte", new AuditPage(fromText, toText, request.within(), true,
                    Optional.of("audit.error.unavailable"), Optional.empty(), institution));
            return;
        }
        web.render(ctx, "audit.jte", new AuditPage(fromText, toText, request.within(), true, Optional.empty(),
                Optional.of(result(report, request)), institution));
    }

    private void csv(Context ctx) {
        web.require(ctx, Action.AUDIT_LEDGER, Optional.empty());
        Parsed parsed = request(Optional.ofNullable(ctx.queryParam("from")).orElse(""),
                Optional.ofNullable(ctx.queryParam("to")).orElse(""),
                Optional.ofNullable(ctx.queryParam("within")).orElse("7"));
        Request request = parsed.request().orElseThrow(() -> new BadRequestException("from/to/within",
                "is not a period of at most " + MAX_DAYS + " days and 0 to 365 days to acknowledge"));
        if (!desk.connected()) {
            ctx.status(HttpStatus.NOT_FOUND).result("this node reads no ledger");
            return;
        }
        LedgerAudit.Report report;
        try {
            report = desk.audit(request.range(), Duration.ofDays(request.within()), clock.instant());
        } catch (LedgerUnavailableException e) {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).result("the ledger cannot be read; try again later");
            return;
        }
        StringBuilder out = new StringBuilder();
        try {
            AuditCsv.write(report, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
        ctx.header("Content-Disposition", "attachment; filename=\"audit-" + desk.institution().value() + "-"
                + request.from() + "-" + request.to() + ".csv\"");
        ctx.contentType("text/csv; charset=utf-8").result(out.toString());
    }

    /** The request's period and grace days, or the message key of what is wrong with them. */
    private static Parsed request(String from, String to, String within) {
        LocalDate first;
        LocalDate last;
        try {
            first = LocalDate.parse(from);
            last = LocalDate.parse(to);
        } catch (DateTimeParseException e) {
            return Parsed.error("audit.error.dates");
        }
        if (last.isBefore(first) || first.plusDays(MAX_DAYS).isBefore(last)
                || first.isBefore(LocalDate.of(1970, 1, 1))) {
            return Parsed.error("audit.error.dates");
        }
        int days;
        try {
            days = Integer.parseInt(within);
        } catch (NumberFormatException e) {
            return Parsed.error("audit.error.within");
        }
        if (days < 0 || days > 365) {
            return Parsed.error("audit.error.within");
        }
        return new Parsed(Optional.of(new Request(first, last, days)), Optional.empty());
    }

    private record Parsed(Optional<Request> request, Optional<String> error) {
        static Parsed error(String key) {
            return new Parsed(Optional.empty(), Optional.of(key));
        }
    }

    /** A finding's facts with the institutions in them by name. */
    private List<String> named(LedgerAudit.Finding finding) {
        List<String> facts = new ArrayList<>(finding.facts());
        if (facts.size() == 3 && (finding.kind() == LedgerAudit.Kind.SENDER_NOT_A_SOURCE
                || finding.kind() == LedgerAudit.Kind.RECIPIENT_NOT_GRANTEE)) {
            facts.set(0, names.apply(InstitutionId.of(facts.get(0))));
            facts.set(2, facts.get(2).isEmpty() ? "" : Arrays.stream(facts.get(2).split(","))
                    .map(id -> names.apply(InstitutionId.of(id))).collect(Collectors.joining("; ")));
        }
        return facts;
    }

    private Result result(LedgerAudit.Report report, Request request) {
        long rejected = report.countByKind().get(LedgerAudit.Kind.REJECTED);
        List<KindCount> kinds = report.countByKind().entrySet().stream()
                .map(e -> new KindCount(e.getKey(), e.getValue())).toList();
        List<InstitutionRow> institutions = report.byInstitution().entrySet().stream()
                .map(e -> new InstitutionRow(e.getKey().value(), names.apply(e.getKey()), e.getValue().sent(),
                        e.getValue().sentByBasis().entrySet().stream()
                                .map(b -> new BasisCount(b.getKey(), b.getValue())).toList(),
                        e.getValue().received(), e.getValue().unacknowledged(), e.getValue().rejected(),
                        e.getValue().grantsAttested()))
                .toList();
        List<FindingRow> findings = report.findings().stream().limit(MAX_LISTED)
                .map(f -> new FindingRow(f.receipt().recorded().committedAt().toString().replace('T', ' '),
                        f.receipt().id().value(), names.apply(f.receipt().receipt().sender()),
                        names.apply(f.receipt().receipt().recipient()), f.kind(), f.detail(), named(f)))
                .toList();
        long breaches = report.findings().stream().filter(f -> f.kind().breach()).count();
        return new Result(report.receipts().size(), report.grants().size(), report.acknowledged() - rejected, rejected,
                report.receipts().size() - report.acknowledged(), kinds, institutions, findings,
                report.findings().size() - findings.size(), breaches, request.query());
    }
}
