package org.baton.node.portal.signin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.baton.node.portal.accounts.Account;
import org.baton.node.portal.accounts.Accounts;
import org.baton.node.portal.accounts.ActivationFailedException;
import org.baton.node.portal.accounts.PasswordRejectedException;
import org.baton.node.portal.accounts.SignInRejectedException;
import org.baton.node.portal.accounts.Totp;
import org.baton.node.portal.accounts.UsernameTakenException;
import org.baton.node.portal.security.Action;
import org.baton.node.portal.security.SignInThrottle;
import org.baton.node.portal.session.Session;
import org.baton.node.portal.session.Sessions;
import org.baton.node.portal.web.ForbiddenException;
import org.baton.node.portal.web.Web;

/**
 * Sign-in (password, then the TOTP code or, for staff without one, TOTP enrollment), activation with the
 * one-time code, sign-out, and the account page (password change, sign out everywhere). A new session token is
 * issued at each step, so no token known before sign-in survives it.
 */
public final class SignInPages {

    private static final int MAX_FIELD = 200;

    private final Web web;
    private final Accounts accounts;
    private final Sessions sessions;
    private final SignInThrottle throttle;
    private final SecureRandom random;
    private final String issuer;

    public SignInPages(Web web, Accounts accounts, Sessions sessions, SignInThrottle throttle, SecureRandom random,
                       String issuer) {
        this.web = Objects.requireNonNull(web, "web");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.random = Objects.requireNonNull(random, "random");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
    }

    public void register(RoutesConfig routes) {
        routes.get("/sign-in", ctx -> {
            if (web.visit(ctx).principal().isPresent()) {
                ctx.redirect("/");
                return;
            }
            web.render(ctx, "signin/sign-in.jte", FormState.empty());
        });
        routes.post("/sign-in", this::signIn);
        routes.get("/sign-in/code", ctx -> web.render(ctx, "signin/code.jte", FormState.empty()));
        routes.post("/sign-in/code", this::secondFactor);
        routes.get("/sign-in/enroll", ctx -> web.render(ctx, "signin/enroll.jte", enrollState(ctx, Optional.empty())));
        routes.post("/sign-in/enroll", this::enroll);
        routes.get("/activate", ctx -> web.render(ctx, "signin/activate.jte",
                new FormState(Optional.empty(), Map.of("code", Optional.ofNullable(ctx.queryParam("code"))
                        .filter(c -> c.length() <= 40).orElse("")), Map.of())));
        routes.post("/activate", this::activate);
        routes.post("/sign-out", ctx -> {
            web.visit(ctx).sessionToken().ifPresent(sessions::close);
            Web.clearSessionCookie(ctx);
            ctx.redirect("/sign-in?notice=signed-out", HttpStatus.SEE_OTHER);
        });
        routes.get("/account", ctx -> {
            web.require(ctx, Action.MANAGE_OWN_ACCOUNT, Optional.empty());
            web.render(ctx, "signin/account.jte", accountState(ctx, Optional.empty()));
        });
        routes.post("/account/password", this::changePassword);
        routes.post("/account/sign-out-everywhere", ctx -> {
            var who = web.require(ctx, Action.MANAGE_OWN_ACCOUNT, Optional.empty());
            sessions.closeAll(who.account());
            Web.clearSessionCookie(ctx);
            ctx.redirect("/sign-in?notice=signed-out-everywhere", HttpStatus.SEE_OTHER);
        });
    }

    private void signIn(Context ctx) {
        String address = ctx.ip();
        String username = Web.raw(ctx, "username", MAX_FIELD);
        if (!throttle.allows(address)) {
            ctx.status(HttpStatus.TOO_MANY_REQUESTS);
            web.render(ctx, "signin/sign-in.jte", FormState.error("signin.error.rate", Map.of("username", username)));
            return;
        }
        Accounts.SignIn result;
        try {
            result = accounts.signIn(username, Web.raw(ctx, "password", MAX_FIELD));
        } catch (SignInRejectedException e) {
            throttle.failed(address);
            ctx.status(e.reason() == SignInRejectedException.Reason.LOCKED ? HttpStatus.TOO_MANY_REQUESTS
                    : HttpStatus.UNAUTHORIZED);
            web.render(ctx, "signin/sign-in.jte", FormState.error(errorKey(e), Map.of("username", username)));
            return;
        }
        web.visit(ctx).sessionToken().ifPresent(sessions::close);
        Session.Stage stage = switch (result.next()) {
            case DONE -> Session.Stage.ACTIVE;
            case SECOND_FACTOR -> Session.Stage.SECOND_FACTOR;
            case ENROLL_SECOND_FACTOR -> Session.Stage.ENROLL_SECOND_FACTOR;
        };
        Sessions.Opened opened = sessions.open(result.account().id(), stage);
        Web.setSessionCookie(ctx, opened.token());
        ctx.redirect(switch (stage) {
            case ACTIVE -> Web.home(result.account().role());
            case SECOND_FACTOR -> "/sign-in/code";
            case ENROLL_SECOND_FACTOR -> "/sign-in/enroll";
        }, HttpStatus.SEE_OTHER);
    }

    private void secondFactor(Context ctx) {
        Web.Visit visit = web.visit(ctx);
        Session session = visit.session().orElseThrow(() -> new ForbiddenException("no sign-in in progress"));
        String address = ctx.ip();
        if (!throttle.allows(address)) {
            ctx.status(HttpStatus.TOO_MANY_REQUESTS);
            web.render(ctx, "signin/code.jte", FormState.error("signin.error.rate", Map.of()));
            return;
        }
        try {
            Account account = accounts.verifySecondFactor(session.account(), Web.raw(ctx, "code", 20));
            Sessions.Opened opened = sessions.rotate(visit.sessionToken().orElseThrow(), Session.Stage.ACTIVE);
            Web.setSessionCookie(ctx, opened.token());
            ctx.redirect(Web.home(account.role()), HttpStatus.SEE_OTHER);
        } catch (SignInRejectedException e) {
            throttle.failed(address);
            if (e.reason() == SignInRejectedException.Reason.LOCKED) {
                sessions.close(visit.sessionToken().orElseThrow());
                Web.clearSessionCookie(ctx);
                ctx.redirect("/sign-in?notice=locked", HttpStatus.SEE_OTHER);
                return;
            }
            ctx.status(HttpStatus.UNAUTHORIZED);
            web.render(ctx, "signin/code.jte", FormState.error(errorKey(e), Map.of()));
        }
    }

    private FormState enrollState(Context ctx, Optional<String> error) {
        Web.Visit visit = web.visit(ctx);
        Session session = visit.session().orElseThrow(() -> new ForbiddenException("no sign-in in progress"));
        String secret = session.pendingTotp().orElseGet(() -> {
            String fresh = Totp.newSecret(random);
            sessions.offerTotp(visit.sessionToken().orElseThrow(), fresh);
            return fresh;
        });
        String name = visit.account().flatMap(Account::username).orElse("");
        return new FormState(error, Map.of(), Map.of("secret", group(secret),
                "uri", Totp.otpauthUri(issuer, name, secret)));
    }

    private void enroll(Context ctx) {
        Web.Visit visit = web.visit(ctx);
        Session session = visit.session().orElseThrow(() -> new ForbiddenException("no sign-in in progress"));
        String secret = session.pendingTotp().orElseThrow(() -> new ForbiddenException("no second factor offered"));
        try {
            Account account = accounts.enrollSecondFactor(session.account(), secret, Web.raw(ctx, "code", 20));
            Sessions.Opened opened = sessions.rotate(visit.sessionToken().orElseThrow(), Session.Stage.ACTIVE);
            Web.setSessionCookie(ctx, opened.token());
            ctx.redirect(Web.home(account.role()) + "?notice=totp-enrolled", HttpStatus.SEE_OTHER);
        } catch (SignInRejectedException e) {
            throttle.failed(ctx.ip());
            ctx.status(HttpStatus.UNAUTHORIZED);
            web.render(ctx, "signin/enroll.jte", enrollState(ctx, Optional.of("signin.error.code")));
        }
    }

    private void activate(Context ctx) {
        String address = ctx.ip();
        String code = Web.raw(ctx, "code", 40).strip();
        String username = Web.raw(ctx, "username", MAX_FIELD).strip();
        Map<String, String> keep = Map.of("code", code, "username", username);
        if (!throttle.allows(address)) {
            ctx.status(HttpStatus.TOO_MANY_REQUESTS);
            web.render(ctx, "signin/activate.jte", FormState.error("signin.error.rate", keep));
            return;
        }
        try {
            accounts.activate(code, username, Web.raw(ctx, "password", MAX_FIELD),
                    Web.raw(ctx, "confirmation", MAX_FIELD));
            ctx.redirect("/sign-in?notice=activated", HttpStatus.SEE_OTHER);
        } catch (ActivationFailedException e) {
            if (e.reason() == ActivationFailedException.Reason.UNKNOWN_OR_EXPIRED_CODE) {
                throttle.failed(address);
            }
            ctx.status(HttpStatus.BAD_REQUEST);
            web.render(ctx, "signin/activate.jte", FormState.error(
                    e.reason() == ActivationFailedException.Reason.BAD_USERNAME ? "activate.error.username"
                            : "activate.error.code", keep));
        } catch (PasswordRejectedException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            web.render(ctx, "signin/activate.jte", FormState.error(passwordKey(e), keep));
        } catch (UsernameTakenException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            web.render(ctx, "signin/activate.jte", FormState.error("activate.error.taken", keep));
        }
    }

    private FormState accountState(Context ctx, Optional<String> error) {
        Account account = web.visit(ctx).account().orElseThrow();
        return new FormState(error, Map.of(), Map.of(
                "username", account.username().orElse(""),
                "role", account.role().name().toLowerCase(java.util.Locale.ROOT),
                "totp", account.totpSecret().isPresent() ? "yes" : "no"));
    }

    private void changePassword(Context ctx) {
        var who = web.require(ctx, Action.MANAGE_OWN_ACCOUNT, Optional.empty());
        try {
            accounts.changePassword(who.account(), Web.raw(ctx, "current", MAX_FIELD),
                    Web.raw(ctx, "password", MAX_FIELD), Web.raw(ctx, "confirmation", MAX_FIELD));
            ctx.redirect("/account?notice=password-changed", HttpStatus.SEE_OTHER);
        } catch (SignInRejectedException e) {
            if (e.reason() == SignInRejectedException.Reason.LOCKED) {
                sessions.closeAll(who.account());
                Web.clearSessionCookie(ctx);
                ctx.redirect("/sign-in?notice=locked", HttpStatus.SEE_OTHER);
                return;
            }
            ctx.status(HttpStatus.BAD_REQUEST);
            web.render(ctx, "signin/account.jte", accountState(ctx, Optional.of("account.error.current")));
        } catch (PasswordRejectedException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            web.render(ctx, "signin/account.jte", accountState(ctx, Optional.of(passwordKey(e))));
        }
    }

    private static String errorKey(SignInRejectedException e) {
        return switch (e.reason()) {
            case BAD_CREDENTIALS -> "signin.error.credentials";
            case LOCKED -> "signin.error.locked";
            case RATE_LIMITED -> "signin.error.rate";
        };
    }

    private static String passwordKey(PasswordRejectedException e) {
        return "password.error." + e.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static String group(String secret) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < secret.length(); i += 4) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(secret, i, Math.min(i + 4, secret.length()));
        }
        return out.toString();
    }
}
