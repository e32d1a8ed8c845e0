package org.baton.node.portal.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.baton.node.portal.accounts.Account;
import org.baton.node.portal.accounts.AccountStatus;
import org.baton.node.portal.accounts.Accounts;
import org.baton.node.portal.i18n.Language;
import org.baton.node.portal.security.Csrf;
import org.baton.node.portal.security.SecurityHeaders;
import org.baton.node.portal.session.Session;
import org.baton.node.portal.session.Sessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request guard and the routes every portal has: security headers on every response, the visitor's language,
 * the session and its sign-in stage, the CSRF check on every state-changing request, the language switch, the style
 * sheet and the error pages.
 */
public final class CoreRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(CoreRoutes.class);
    private static final Set<String> PUBLIC = Set.of("/", "/sign-in", "/activate", "/language", "/static/portal.css",
            "/sign-out");
    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    private final Web web;
    private final Sessions sessions;
    private final Accounts accounts;
    private final Csrf csrf;
    private final SecureRandom random;
    private final byte[] css;

    public CoreRoutes(Web web, Sessions sessions, Accounts accounts, Csrf csrf, SecureRandom random) {
        this.web = Objects.requireNonNull(web, "web");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.csrf = Objects.requireNonNull(csrf, "csrf");
        this.random = Objects.requireNonNull(random, "random");
        this.css = resource("/org/baton/node/portal/static/portal.css");
    }

    public void register(RoutesConfig routes) {
        routes.before(this::guard);
        routes.get("/", ctx -> {
            Optional<Account> who = web.visit(ctx).principal().flatMap(p -> accounts.find(p.account()));
            ctx.redirect(who.map(a -> Web.home(a.role())).orElse("/sign-in"));
        });
        routes.get("/static/portal.css", ctx -> {
            ctx.header("Cache-Control", "public, max-age=3600");
            ctx.contentType("text/css; charset=utf-8").result(css);
        });
        routes.post("/language", ctx -> {
            Language l = Language.parse(ctx.formParam("lang"))
                    .orElseThrow(() -> new BadRequestException("lang", "is not a portal language"));
            ctx.cookie(Web.strictCookie(Web.LANGUAGE_COOKIE, l.code(), 365 * 24 * 3600));
            ctx.redirect(safeReturn(ctx.formParam("back")), HttpStatus.SEE_OTHER);
        });
        routes.exception(ForbiddenException.class, (e, ctx) -> error(ctx, HttpStatus.FORBIDDEN, "error.forbidden"));
        routes.exception(NotFoundException.class, (e, ctx) -> error(ctx, HttpStatus.NOT_FOUND, "error.notfound"));
        routes.exception(BadRequestException.class, (e, ctx) -> {
            LOG.debug("portal bad request on {}: {}", ctx.path(), e.getMessage());
            error(ctx, HttpStatus.BAD_REQUEST, "error.badrequest");
        });
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("portal request {} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "error.internal");
        });
        routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                error(ctx, HttpStatus.NOT_FOUND, "error.notfound");
            }
        });
    }

    /** Only local paths, so the switch cannot be used to send people elsewhere. */
    static String safeReturn(String back) {
        if (back == null || !back.startsWith("/") || back.startsWith("//") || back.contains("\\")
                || back.length() > 200 || !back.matches("[A-Za-z0-9/_.?=&:-]*")) {
            return "/";
        }
        return back;
    }

    private void guard(Context ctx) {
        for (Map.Entry<String, String> h : SecurityHeaders.all().entrySet()) {
            ctx.header(h.getKey(), h.getValue());
        }
        Language language = Language.parse(ctx.cookie(Web.LANGUAGE_COOKIE))
                .orElseGet(() -> Language.fromAcceptLanguage(ctx.header("Accept-Language")));
        String token = ctx.cookie(Web.SESSION_COOKIE);
        Optional<Session> session = sessions.resolve(token);
        Optional<Account> account = session.flatMap(s -> accounts.find(s.account()))
                .filter(a -> a.status() == AccountStatus.ACTIVE);
        if (session.isPresent() && account.isEmpty()) {
            sessions.close(token);
            session = Optional.empty();
        }
        String binding;
        if (session.isPresent()) {
            binding = "s:" + session.get().key();
        } else {
            String pre = ctx.cookie(Web.PRE_SESSION_COOKIE);
            if (pre == null || !pre.matches("[A-Za-z0-9_-]{43}")) {
                byte[] bytes = new byte[32];
                random.nextBytes(bytes);
                pre = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                ctx.cookie(Web.strictCookie(Web.PRE_SESSION_COOKIE, pre, -1));
            }
            binding = "p:" + pre;
        }
        Web.Visit visit = new Web.Visit(language, session.map(s -> token), session, account, binding);
        ctx.attribute(Web.VISIT, visit);

        if (!SAFE.contains(ctx.method())) {
            if (!sameOrigin(ctx)) {
                LOG.info("portal refused a cross-site {} to {}", ctx.method(), ctx.path());
                throw new ForbiddenException("cross-site request");
            }
            if (!csrf.valid(binding, ctx.formParam(Web.CSRF_FIELD))) {
                LOG.info("portal refused a {} to {} without a valid CSRF token", ctx.method(), ctx.path());
                throw new ForbiddenException("missing or invalid CSRF token");
            }
        }
        String path = ctx.path();
        Session.Stage stage = session.map(Session::stage).orElse(null);
        if (PUBLIC.contains(path)) {
            return;
        }
        if (stage == Session.Stage.SECOND_FACTOR && path.equals("/sign-in/code")
                || stage == Session.Stage.ENROLL_SECOND_FACTOR && path.equals("/sign-in/enroll")) {
            return;
        }
        if (stage == Session.Stage.ACTIVE) {
            return;
        }
        if (SAFE.contains(ctx.method())) {
            ctx.redirect("/sign-in");
            ctx.skipRemainingHandlers();
            return;
        }
        throw new ForbiddenException("not signed in");
    }

    /** Fetch metadata and Origin, where the browser sends them, must name this portal. */
    private static boolean sameOrigin(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return false;
        }
        String origin = ctx.header("Origin");
        if (origin == null) {
            return true;
        }
        String host = ctx.header("Host");
        return host != null && origin.equalsIgnoreCase("https://" + host);
    }

    private void error(Context ctx, HttpStatus status, String key) {
        ctx.status(status);
        if (ctx.attribute(Web.VISIT) == null) {
            ctx.result(status.getMessage());
            return;
        }
        web.render(ctx, "error.jte", new ErrorPage(status.getCode(), key));
    }

    /**
     * An error page.
     *
     * @param status the HTTP status
     * @param key    message key of the explanation
     */
    public record ErrorPage(int status, String key) {
    }

    private static byte[] resource(String name) {
        try (InputStream in = CoreRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("portal resource " + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading portal resource " + name + " failed", e);
        }
    }
}
