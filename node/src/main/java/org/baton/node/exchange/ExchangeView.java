package org.baton.node.exchange;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.baton.ledger.GrantId;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.RejectionReason;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.ledger.Verdict;
import org.baton.trust.InstitutionId;

/**
 * One exchange as a node's outbox holds it (no record contents).
 *
 * @param id the exchange id
 * @param direction whether this node sends or receives
 * @param pull true for a pull (the recipient asked), false for a push
 * @param state the step reached
 * @param peer the other institution
 * @param grant the consent grant, exactly when {@code basis} is {@link LegalBasis#CONSENT}
 * @param basis the legal basis
 * @param scopes the scopes asked for or sent
 * @param packageId the package, once there is one
 * @param receipt the ledger receipt, once it is chosen
 * @param packageHash the package hash, once there is a package
 * @param createdAt when the exchange was recorded
 * @param updatedAt when it last changed
 * @param attempts failed attempts of the current step
 * @param lastError the last failure of the current step
 * @param failure why it was refused or rejected
 * @param verdict the recipient's verdict, once acknowledged
 * @param rejection the rejection reason, when the verdict is a rejection
 */
public record ExchangeView(
        ExchangeId id,
        ExchangeDirection direction,
        boolean pull,
        ExchangeState state,
        InstitutionId peer,
        Optional<GrantId> grant,
        LegalBasis basis,
        Set<Scope> scopes,
        Optional<PackageId> packageId,
        Optional<ReceiptId> receipt,
        Optional<Sha256> packageHash,
        Instant createdAt,
        Instant updatedAt,
        int attempts,
        Optional<String> lastError,
        Optional<String> failure,
        Optional<Verdict> verdict,
        Optional<RejectionReason> rejection) {

    public ExchangeView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(basis, "basis");
        scopes = scopes.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(scopes));
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(packageHash, "packageHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(rejection, "rejection");
    }
}
