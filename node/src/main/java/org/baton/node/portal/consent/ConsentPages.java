package org.baton.node.portal.consent;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.baton.node.portal.security.Action;
import org.baton.node.portal.security.Principal;
import org.baton.node.portal.student.StudentAccess;
import org.baton.node.portal.student.StudentFile;
import org.baton.node.portal.student.StudentHeader;
import org.baton.node.portal.web.NotFoundException;
import org.baton.node.portal.web.Web;
import org.baton.node.student.Ssid;
import org.baton.proto.v1.Purpose;
import org.baton.proto.v1.Scope;
import org.baton.trust.InstitutionId;

/**
 * Consent pages: the student's grants with one-step revocation, the grant form with a plain-language summary to
 * confirm, and the access log with requests for a copy of what was disclosed.
 */
public final class ConsentPages {

    /** The scopes offered on the form, in this order. */
    public static final List<Scope> SCOPES = List.of(Scope.SCOPE_TRANSCRIPT, Scope.SCOPE_AG_STATUS, Scope.SCOPE_GPA,
            Scope.SCOPE_FINANCIAL_AID_STATUS, Scope.SCOPE_AWARDS, Scope.SCOPE_LEARNING_ARTIFACTS,
            Scope.SCOPE_COLLEGE_APPLICATIONS, Scope.SCOPE_ELIGIBILITY_FOSTER_YOUTH, Scope.SCOPE_ELIGIBILITY_CALFRESH,
            Scope.SCOPE_ELIGIBILITY_CALWORKS, Scope.SCOPE_ELIGIBILITY_MEDI_CAL);
    /** The purposes offered on the form. */
    public static final List<Purpose> PURPOSES = List.of(Purpose.PURPOSE_ADMISSION, Purpose.PURPOSE_FINANCIAL_AID,
            Purpose.PURPOSE_TRANSFER, Purpose.PURPOSE_ENROLLMENT, Purpose.PURPOSE_SUPPORT_SERVICES,
            Purpose.PURPOSE_COUNSELING);
    private static final int MAX_YEARS = 5;
    /** The source choice that means every school and college the student attended. */
    public static final String EVERY_ATTENDED = "attended";

    private final Web web;
    private final StudentAccess access;
    private final ConsentDesk desk;

    public ConsentPages(Web web, StudentAccess access, ConsentDesk desk) {
        this.web = Objects.requireNonNull(web, "web");
        this.access = Objects.requireNonNull(access, "access");
        this.desk = Objects.requireNonNull(desk, "desk");
    }

    public void register(RoutesConfig routes) {
        routes.get("/students/{student}/consent", this::list);
        routes.get("/students/{student}/consent/new", ctx -> {
            StudentFile file = access.open(ctx, Action.GRANT_CONSENT);
            if (unavailable(ctx, file, "tab.consent")) {
                return;
            }
            web.render(ctx, "consent/form.jte", form(ctx, file, Draft.empty(), Optional.empty()));
        });
        routes.post("/students/{student}/consent/review", this::review);
        routes.post("/students/{student}/consent", this::confirm);
        routes.post("/students/{student}/consent/{grant}/revoke", this::revoke);
        routes.get("/students/{student}/access-log", this::accessLog);
        routes.post("/students/{student}/access-log/{disclosure}/copy", this::requestCopy);
    }

    /**
     * The grants page.
     *
     * @param header student header
     * @param grants the student's grants
     */
    public record ListPage(StudentHeader header, List<GrantView> grants) {
    }

    /**
     * The page a node without consent wiring shows instead of its consent pages.
     *
     * @param header student header
     */
    public record UnavailablePage(StudentHeader header) {
    }

    /** Renders the "not available on this node yet" page (503) when the desk is not connected. */
    /**
     * A consent names the student on the ledger by a commitment to their SSID: a record without a valid one cannot
     * be consented for, whatever the form says. The message key saying so, when it is missing.
     */
    private static Optional<String> withoutSsid(StudentFile file) {
        try {
            Ssid.of(file.local().getStudent().getSsid());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("consent.error.nossid");
        }
    }

    private boolean unavailable(Context ctx, StudentFile file, String tab) {
        if (desk.connected()) {
            return false;
        }
        ctx.status(HttpStatus.SERVICE_UNAVAILABLE);
        web.render(ctx, "consent/unavailable.jte", new UnavailablePage(access.header(ctx, file, tab)));
        return true;
    }

    private void list(Context ctx) {
        StudentFile file = access.open(ctx, Action.GRANT_CONSENT);
        if (unavailable(ctx, file, "tab.consent")) {
            return;
        }
        web.render(ctx, "consent/list.jte", new ListPage(access.header(ctx, file, "tab.consent"),
                desk.grants(file.ref())));
    }

    /**
     * A grant being drafted, as typed.
     *
     * @param scopes    scope names ticked
     * @param purpose   purpose name
     * @param recipient recipient id
     * @param sources   source ids ticked
     * @param until     date as typed
     */
    public record Draft(Set<String> scopes, String purpose, String recipient, Set<String> sources, String until) {
        public Draft {
            scopes = Set.copyOf(scopes);
            sources = Set.copyOf(sources);
        }

        static Draft empty() {
            return new Draft(Set.of(), "", "", Set.of(), "");
        }
    }

    /**
     * The grant form.
     *
     * @param header       student header
     * @param draft        values typed so far
     * @param scopes       scopes offered
     * @param purposes     purposes offered
     * @param institutions consortium members
     * @param error        message key of the problem, if any
     * @param minDate      earliest end date (tomorrow)
     * @param maxDate      latest end date
     */
    public record FormPage(StudentHeader header, Draft draft, List<Scope> scopes, List<Purpose> purposes,
                           List<Institution> institutions, Optional<String> error, String minDate, String maxDate) {
    }

    private FormPage form(Context ctx, StudentFile file, Draft draft, Optional<String> error) {
        LocalDate today = access.today();
        return new FormPage(access.header(ctx, file, "tab.consent"), draft, SCOPES, PURPOSES, desk.institutions(),
                error, today.plusDays(1).toString(), today.plusYears(MAX_YEARS).toString());
    }

    /**
     * The summary to confirm.
     *
     * @param header    student header
     * @param draft     the values, carried in hidden fields
     * @param request   the parsed request
     * @param recipient recipient name
     * @param sources   source names
     * @param attended  for a consent from every school attended: the schools this node's records name
     * @param grantor   who is granting (a guardian for a minor, or the eligible student)
     */
    public record ReviewPage(StudentHeader header, Draft draft, GrantRequest request, String recipient,
                             List<String> sources, List<String> attended, String grantor) {
    }

    private Draft draft(Context ctx) {
        return new Draft(new TreeSet<>(limited(ctx.formParams("scope"))), Web.raw(ctx, "purpose", 40),
                Web.raw(ctx, "recipient", 20), new TreeSet<>(limited(ctx.formParams("source"))),
                Web.raw(ctx, "until", 10));
    }

    private static List<String> limited(List<String> values) {
        if (values.size() > 50 || values.stream().anyMatch(v -> v.length() > 40)) {
            throw new org.baton.node.portal.web.BadRequestException("scope/source", "has too many or too long values");
        }
        return values;
    }

    /** Parses a draft, or names the message key of the first problem. */
    private Result parse(Draft d) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String s : d.scopes()) {
            Scope scope = SCOPES.stream().filter(x -> x.name().equals(s)).findFirst().orElse(null);
            if (scope == null) {
                return Result.error("consent.error.scopes");
            }
            scopes.add(scope);
        }
        if (scopes.isEmpty()) {
            return Result.error("consent.error.scopes");
        }
        Purpose purpose = PURPOSES.stream().filter(p -> p.name().equals(d.purpose())).findFirst().orElse(null);
        if (purpose == null) {
            return Result.error("consent.error.purpose");
        }
        Set<InstitutionId> known = desk.institutions().stream().map(Institution::id).collect(Collectors.toSet());
        Optional<InstitutionId> recipient = institution(d.recipient()).filter(known::contains);
        if (recipient.isEmpty()) {
            return Result.error("consent.error.recipient");
        }
        // Either every school attended (as this node's records show) or schools by name, not both.
        boolean everyAttended = d.sources().contains(EVERY_ATTENDED);
        if (everyAttended && d.sources().size() > 1) {
            return Result.error("consent.error.attended");
        }
        TreeSet<InstitutionId> sources = new TreeSet<>();
        for (String s : everyAttended ? Set.<String>of() : d.sources()) {
            Optional<InstitutionId> id = institution(s).filter(known::contains);
            if (id.isEmpty()) {
                return Result.error("consent.error.sources");
            }
            sources.add(id.get());
        }
        if ((!everyAttended && sources.isEmpty()) || sources.contains(recipient.get())) {
            return Result.error("consent.error.sources");
        }
        LocalDate until;
        try {
            until = LocalDate.parse(d.until());
        } catch (DateTimeParseException e) {
            return Result.error("consent.error.until");
        }
        if (!until.isAfter(access.today()) || until.isAfter(access.today().plusYears(MAX_YEARS))) {
            return Result.error("consent.error.until");
        }
        return new Result(Optional.of(
                new GrantRequest(scopes, purpose, recipient.get(), sources, everyAttended, until)),
                Optional.empty());
    }

    private record Result(Optional<GrantRequest> request, Optional<String> error) {
        static Result error(String key) {
            return new Result(Optional.empty(), Optional.of(key));
        }
    }

    private static Optional<InstitutionId> institution(String value) {
        try {
            return Optional.of(InstitutionId.of(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private void review(Context ctx) {
        StudentFile file = access.open(ctx, Action.GRANT_CONSENT);
        if (unavailable(ctx, file, "tab.consent")) {
            return;
        }
        Draft d = draft(ctx);
        Result r = parse(d);
        Optional<String> refused = r.error().or(() -> withoutSsid(file));
        if (refused.isPresent()) {
            ctx.status(HttpStatus.BAD_REQUEST);
            web.render(ctx, "consent/form.jte", form(ctx, file, d, refused));
            return;
        }
        GrantRequest req = r.request().orElseThrow();
        Map<InstitutionId, String> names = desk.institutions().stream()
                .collect(Collectors.toMap(Institution::id, Institution::name, (a, b) -> a));
        Principal who = web.principal(ctx);
        List<String> sources = new ArrayList<>();
        req.sources().forEach(s -> sources.add(names.get(s)));
        List<String> attended = List.of();
        if (req.everyAttended()) {
            sources.add(web.messages(ctx).t("consent.attended.sentence"));
            // Who that is, by this node's records, before the student confirms.
            Optional<String> problem;
            try {
                attended = desk.attended(file.ref(), req.recipient()).stream().map(Institution::name).toList();
                problem = attended.isEmpty() ? Optional.of("consent.error.attended.none") : Optional.empty();
            } catch (TooManySchoolsException e) {
                problem = Optional.of("consent.error.attended.many");
            }
            if (problem.isPresent()) {
                ctx.status(HttpStatus.BAD_REQUEST);
                web.render(ctx, "consent/form.jte", form(ctx, file, d, problem));
                return;
            }
        }
        web.render(ctx, "consent/review.jte", new ReviewPage(access.header(ctx, file, "tab.consent"), d, req,
                names.get(req.recipient()), sources, attended, who.displayName()));
    }

    private void confirm(Context ctx) {
        StudentFile file = access.open(ctx, Action.GRANT_CONSENT);
        if (unavailable(ctx, file, "tab.consent")) {
            return;
        }
        Draft d = draft(ctx);
        Result r = parse(d);
        Optional<String> refused = r.error().or(() -> withoutSsid(file));
        if (refused.isPresent()) {
            ctx.status(HttpStatus.BAD_REQUEST);
            web.render(ctx, "consent/form.jte", form(ctx, file, d, refused));
            return;
        }
        try {
            desk.grant(file.ref(), r.request().orElseThrow(), web.principal(ctx).account());
        } catch (TooManySchoolsException e) {
            // The records changed between the review and the confirmation.
            ctx.status(HttpStatus.BAD_REQUEST);
            web.render(ctx, "consent/form.jte", form(ctx, file, d, Optional.of("consent.error.attended.many")));
            return;
        } catch (ConsentRejectedException e) {
            ctx.status(HttpStatus.CONFLICT);
            web.render(ctx, "consent/form.jte", form(ctx, file, d, Optional.of("consent.error.rejected")));
            return;
        }
        ctx.redirect("/students/" + file.ref().value() + "/consent?notice=consent-granted", HttpStatus.SEE_OTHER);
    }

    private void revoke(Context ctx) {
        StudentFile file = access.open(ctx, Action.REVOKE_CONSENT);
        if (unavailable(ctx, file, "tab.consent")) {
            return;
        }
        String grant = ctx.pathParam("grant");
        if (grant.length() > 100) {
            throw new NotFoundException("grant");
        }
        try {
            desk.revoke(file.ref(), grant, web.principal(ctx).account());
        } catch (GrantNotFoundException e) {
            throw new NotFoundException("grant");
        }
        ctx.redirect("/students/" + file.ref().value() + "/consent?notice=consent-revoked", HttpStatus.SEE_OTHER);
    }

    /**
     * The access log.
     *
     * @param header      student header
     * @param disclosures every disclosure, newest first
     * @param canRequest  whether the principal may ask for copies
     * @param discrepancies discrepancy reports about the student's records between this node and another, newest
     *                      first
     */
    public record LogPage(StudentHeader header, List<Disclosure> disclosures, boolean canRequest,
                          List<ConsentDesk.Discrepancy> discrepancies) {
    }

    private void accessLog(Context ctx) {
        StudentFile file = access.open(ctx, Action.VIEW_ACCESS_LOG);
        if (unavailable(ctx, file, "tab.accesslog")) {
            return;
        }
        boolean canRequest = web.allows(ctx, Action.REQUEST_DISCLOSURE_COPY,
                Optional.of(file.facts(access.today())));
        web.render(ctx, "consent/access-log.jte", new LogPage(access.header(ctx, file, "tab.accesslog"),
                desk.accessLog(file.ref()), canRequest, desk.discrepancies(file.ref())));
    }

    private void requestCopy(Context ctx) {
        StudentFile file = access.open(ctx, Action.REQUEST_DISCLOSURE_COPY);
        if (unavailable(ctx, file, "tab.accesslog")) {
            return;
        }
        String id = ctx.pathParam("disclosure");
        if (id.length() > 100) {
            throw new NotFoundException("disclosure");
        }
        java.util.Optional<DisclosedCopy> copy;
        try {
            copy = desk.requestCopy(file.ref(), id, web.principal(ctx).account());
        } catch (GrantNotFoundException e) {
            throw new NotFoundException("disclosure");
        }
        if (copy.isEmpty()) {
            ctx.redirect("/students/" + file.ref().value() + "/access-log?notice=copy-elsewhere", HttpStatus.SEE_OTHER);
            return;
        }
        // Shown in the browser (and saved under this name): exactly what was sent, as JSON.
        ctx.header("Content-Disposition", "inline; filename=\"disclosure-" + copy.get().disclosureId() + ".json\"");
        ctx.contentType("application/json; charset=utf-8").result(copy.get().json());
    }
}
