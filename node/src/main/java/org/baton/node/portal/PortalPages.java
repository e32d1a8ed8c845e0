package org.baton.node.portal;

import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.util.Objects;
import org.baton.node.portal.accounts.Accounts;
import org.baton.node.portal.admin.AccountAdminPages;
import org.baton.node.portal.audit.AuditPages;
import org.baton.node.portal.consent.ConsentPages;
import org.baton.node.portal.consent.Institution;
import org.baton.node.portal.counselor.CaseloadPages;
import org.baton.node.portal.registrar.RegistrarPages;
import org.baton.node.portal.session.Sessions;
import org.baton.node.portal.student.StudentAccess;
import org.baton.node.portal.student.StudentPages;
import org.baton.node.portal.web.Web;
import org.baton.trust.InstitutionId;

/** Registers the pages of each role's feature package. */
final class PortalPages {

    private final Web web;
    private final PortalBackends backends;
    private final Accounts accounts;
    private final Sessions sessions;
    private final Clock clock;

    PortalPages(Web web, PortalBackends backends, Accounts accounts, Sessions sessions, Clock clock) {
        this.web = Objects.requireNonNull(web, "web");
        this.backends = Objects.requireNonNull(backends, "backends");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    void register(RoutesConfig routes) {
        StudentAccess access = new StudentAccess(web, backends.students(), clock);
        new StudentPages(web, access, backends.students(), backends.readiness()).register(routes);
        new ConsentPages(web, access, backends.consent()).register(routes);
        new CaseloadPages(web, backends.students(), backends.readiness()).register(routes);
        new RegistrarPages(web, backends.registrar(), clock).register(routes);
        new AccountAdminPages(web, accounts, sessions).register(routes);
        new AuditPages(web, backends.audit(), this::institutionName, clock).register(routes);
    }

    /** An institution's name in the consortium, or its id when the consortium does not list it. */
    private String institutionName(InstitutionId id) {
        return backends.consent().institutions().stream().filter(i -> i.id().equals(id)).map(Institution::name)
                .findFirst().orElse(id.value());
    }
}
