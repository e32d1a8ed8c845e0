package org.baton.ledger.fabric;

import java.util.Optional;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Proposal;

/** A {@link Contract} that supports nothing: tests override what they use. */
class UnsupportedContract implements Contract {

    @Override
    public String getChaincodeName() {
        return "qscc";
    }

    @Override
    public Optional<String> getContractName() {
        return Optional.empty();
    }

    @Override
    public byte[] submitTransaction(String name) {
        throw new UnsupportedOperationException(name);
    }

    @Override
    public byte[] submitTransaction(String name, String... args) {
        throw new UnsupportedOperationException(name);
    }

    @Override
    public byte[] submitTransaction(String name, byte[]... args) {
        throw new UnsupportedOperationException(name);
    }

    @Override
    public byte[] evaluateTransaction(String name) {
        return evaluateTransaction(name, new String[0]);
    }

    @Override
    public byte[] evaluateTransaction(String name, String... args) {
        throw new UnsupportedOperationException(name);
    }

    @Override
    public byte[] evaluateTransaction(String name, byte[]... args) {
        throw new UnsupportedOperationException(name);
    }

    @Override
    public Proposal.Builder newProposal(String name) {
        throw new UnsupportedOperationException(name);
    }
}
