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
import org.baton.ledger.Scope;
import org.baton.ledger.Verdict;
import org.baton.trust.InstitutionId;

/**
 * One disclosure of a student's records, from the ledger's receipts: the 34 CFR 99.32 access-log entry.
 *
 * @param receipt the receipt id
 * @param sentAt when the records were sent
 * @param sender who sent them
 * @param recipient who received them
 * @param scopes what was sent
 * @param basis consent or the legal basis used
 * @param grant the grant, for a disclosure under consent
 * @param verdict the recipient's acknowledgment, once recorded
 */
public record Disclosure(ReceiptId receipt, Instant sentAt, InstitutionId sender, InstitutionId recipient,
        Set<Scope> scopes, LegalBasis basis, Optional<GrantId> grant, Optional<Verdict> verdict) {

    public Disclosure {
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(recipient, "recipient");
        scopes = Collections.unmodifiableSet(EnumSet.copyOf(scopes));
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(verdict, "verdict");
    }
}
