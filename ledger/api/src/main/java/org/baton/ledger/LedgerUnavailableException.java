package org.baton.ledger;

import java.util.Objects;
import java.util.Optional;

/**
 * The ledger could not be reached or did not answer in time. For a write, the outcome is unknown: the
 * transaction may still commit, so a caller checks {@link LedgerReader#transaction} with {@link #txId()} before
 * retrying with a new transaction.
 */
public final class LedgerUnavailableException extends LedgerException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final transient Optional<TxId> txId;

    /**
     * @param operation the port operation that failed, e.g. {@code "recordReceipt"}
     * @param txId the transaction submitted, for a write
     * @param cause what went wrong
     */
    public LedgerUnavailableException(String operation, Optional<TxId> txId, Throwable cause) {
        super("ledger unavailable for " + Objects.requireNonNull(operation, "operation")
                + Objects.requireNonNull(txId, "txId").map(id -> " of transaction " + id + " (outcome unknown)").orElse("")
                + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
        this.operation = operation;
        this.txId = txId;
    }

    public String operation() {
        return operation;
    }

    public Optional<TxId> txId() {
        return txId == null ? Optional.empty() : txId;
    }
}
