package org.baton.node.exchange;

import java.util.List;
import org.baton.ledger.GrantId;
import org.baton.node.student.StudentId;
import org.baton.trust.InstitutionId;

/**
 * Consent as the attesting node handles it, for the portal: record a grant (fresh salt and commitment, written to
 * the ledger, its opening told to the recipient and the named sources over mutual TLS), revoke it, list a
 * student's grants, and read the access log of their records. The salt never goes to the ledger.
 */
public interface ConsentService {

    /**
     * Records a grant for one of this node's students. The grant and its opening are kept durably before the ledger
     * is called, so a crash or an outage loses nothing: if the ledger cannot be reached the grant is queued
     * ({@link GrantOutcome#recorded()} false) and recorded, and its parties told, when it answers. Parties that
     * cannot be reached are told later (see the node status).
     *
     * @throws StudentNotHeldException if the student is not held here
     * @throws InvalidExchangeRequestException if the student has no SSID, name or birth date, the expiry has passed,
     *     or the recipient or a source is not a consortium member
     * @throws TooManySourcesException if the grant is from every institution attended and the student attended more
     *     consortium members than it reaches
     * @throws ConsentRefusedException if the ledger refuses the grant
     */
    GrantOutcome grant(ConsentRequest request);

    /**
     * Revokes a grant this node attests; it takes effect on the ledger before this returns, so no later transfer
     * can use it. Revoking a revoked grant does nothing.
     *
     * @throws UnknownGrantException if this node does not attest the grant
     * @throws org.baton.ledger.LedgerUnavailableException if the ledger cannot be reached (try again)
     */
    void revoke(GrantId grant);

    /**
     * Whom a grant from every institution attended would reach: the consortium members this node's records say the
     * student attended (their record's institution, enrollments, courses and dual-enrollment colleges, and the
     * senders of records received for them), in id order, {@code recipient} left out. For showing the student before
     * they consent; {@link #grant} works the list out again when the grant is made.
     *
     * @throws StudentNotHeldException if the student is not held here
     * @throws InvalidExchangeRequestException if the student has no SSID
     * @throws TooManySourcesException if the list is longer than a grant reaches
     */
    List<InstitutionId> attended(StudentId student, InstitutionId recipient);

    /** The grants concerning a student (attested here, or naming this node with the student matched), newest first. */
    List<GrantSummary> grants(StudentId student);

    /**
     * Every disclosure of the student's records the ledger holds for the grants and exchanges this node knows of,
     * newest first (34 CFR 99.32).
     *
     * @throws org.baton.ledger.LedgerUnavailableException if the ledger cannot be read
     */
    List<Disclosure> accessLog(StudentId student);
}
