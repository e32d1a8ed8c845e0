package org.baton.node.portal.consent;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.baton.proto.v1.LegalBasis;
import org.baton.proto.v1.Scope;

/**
 * One disclosure of a student's records: who received what, when, under which grant or legal basis.
 *
 * @param id        the receipt id
 * @param at        when the records were sent
 * @param sender    the institution that sent them
 * @param recipient the institution that received them
 * @param scopes    what was sent
 * @param basis     consent or the legal basis used
 * @param grantId   the grant, for a disclosure under consent
 * @param acknowledged whether the recipient acknowledged receipt on the ledger
 */
public record Disclosure(String id, Instant at, Institution sender, Institution recipient, Set<Scope> scopes,
                         LegalBasis basis, Optional<String> grantId, boolean acknowledged) {

    public Disclosure {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(recipient, "recipient");
        scopes = Scopes.inOrder(scopes);
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(grantId, "grantId");
    }
}
