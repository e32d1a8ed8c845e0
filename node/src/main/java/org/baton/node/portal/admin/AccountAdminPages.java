package org.baton.node.portal.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.baton.node.portal.accounts.Account;
import org.baton.node.portal.accounts.AccountId;
import org.baton.node.portal.accounts.Accounts;
import org.baton.node.portal.accounts.Role;
import org.baton.node.student.StudentId;
import org.baton.node.portal.security.Action;
import org.baton.node.portal.session.Sessions;
import org.baton.node.portal.web.BadRequestException;
import org.baton.node.portal.web.NotFoundException;
import org.baton.node.portal.web.Web;

/**
 * The administrator's account pages: issue an account (the one-time activation code is shown once), link
 * guardians to minors and counselors to their caseload, reissue a lost code, disable an account (its sessions end).
 */
public final class AccountAdminPages {

    private final Web web;
    private final Accounts accounts;
    private final Sessions sessions;

    public AccountAdminPages(Web web, Accounts accounts, Sessions sessions) {
        this.web = Objects.requireNonNull(web, "web");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    public void register(RoutesConfig routes) {
        routes.get("/admin/accounts", ctx -> {
            web.require(ctx, Action.MANAGE_ACCOUNTS, Optional.empty());
            web.render(ctx, "admin/accounts.jte", new ListPage(accounts.list(), Arrays.asList(Role.values()),
                    Optional.empty()));
        });
        routes.post("/admin/accounts", this::issue);
        routes.post("/admin/accounts/{account}/links", ctx -> {
            web.require(ctx, Action.MANAGE_ACCOUNTS, Optional.empty());
            Account a = account(ctx);
            try {
                accounts.linkStudents(a.id(), refs(Web.raw(ctx, "students", 4000)));
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("students", "is not valid for a " + a.role() + " account");
            }
            ctx.redirect("/admin/accounts?notice=links-saved", HttpStatus.SEE_OTHER);
        });
        routes.post("/admin/accounts/{account}/disable", ctx -> {
            web.require(ctx, Action.MANAGE_ACCOUNTS, Optional.empty());
            Account a = account(ctx);
            accounts.disable(a.id());
            sessions.closeAll(a.id());
            ctx.redirect("/admin/accounts?notice=account-disabled", HttpStatus.SEE_OTHER);
        });
        routes.post("/admin/accounts/{account}/reissue", ctx -> {
            web.require(ctx, Action.MANAGE_ACCOUNTS, Optional.empty());
            Account a = account(ctx);
            try {
                web.render(ctx, "admin/issued.jte", accounts.reissueActivation(a.id()));
            } catch (IllegalStateException e) {
                throw new BadRequestException("account", "is already active");
            }
        });
    }

    /**
     * The accounts page.
     *
     * @param accounts every account
     * @param roles    roles offered when issuing
     * @param error    message key of a problem with the issue form
     */
    public record ListPage(List<Account> accounts, List<Role> roles, Optional<String> error) {
    }

    private void issue(Context ctx) {
        web.require(ctx, Action.MANAGE_ACCOUNTS, Optional.empty());
        Role role;
        try {
            role = Role.valueOf(Web.field(ctx, "role", 20).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("role", "is not a portal role");
        }
        try {
            Accounts.IssuedAccount issued = accounts.issue(role, Web.field(ctx, "name", 200),
                    refs(Web.raw(ctx, "students", 4000)));
            web.render(ctx, "admin/issued.jte", issued);
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            web.render(ctx, "admin/accounts.jte", new ListPage(accounts.list(), Arrays.asList(Role.values()),
                    Optional.of("admin.error.issue")));
        }
    }

    private Account account(Context ctx) {
        try {
            return accounts.find(new AccountId(ctx.pathParam("account")))
                    .orElseThrow(() -> new NotFoundException("account"));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("account");
        }
    }

    /** The student ids an account links, separated by spaces (the value of its links field). */
    public static String linked(Account account) {
        return String.join(" ", account.students().stream().map(StudentId::toString).toList());
    }

    /** Student references separated by commas, spaces or new lines. */
    static Set<StudentId> refs(String text) {
        Set<StudentId> refs = new TreeSet<>();
        for (String part : text.split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            refs.add(Web.studentId(part).orElseThrow(() -> new BadRequestException("students",
                    "has a malformed student reference")));
        }
        return refs;
    }
}
