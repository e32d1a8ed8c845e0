package org.baton.ledger;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.baton.trust.InstitutionId;

/**
 * A student's (or guardian's) written consent to disclose records, as the attesting institution submits it.
 * Together these are the elements of FERPA 34 CFR 99.30: which records ({@code scopes}), the purpose, who
 * receives them ({@code recipient}), signed and dated by the grantor (the consent document, kept off-ledger,
 * whose hash is recorded here).
 *
 * @param id the grant id, chosen by the attester
 * @param subject commitment to the student's SSID; the ledger never sees the SSID
 * @param grantor who signed: the student or a guardian
 * @param attester the institution whose portal authenticated the grantor; only it writes or revokes the grant
 * @param recipient the institution the records may be disclosed to
 * @param sources the institutions that may disclose
 * @param scopes the kinds of records covered (at least one)
 * @param purpose why the records are disclosed
 * @param issuedAt when the grantor signed (millisecond precision)
 * @param expiresAt when the grant stops covering disclosures (exclusive; after {@code issuedAt})
 * @param consentDocumentHash SHA-256 of the signed consent document kept by the attester
 */
public record ConsentGrant(
        GrantId id,
        SubjectCommitment subject,
        GrantorRole grantor,
        InstitutionId attester,
        InstitutionId recipient,
        Sources sources,
        Set<Scope> scopes,
        Purpose purpose,
        Instant issuedAt,
        Instant expiresAt,
        Sha256 consentDocumentHash) {

    public ConsentGrant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(grantor, "grantor");
        Objects.requireNonNull(attester, "attester");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(sources, "sources");
        scopes = Scopes.copyNonEmpty(scopes, "grant " + id);
        Objects.requireNonNull(purpose, "purpose");
        issuedAt = Times.millis(issuedAt, "issuedAt");
        expiresAt = Times.millis(expiresAt, "expiresAt");
        Objects.requireNonNull(consentDocumentHash, "consentDocumentHash");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException(
                    "grant " + id + " expires at " + expiresAt + ", not after it is issued at " + issuedAt);
        }
        if (sources.named().contains(recipient)) {
            throw new IllegalArgumentException(
                    "grant " + id + " names its recipient " + recipient + " as a source");
        }
    }

    /** True if the grant covers every scope in {@code wanted}. */
    public boolean covers(Set<Scope> wanted) {
        return scopes.containsAll(wanted);
    }
}
