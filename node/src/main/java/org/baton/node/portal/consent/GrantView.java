package org.baton.node.portal.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.baton.proto.v1.Purpose;
import org.baton.proto.v1.Scope;

/**
 * A grant as the portal lists it.
 *
 * @param grantId   the ledger's grant id
 * @param scopes    which records
 * @param purpose   why
 * @param recipient who receives them
 * @param sources   who may send them; for {@code everyAttended}, those the node's records named when it was given
 * @param everyAttended every institution the student attended may send them
 * @param until     last day in force
 * @param grantedAt when it was granted
 * @param status    active, revoked or expired
 */
public record GrantView(String grantId, Set<Scope> scopes, Purpose purpose, Institution recipient,
                        List<Institution> sources, boolean everyAttended, LocalDate until, Instant grantedAt,
                        Status status) {

    /** A grant from named sources. */
    public GrantView(String grantId, Set<Scope> scopes, Purpose purpose, Institution recipient,
            List<Institution> sources, LocalDate until, Instant grantedAt, Status status) {
        this(grantId, scopes, purpose, recipient, sources, false, until, grantedAt, status);
    }

    public GrantView {
        Objects.requireNonNull(grantId, "grantId");
        scopes = Scopes.inOrder(scopes);
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(recipient, "recipient");
        sources = List.copyOf(sources);
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(grantedAt, "grantedAt");
        Objects.requireNonNull(status, "status");
    }

    /** A grant's state. */
    public enum Status { ACTIVE, REVOKED, EXPIRED }
}
