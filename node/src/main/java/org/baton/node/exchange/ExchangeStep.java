package org.baton.node.exchange;

/**
 * The timed steps of a pull, reported through {@link org.baton.node.NodeEventListener#exchangeStepTimed}: where an
 * exchange's time goes, on each side. The steps of one exchange follow each other; {@link #REQUEST} includes the
 * source's three steps and the network.
 */
public enum ExchangeStep {
    /** Recipient: the new exchange written to the outbox (fsync) before the request is sent. */
    REQUESTED_WRITE,
    /** Either side: queued work (an exchange's next step) waiting for a free worker thread. */
    QUEUED,
    /** Recipient: RequestRecords, from the call to the source's answer. */
    REQUEST,
    /** Recipient: verifying the package (signature, certificate chain, membership, header, student). */
    VERIFY,
    /** Recipient: the package stored apart and the exchange marked received (fsync). */
    RECEIVED_WRITE,
    /** Recipient: the source's receipt read from the ledger, when the ledger refused the acceptance naming it. */
    RECEIPT_READ,
    /** Recipient: the acknowledgment committed on the ledger (the acceptance naming the receipt expected). */
    ACKNOWLEDGE,
    /** Recipient: the exchange marked acknowledged and finished. */
    ACKNOWLEDGED_WRITE,
    /**
     * Source: the grant checked, the student read and matched, the records filtered to the scopes and the package's
     * content made. Its signature (alone, or once for a batch) comes after, timed in no step.
     */
    SERVE_PREPARE,
    /** Source: the signed package written to the outbox (fsync). */
    SIGNED_WRITE,
    /** Source: the receipt committed on the ledger. */
    RECEIPT
}
