package org.baton.node.exchange;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.baton.ledger.GrantId;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.Scope;
import org.baton.proto.v1.SignedPackage;
import org.baton.trust.InstitutionId;

/**
 * Calls other nodes' {@code PeerExchange} service. The seam between the exchange engine and the network: over
 * mutual-TLS gRPC in a node ({@link GrpcPeerClient}), in memory in unit tests. Every call has a deadline.
 *
 * <p>Failures: {@link PeerUnavailableException} when the peer cannot be reached or answers UNAVAILABLE (retry later),
 * {@link PeerRefusedException} when it refuses for good.
 */
interface PeerClient extends AutoCloseable {

    /** What a source answers to a pull. */
    record Pulled(SignedPackage pkg, ReceiptId receipt) {
    }

    /**
     * Tells {@code party} the opening of {@code grant}, and the recipient of a grant from every institution
     * attended whom to pull from ({@code sources}, empty otherwise); returns whether it holds the student (sources).
     */
    boolean notifyGrant(InstitutionId party, GrantId grant, Opening opening, List<InstitutionId> sources);

    /** Asks {@code source} for the records of {@code grant}. */
    Pulled requestRecords(InstitutionId source, ExchangeId requestId, GrantId grant, Set<Scope> scopes,
            Optional<Opening> opening);

    /**
     * As {@link #requestRecords}, without holding the calling thread: the future completes with what that method
     * would return, or fails with what it would throw.
     */
    default CompletableFuture<Pulled> requestRecordsAsync(InstitutionId source, ExchangeId requestId, GrantId grant,
            Set<Scope> scopes, Optional<Opening> opening) {
        try {
            return CompletableFuture.completedFuture(requestRecords(source, requestId, grant, scopes, opening));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Delivers a package to {@code recipient}; returns whether it had it already. */
    boolean deliverRecords(InstitutionId recipient, SignedPackage pkg, ReceiptId receipt);

    /** Reports to {@code source} what looks wrong in the package it sent under {@code receipt}; true if it had it. */
    boolean reportDiscrepancy(InstitutionId source, String reportId, ReceiptId receipt, String text);

    /** Asks {@code source} how it answered a report this node filed there. */
    DiscrepancyAnswer discrepancyAnswer(InstitutionId source, String reportId);

    @Override
    void close();
}
