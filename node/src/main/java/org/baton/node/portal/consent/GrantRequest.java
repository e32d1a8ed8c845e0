package org.baton.node.portal.consent;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.baton.proto.v1.Purpose;
import org.baton.proto.v1.Scope;
import org.baton.trust.InstitutionId;

/**
 * What a student or guardian consents to: the FERPA 34 CFR 99.30 elements.
 *
 * @param scopes    which records
 * @param purpose   why
 * @param recipient who receives them
 * @param sources   which institutions may send them; empty when {@code everyAttended}
 * @param everyAttended every institution the student attended may send them (as the node's records show)
 * @param until     last day the grant is in force
 */
public record GrantRequest(Set<Scope> scopes, Purpose purpose, InstitutionId recipient,
                           SortedSet<InstitutionId> sources, boolean everyAttended, LocalDate until) {

    /** A grant from named sources. */
    public GrantRequest(Set<Scope> scopes, Purpose purpose, InstitutionId recipient, SortedSet<InstitutionId> sources,
            LocalDate until) {
        this(scopes, purpose, recipient, sources, false, until);
    }

    public GrantRequest {
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(until, "until");
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a grant covers at least one kind of record");
        }
        if (scopes.contains(Scope.SCOPE_UNSPECIFIED) || scopes.contains(Scope.UNRECOGNIZED)) {
            throw new IllegalArgumentException("a grant's scopes must be named");
        }
        if (purpose == Purpose.PURPOSE_UNSPECIFIED || purpose == Purpose.UNRECOGNIZED) {
            throw new IllegalArgumentException("a grant states its purpose");
        }
        if (everyAttended && !sources.isEmpty()) {
            throw new IllegalArgumentException("a grant from every institution attended names no sources");
        }
        if (!everyAttended && sources.isEmpty()) {
            throw new IllegalArgumentException("a grant names at least one source institution");
        }
        if (sources.contains(recipient)) {
            throw new IllegalArgumentException("recipient " + recipient + " cannot also be a source");
        }
        scopes = Collections.unmodifiableSet(EnumSet.copyOf(scopes));
        sources = Collections.unmodifiableSortedSet(new TreeSet<>(sources));
    }
}
