package org.baton.node.exchange;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.baton.ledger.GrantorRole;
import org.baton.ledger.Purpose;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.ledger.Sources;
import org.baton.node.student.StudentId;
import org.baton.trust.InstitutionId;

/**
 * A consent the portal collected from a student or guardian, for the attesting node to record: the FERPA 34 CFR
 * 99.30 elements.
 *
 * @param student this node's student the consent is about (the node takes SSID, name and birth date from the record)
 * @param grantor who signed: the student or a guardian
 * @param recipient who may receive the records
 * @param sources who may send them (named institutions; "every institution attended" is notified to no source)
 * @param scopes which records
 * @param purpose why
 * @param expiresAt when the consent ends (exclusive)
 * @param consentDocumentHash SHA-256 of the signed consent document the portal keeps
 */
public record ConsentRequest(
        StudentId student,
        GrantorRole grantor,
        InstitutionId recipient,
        Sources sources,
        Set<Scope> scopes,
        Purpose purpose,
        Instant expiresAt,
        Sha256 consentDocumentHash) {

    public ConsentRequest {
        Objects.requireNonNull(student, "student");
        Objects.requireNonNull(grantor, "grantor");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(scopes, "scopes");
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a consent covers at least one scope");
        }
        scopes = Collections.unmodifiableSet(EnumSet.copyOf(scopes));
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(consentDocumentHash, "consentDocumentHash");
        if (sources.named().contains(recipient)) {
            throw new IllegalArgumentException("recipient " + recipient + " cannot also be a source");
        }
    }
}
