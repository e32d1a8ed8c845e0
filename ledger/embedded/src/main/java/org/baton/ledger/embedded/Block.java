package org.baton.ledger.embedded;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.baton.ledger.Sha256;
import org.baton.ledger.tx.SignedTransaction;
import org.baton.trust.InstitutionId;

/**
 * One block of the chain: transactions accepted together, at one transaction time, linked to the previous
 * block by its hash and signed by the ledger operator.
 *
 * @param number position in the chain, from 0
 * @param previousHash hash of block {@code number - 1}; all zeros for block 0
 * @param time the transaction time of every transaction in the block (millisecond precision)
 * @param firstSequence the event sequence of the first transaction; the others follow without gaps
 * @param operator the institution whose signing key signs the block
 * @param envelopes the batch envelopes that sign transactions of this block (each used by at least one)
 * @param transactions the accepted transactions, in order (at least one)
 */
record Block(
        long number,
        Sha256 previousHash,
        Instant time,
        long firstSequence,
        InstitutionId operator,
        List<BatchEnvelope> envelopes,
        List<BlockTx> transactions) {

    /** The previous hash of block 0. */
    static final Sha256 GENESIS_PARENT = Sha256.ofHex("0".repeat(64));

    Block {
        if (number < 0) {
            throw new IllegalArgumentException("block number " + number + " is negative");
        }
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(time, "time");
        if (firstSequence < 1) {
            throw new IllegalArgumentException("block " + number + " starts at sequence " + firstSequence);
        }
        Objects.requireNonNull(operator, "operator");
        envelopes = List.copyOf(envelopes);
        transactions = List.copyOf(transactions);
        if (transactions.isEmpty()) {
            throw new IllegalArgumentException("block " + number + " has no transactions");
        }
        boolean[] used = new boolean[envelopes.size()];
        for (int i = 0; i < transactions.size(); i++) {
            int envelope = transactions.get(i).envelope();
            if (envelope >= envelopes.size()) {
                throw new IllegalArgumentException("transaction " + i + " of block " + number + " names envelope "
                        + envelope + " of " + envelopes.size());
            }
            if (envelope >= 0) {
                used[envelope] = true;
            }
        }
        for (int e = 0; e < used.length; e++) {
            if (!used[e]) {
                throw new IllegalArgumentException("envelope " + e + " of block " + number + " signs no transaction");
            }
        }
    }

    /** A block whose transactions all carry their own signatures. */
    Block(long number, Sha256 previousHash, Instant time, long firstSequence, InstitutionId operator,
            List<SignedTransaction> transactions) {
        this(number, previousHash, time, firstSequence, operator, List.of(),
                transactions.stream().map(BlockTx::of).toList());
    }

    /** The sequence of the block's last transaction. */
    long lastSequence() {
        return firstSequence + transactions.size() - 1;
    }
}
