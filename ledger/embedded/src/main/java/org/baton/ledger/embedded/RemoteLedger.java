package org.baton.ledger.embedded;

import java.time.Duration;
import java.util.Objects;
import org.baton.ledger.Committed;
import org.baton.ledger.Ledger;
import org.baton.ledger.tx.SignedTransaction;
import org.baton.trust.InstitutionCredentials;
import org.baton.trust.Member;
import org.baton.trust.PeerEndpoint;

/**
 * A client of an {@link EmbeddedLedgerServer}, over mutual TLS, as one institution. Transactions that threads
 * submit at the same time travel together in one call (see {@link SubmitBatching}); each thread still gets its own
 * transaction's outcome. After an outage the client reconnects on the next call. Every call has a deadline;
 * failures arrive as the port's exceptions ({@link org.baton.ledger.LedgerRejectedException} for a refusal,
 * {@link org.baton.ledger.LedgerUnavailableException} when the server cannot be reached, answers too late or
 * fails). Thread-safe; {@link #close()} is idempotent.
 */
public interface RemoteLedger extends Ledger {

    /** The deadline of a call when none is given. */
    Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);

    /**
     * Connects (lazily) to the ledger server at {@code endpoint}.
     *
     * @param endpoint where the ledger server listens
     * @param operator the consortium member the server presents itself as (its TLS certificate is checked)
     * @param own this institution's credentials: its TLS certificate authenticates the calls, its signing key
     *     signs the transactions
     * @param deadline how long each call may take (positive)
     */
    static RemoteLedger connect(PeerEndpoint endpoint, Member operator, InstitutionCredentials own, Duration deadline) {
        return connect(endpoint, operator, own, deadline, SubmitBatching.DEFAULT);
    }

    /**
     * Connects (lazily) to the ledger server at {@code endpoint}, gathering concurrent submissions into batches as
     * {@code batching} says.
     *
     * @param batching how transactions submitted concurrently share calls; {@link SubmitBatching#NONE} sends each
     *     in its own call. With batching on, concurrent receipt reads share {@code GetReceipts} calls too (a lone
     *     read is sent at once, the reads arriving while it is out go together in the next call)
     * @see #connect(PeerEndpoint, Member, InstitutionCredentials, Duration)
     */
    static RemoteLedger connect(PeerEndpoint endpoint, Member operator, InstitutionCredentials own, Duration deadline,
            SubmitBatching batching) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(own, "own");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(batching, "batching");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline " + deadline + " is not positive");
        }
        return GrpcLedgerClient.connect(endpoint, operator, own, deadline, batching);
    }

    /**
     * Submits a transaction signed elsewhere (for example one kept in an outbox), exactly as signed.
     *
     * @throws org.baton.ledger.LedgerRejectedException if the server refuses it
     * @throws org.baton.ledger.LedgerUnavailableException if the outcome is unknown
     */
    Committed submit(SignedTransaction transaction);
}
