package org.baton.ledger;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.baton.trust.InstitutionId;

/**
 * A disclosure, as its sender records it: which package went from whom to whom, under which grant or other
 * legal basis, covering which scopes.
 *
 * @param id the receipt id, chosen by the sender
 * @param basis the legal basis; {@link LegalBasis#CONSENT} exactly when {@code grant} is present
 * @param grant the consent grant the disclosure is made under, for {@link LegalBasis#CONSENT}
 * @param sender the disclosing institution; only it records the receipt
 * @param recipient the receiving institution; only it acknowledges the receipt
 * @param scopes the kinds of records in the package (at least one)
 * @param packageHash SHA-256 over the signed package content
 * @param sentAt when the sender sent the package (millisecond precision)
 */
public record ExchangeReceipt(
        ReceiptId id,
        LegalBasis basis,
        Optional<GrantId> grant,
        InstitutionId sender,
        InstitutionId recipient,
        Set<Scope> scopes,
        Sha256 packageHash,
        Instant sentAt) {

    public ExchangeReceipt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(recipient, "recipient");
        scopes = Scopes.copyNonEmpty(scopes, "receipt " + id);
        Objects.requireNonNull(packageHash, "packageHash");
        sentAt = Times.millis(sentAt, "sentAt");
        if ((basis == LegalBasis.CONSENT) != grant.isPresent()) {
            throw new IllegalArgumentException("receipt " + id + " has basis " + basis
                    + (grant.isPresent() ? " and names a grant" : " but names no grant")
                    + ": a receipt names a grant exactly when its basis is CONSENT");
        }
        if (sender.equals(recipient)) {
            throw new IllegalArgumentException("receipt " + id + " has the same sender and recipient " + sender);
        }
    }

    /** A receipt for a disclosure under consent grant {@code grant}. */
    public static ExchangeReceipt underGrant(
            ReceiptId id,
            GrantId grant,
            InstitutionId sender,
            InstitutionId recipient,
            Set<Scope> scopes,
            Sha256 packageHash,
            Instant sentAt) {
        return new ExchangeReceipt(
                id, LegalBasis.CONSENT, Optional.of(grant), sender, recipient, scopes, packageHash, sentAt);
    }

    /** A receipt for a disclosure without consent, under {@code basis} (not {@link LegalBasis#CONSENT}). */
    public static ExchangeReceipt underBasis(
            ReceiptId id,
            LegalBasis basis,
            InstitutionId sender,
            InstitutionId recipient,
            Set<Scope> scopes,
            Sha256 packageHash,
            Instant sentAt) {
        return new ExchangeReceipt(id, basis, Optional.empty(), sender, recipient, scopes, packageHash, sentAt);
    }
}
