package org.baton.ledger.embedded;

/** The contract suite through {@link RemoteLedger} with one SubmitTransaction call per transaction. */
class UnaryRemoteLedgerContractIT extends RemoteLedgerContractIT {

    @Override
    protected SubmitBatching batching() {
        return SubmitBatching.NONE;
    }
}
