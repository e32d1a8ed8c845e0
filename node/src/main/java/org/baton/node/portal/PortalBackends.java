package org.baton.node.portal;

import java.util.Objects;
import org.baton.node.portal.accounts.AccountStore;
import org.baton.node.portal.audit.AuditDesk;
import org.baton.node.portal.consent.ConsentDesk;
import org.baton.node.portal.registrar.RegistrarDesk;
import org.baton.node.portal.session.SessionStore;
import org.baton.node.portal.student.ReadinessSource;
import org.baton.node.portal.student.StudentDirectory;

/**
 * What the portal reads and writes, each behind the port its owner implements.
 *
 * @param accounts  portal accounts (the node's record store)
 * @param sessions  portal sessions (the node's record store)
 * @param students  students' records (the node's record store)
 * @param readiness progress and the what-if planner (the readiness engine)
 * @param consent   grants, revocations and the access log (the ledger and the exchange outbox)
 * @param registrar imports, exchanges and the Cal Grant batch
 * @param audit     the auditor's check of the disclosures the ledger recorded
 */
public record PortalBackends(AccountStore accounts, SessionStore sessions, StudentDirectory students,
                             ReadinessSource readiness, ConsentDesk consent, RegistrarDesk registrar,
                             AuditDesk audit) {

    public PortalBackends {
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(students, "students");
        Objects.requireNonNull(readiness, "readiness");
        Objects.requireNonNull(consent, "consent");
        Objects.requireNonNull(registrar, "registrar");
        Objects.requireNonNull(audit, "audit");
    }
}
