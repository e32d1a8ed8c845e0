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

    /** One pull of a {@link #requestRecordsBatch batch}: what {@link #requestRecords} takes. */
    record Pull(String requestId, GrantId grant, Set<Scope> scopes, Optional<Opening> opening) {
    }

    /** What one pull of a batch came to: the package, or the exception {@link #requestRecords} would have thrown. */
    record Served(Optional<PeerClient.Pulled> pulled, Optional<RuntimeException> error) {

        static Served of(PeerClient.Pulled pulled) {
            return new Served(Optional.of(pulled), Optional.empty());
        }

        static Served failed(RuntimeException error) {
            return new Served(Optional.empty(), Optional.of(error));
        }
    }

    boolean notifyGrant(InstitutionId caller, GrantId grant, Opening opening, List<InstitutionId> sources);

    PeerClient.Pulled requestRecords(InstitutionId caller, String requestId, GrantId grant, Set<Scope> scopes,
            Optional<Opening> opening);

    /**
     * Several pulls of one caller, each answered as {@link #requestRecords} would answer it alone, in order; their
     * packages signed together when {@code signTogether} (the caller verifies batch signatures).
     */
    List<Served> requestRecordsBatch(InstitutionId caller, List<Pull> pulls, boolean signTogether);

    boolean deliverRecords(InstitutionId caller, SignedPackage pkg, ReceiptId receipt);

    boolean reportDiscrepancy(InstitutionId caller, String reportId, ReceiptId receipt, String text);

    DiscrepancyAnswer discrepancyAnswer(InstitutionId caller, String reportId);
}
