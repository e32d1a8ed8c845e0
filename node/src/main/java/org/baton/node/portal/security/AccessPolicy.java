package org.baton.node.portal.security;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.baton.node.portal.accounts.Role;

/**
 * The one place that decides who may do what in the portal. Every page and form asks it, on the server, with
 * the signed-in principal, the action and, for actions about one student, that student's facts.
 *
 * <ul>
 *   <li>A student reads only their own records; consents for themselves only once eligible (18 or
 *       postsecondary) — before that the parent holds the right.</li>
 *   <li>A guardian reads and consents only for a linked student, and only while that student is not eligible.</li>
 *   <li>A counselor reads only students on their caseload, never consent or the access log.</li>
 *   <li>A registrar (a school official) reads any student's records and access log and runs imports, exchanges
 *       and the Cal Grant upload; never consents.</li>
 *   <li>An administrator manages accounts; an auditor reads the ledger; neither reads records.</li>
 * </ul>
 */
public final class AccessPolicy {

    private static final Set<Action> STUDENT_READS = EnumSet.of(Action.VIEW_RECORDS, Action.VIEW_READINESS,
            Action.PLAN_WHAT_IF, Action.VIEW_ACCESS_LOG);
    private static final Set<Action> CONSENT_RIGHTS = EnumSet.of(Action.GRANT_CONSENT, Action.REVOKE_CONSENT,
            Action.REQUEST_DISCLOSURE_COPY);
    private static final Set<Action> COUNSELOR_READS = EnumSet.of(Action.VIEW_RECORDS, Action.VIEW_READINESS,
            Action.PLAN_WHAT_IF);
    private static final Set<Action> REGISTRAR_READS = EnumSet.of(Action.VIEW_RECORDS, Action.VIEW_READINESS,
            Action.VIEW_ACCESS_LOG);

    /**
     * Decides one request.
     *
     * @param subject the student the action is about; required exactly when {@link Action#aboutStudent()}
     */
    public Decision decide(Principal who, Action action, Optional<StudentFacts> subject) {
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(subject, "subject");
        if (action == Action.MANAGE_OWN_ACCOUNT) {
            return Decision.allow("every account manages itself");
        }
        if (action.aboutStudent()) {
            if (subject.isEmpty()) {
                return Decision.deny(action + " needs a student");
            }
            return aboutStudent(who, action, subject.get());
        }
        if (subject.isPresent()) {
            return Decision.deny(action + " is not about one student");
        }
        return switch (action) {
            case VIEW_CASELOAD, EXPORT_CASELOAD -> only(who, Role.COUNSELOR, action);
            case VIEW_IMPORTS, VIEW_EXCHANGES, VIEW_DATA_QUALITY, RESOLVE_DATA_QUALITY, CAL_GRANT_UPLOAD ->
                    only(who, Role.REGISTRAR, action);
            case MANAGE_ACCOUNTS -> only(who, Role.ADMIN, action);
            case AUDIT_LEDGER -> only(who, Role.AUDITOR, action);
            default -> Decision.deny(action + " is not handled");
        };
    }

    /** Shorthand for {@link #decide} that answers only yes or no. */
    public boolean allows(Principal who, Action action, Optional<StudentFacts> subject) {
        return decide(who, action, subject).allowed();
    }

    private static Decision only(Principal who, Role role, Action action) {
        return who.role() == role
                ? Decision.allow(role + " may " + action)
                : Decision.deny(who.role() + " may not " + action);
    }

    private static Decision aboutStudent(Principal who, Action action, StudentFacts s) {
        boolean linked = who.students().contains(s.student());
        switch (who.role()) {
            case STUDENT:
                if (!linked) {
                    return Decision.deny("a student reads only their own records");
                }
                if (STUDENT_READS.contains(action)) {
                    return Decision.allow("the student's own records");
                }
                if (CONSENT_RIGHTS.contains(action)) {
                    return s.eligible()
                            ? Decision.allow("an eligible student holds their own consent rights")
                            : Decision.deny("a minor's consent rights are the parent's until 18 or postsecondary");
                }
                return Decision.deny("a student may not " + action);
            case GUARDIAN:
                if (!linked) {
                    return Decision.deny("a guardian reads only the students the institution linked");
                }
                if (s.eligible()) {
                    return Decision.deny("the student is eligible (18 or postsecondary): rights passed to the student");
                }
                if (STUDENT_READS.contains(action) || CONSENT_RIGHTS.contains(action)) {
                    return Decision.allow("a guardian of a linked minor");
                }
                return Decision.deny("a guardian may not " + action);
            case COUNSELOR:
                if (!linked) {
                    return Decision.deny("a counselor reads only their caseload");
                }
                return COUNSELOR_READS.contains(action)
                        ? Decision.allow("a student on the counselor's caseload")
                        : Decision.deny("a counselor may not " + action);
            case REGISTRAR:
                return REGISTRAR_READS.contains(action)
                        ? Decision.allow("the registrar is a school official with legitimate educational interest")
                        : Decision.deny("a registrar may not " + action);
            default:
                return Decision.deny(who.role() + " never reads student records");
        }
    }
}
