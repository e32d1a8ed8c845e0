package org.baton.node.exchange;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.baton.trust.InstitutionId;

/**
 * What a node's exchange engine is doing and waiting for, for the admin status and the registrar pages.
 *
 * @param unfinishedByState exchanges not yet finished here, by the step they are at
 * @param queuedReceipts packages signed whose receipt is not yet on the ledger
 * @param queuedAcknowledgments packages received whose acknowledgment is not yet on the ledger
 * @param queuedNotifications grant notifications not yet delivered
 * @param queuedGrants grants this node attests that are not yet on the ledger
 * @param ledgerReachable whether the last ledger call succeeded
 * @param ledgerError the last ledger failure, when it is not reachable
 * @param peers the peers whose last call failed, with when they are tried next
 * @param settled exchanges that finished successfully since the node started
 * @param failed exchanges that were refused or rejected since the node started
 */
public record ExchangeStatus(
        Map<ExchangeState, Long> unfinishedByState,
        long queuedReceipts,
        long queuedAcknowledgments,
        long queuedNotifications,
        long queuedGrants,
        boolean ledgerReachable,
        Optional<String> ledgerError,
        List<PeerRetry> peers,
        long settled,
        long failed) {

    public ExchangeStatus {
        unfinishedByState = Map.copyOf(unfinishedByState);
        Objects.requireNonNull(ledgerError, "ledgerError");
        peers = List.copyOf(peers);
    }

    /** The number of exchanges not finished here. */
    public long unfinished() {
        return unfinishedByState.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * A peer being retried.
     *
     * @param peer the institution
     * @param consecutiveFailures failed calls in a row
     * @param lastError the last failure
     * @param lastFailureAt when it failed last
     * @param nextAttemptAt when it is called next
     */
    public record PeerRetry(InstitutionId peer, int consecutiveFailures, String lastError, Instant lastFailureAt,
            Instant nextAttemptAt) {
        public PeerRetry {
            Objects.requireNonNull(peer, "peer");
            Objects.requireNonNull(lastError, "lastError");
            Objects.requireNonNull(lastFailureAt, "lastFailureAt");
            Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        }
    }
}
