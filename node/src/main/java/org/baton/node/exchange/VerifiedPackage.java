package org.baton.node.exchange;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.baton.ledger.GrantId;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.proto.v1.SignedPackage;
import org.baton.proto.v1.StudentRecord;
import org.baton.trust.InstitutionId;

/**
 * A signed package that passed {@link PackageVerifier}: its header, its records and its hash, which is what the
 * sender's ledger receipt must name.
 *
 * @param packageId the package id
 * @param formatVersion the package format version (1)
 * @param grant the consent grant, exactly when {@code basis} is {@link LegalBasis#CONSENT}
 * @param basis the legal basis of the disclosure
 * @param sender the signing institution (the CN of the signer certificate)
 * @param recipient the institution the package is addressed to
 * @param scopes the scopes the records are filtered to
 * @param createdAt when the sender signed it
 * @param requestId the pull request or push exchange that produced it
 * @param record the student's records (personal data: never log)
 * @param hash SHA-256 over the signed content
 * @param signerCertificate the sender's signing certificate, issued by the consortium CA
 * @param signed the package exactly as received
 */
public record VerifiedPackage(
        PackageId packageId,
        int formatVersion,
        Optional<GrantId> grant,
        LegalBasis basis,
        InstitutionId sender,
        InstitutionId recipient,
        Set<Scope> scopes,
        Instant createdAt,
        String requestId,
        StudentRecord record,
        Sha256 hash,
        X509Certificate signerCertificate,
        SignedPackage signed) {

    public VerifiedPackage {
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(recipient, "recipient");
        scopes = Collections.unmodifiableSet(EnumSet.copyOf(Objects.requireNonNull(scopes, "scopes")));
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(signerCertificate, "signerCertificate");
        Objects.requireNonNull(signed, "signed");
    }

    @Override
    public String toString() {
        // Never print the record: it is personal data.
        return "VerifiedPackage[id=" + packageId + ", sender=" + sender + ", recipient=" + recipient + ", basis="
                + basis + grant.map(g -> ", grant=" + g).orElse("") + ", scopes=" + scopes + ", hash=" + hash + "]";
    }
}
