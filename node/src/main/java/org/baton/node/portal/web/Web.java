package org.baton.node.portal.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.baton.node.portal.accounts.Account;
import org.baton.node.portal.accounts.Role;
import org.baton.node.portal.i18n.Language;
import org.baton.node.portal.i18n.Messages;
import org.baton.node.portal.security.AccessPolicy;
import org.baton.node.portal.security.Action;
import org.baton.node.portal.security.Csrf;
import org.baton.node.portal.security.Decision;
import org.baton.node.portal.security.Principal;
import org.baton.node.portal.security.StudentFacts;
import org.baton.node.portal.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What page handlers share: the visit (language, session, principal) the request guard resolved, rendering,
 * access checks against the one {@link AccessPolicy}, and the portal's cookies.
 */
public final class Web {

    /** The session cookie: {@code __Host-} pins it to this origin, path / and Secure. */
    public static final String SESSION_COOKIE = "__Host-baton-session";
    /** The pre-session cookie that binds CSRF tokens before sign-in. */
    public static final String PRE_SESSION_COOKIE = "__Host-baton-pre";
    /** The chosen language. */
    public static final String LANGUAGE_COOKIE = "__Host-baton-lang";
    /** The form field that carries the CSRF token. */
    public static final String CSRF_FIELD = "_csrf";

    static final String VISIT = "baton.visit";
    private static final Logger LOG = LoggerFactory.getLogger(Web.class);

    private final Templates templates = new Templates();
    private final AccessPolicy policy;
    private final Csrf csrf;
    private final String institution;

    public Web(AccessPolicy policy, Csrf csrf, String institution) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.csrf = Objects.requireNonNull(csrf, "csrf");
        this.institution = Objects.requireNonNull(institution, "institution");
    }

    /**
     * What the request guard learned about a request.
     *
     * @param language     the visitor's language
     * @param sessionToken the session cookie's token, if a live session
     * @param session      the live session, if any
     * @param account      the session's account, if any
     * @param csrfBinding  what the CSRF token is bound to
     */
    public record Visit(Language language, Optional<String> sessionToken, Optional<Session> session,
                        Optional<Account> account, String csrfBinding) {

        /** The principal of a fully signed-in session. */
        public Optional<Principal> principal() {
            return session.filter(s -> s.stage() == Session.Stage.ACTIVE).flatMap(s -> account).map(Principal::of);
        }
    }

    public Visit visit(Context ctx) {
        Visit v = ctx.attribute(VISIT);
        if (v == null) {
            throw new IllegalStateException("request guard did not run for " + ctx.path());
        }
        return v;
    }

    /** The signed-in principal; the guard already sent anyone else to sign in. */
    public Principal principal(Context ctx) {
        return visit(ctx).principal().orElseThrow(() -> new ForbiddenException("not signed in"));
    }

    public Messages messages(Context ctx) {
        return Messages.of(visit(ctx).language());
    }

    /** Asks the access policy; throws {@link ForbiddenException} when it refuses. */
    public Principal require(Context ctx, Action action, Optional<StudentFacts> subject) {
        Principal who = principal(ctx);
        Decision d = policy.decide(who, action, subject);
        if (!d.allowed()) {
            LOG.info("portal refused {} to account {}: {}", action, who.account(), d.reason());
            throw new ForbiddenException(d.reason());
        }
        return who;
    }

    /** True when the policy allows (for showing or hiding links; the handler behind the link checks again). */
    public boolean allows(Context ctx, Action action, Optional<StudentFacts> subject) {
        return visit(ctx).principal().map(p -> policy.allows(p, action, subject)).orElse(false);
    }

    /** The frame for a page. */
    public Frame frame(Context ctx) {
        Visit v = visit(ctx);
        Optional<Principal> who = v.principal();
        String notice = ctx.queryParam("notice");
        Messages m = Messages.of(v.language());
        Optional<String> shown = notice != null && notice.matches("[a-z0-9.-]{1,60}") && m.has("notice." + notice)
                ? Optional.of("notice." + notice) : Optional.empty();
        return new Frame(m, csrf.tokenFor(v.csrfBinding()), who, nav(ctx.path(), who), ctx.path(), shown,
                institution);
    }

    /** Renders a page template with its model as HTML. */
    public void render(Context ctx, String template, Object model) {
        ctx.html(templates.render(template, frame(ctx), model));
    }

    /** Renders with an explicit frame (error pages before the guard finished). */
    void render(Context ctx, String template, Frame frame, Object model) {
        ctx.html(templates.render(template, frame, model));
    }

    /** A required form field, stripped; {@link BadRequestException} names it when missing or too long. */
    public static String field(Context ctx, String name, int maxLength) {
        String v = ctx.formParam(name);
        if (v == null || v.isBlank()) {
            throw new BadRequestException(name, "is required");
        }
        if (v.length() > maxLength) {
            throw new BadRequestException(name, "is longer than " + maxLength + " characters");
        }
        return v.strip();
    }

    /** An optional form field as typed (passwords keep their spaces). */
    public static String raw(Context ctx, String name, int maxLength) {
        String v = ctx.formParam(name);
        if (v == null) {
            return "";
        }
        if (v.length() > maxLength) {
            throw new BadRequestException(name, "is longer than " + maxLength + " characters");
        }
        return v;
    }

    /** A student id from a URL or form, or empty when malformed (never an exception: it is user input). */
    public static Optional<org.baton.node.student.StudentId> studentId(String text) {
        if (text == null || !text.matches("[1-9][0-9]{0,17}")) {
            return Optional.empty();
        }
        return Optional.of(new org.baton.node.student.StudentId(Long.parseLong(text)));
    }

    /** Sets the session cookie: Secure, HttpOnly, SameSite=Strict, host-only, path /, session lifetime. */
    public static void setSessionCookie(Context ctx, String token) {
        ctx.cookie(strictCookie(SESSION_COOKIE, token, -1));
    }

    public static void clearSessionCookie(Context ctx) {
        ctx.cookie(strictCookie(SESSION_COOKIE, "", 0));
    }

    static Cookie strictCookie(String name, String value, int maxAge) {
        Cookie c = new Cookie(name, value, "/", maxAge, true, true);
        c.setSameSite(SameSite.STRICT);
        return c;
    }

    /** Where each role starts. */
    public static String home(Role role) {
        return switch (role) {
            case STUDENT, GUARDIAN -> "/students";
            case COUNSELOR -> "/caseload";
            case REGISTRAR -> "/registrar/imports";
            case ADMIN -> "/admin/accounts";
            case AUDITOR -> "/audit";
        };
    }

    private static List<Frame.NavLink> nav(String path, Optional<Principal> who) {
        List<Frame.NavLink> links = new ArrayList<>();
        if (who.isEmpty()) {
            return links;
        }
        switch (who.get().role()) {
            case STUDENT, GUARDIAN -> links.add(link(path, "/students", "nav.students"));
            case COUNSELOR -> links.add(link(path, "/caseload", "nav.caseload"));
            case REGISTRAR -> {
                links.add(link(path, "/registrar/imports", "nav.imports"));
                links.add(link(path, "/registrar/exchanges", "nav.exchanges"));
                links.add(link(path, "/registrar/data-quality", "nav.quality"));
                links.add(link(path, "/registrar/cal-grant", "nav.calgrant"));
            }
            case ADMIN -> links.add(link(path, "/admin/accounts", "nav.accounts"));
            case AUDITOR -> links.add(link(path, "/audit", "nav.audit"));
        }
        links.add(link(path, "/account", "nav.account"));
        return links;
    }

    private static Frame.NavLink link(String path, String href, String label) {
        return new Frame.NavLink(href, label, path.equals(href) || path.startsWith(href + "/"));
    }
}
