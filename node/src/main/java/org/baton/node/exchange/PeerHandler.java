package org.baton.node.exchange;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.baton.ledger.GrantId;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.Scope;
import org.baton.proto.v1.SignedPackage;
import org.baton.trust.InstitutionId;

/**
 * What a node does when a peer calls it: the domain side of {@code PeerExchange}, with the caller authenticated by
 * mutual TLS. Throws the engine's exceptions, which {@link ExchangeErrors} maps to status codes.
 */
interface PeerHandler {

    boolean notifyGrant(InstitutionId caller, GrantId grant, Opening opening, List<InstitutionId> sources);

    PeerClient.Pulled requestRecords(InstitutionId caller, String requestId, GrantId grant, Set<Scope> scopes,
            Optional<Opening> opening);

    boolean deliverRecords(InstitutionId caller, SignedPackage pkg, ReceiptId receipt);

    boolean reportDiscrepancy(InstitutionId caller, String reportId, ReceiptId receipt, String text);

    DiscrepancyAnswer discrepancyAnswer(InstitutionId caller, String reportId);
}
