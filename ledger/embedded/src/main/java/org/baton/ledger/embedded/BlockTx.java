package org.baton.ledger.embedded;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.baton.ledger.TxId;
import org.baton.ledger.tx.SignedTransaction;
import org.baton.ledger.tx.TransactionCodec;

/**
 * A transaction in a block and the proof that its submitter signed it: either its own signature, or the index of
 * the block's {@link BatchEnvelope} that lists its id.
 *
 * @param transaction canonical transaction bytes (not copied: package-private use only)
 * @param signature its own 64-byte signature, or null if an envelope covers it
 * @param envelope the index of the covering envelope in the block, or -1 if it has its own signature
 */
record BlockTx(byte[] transaction, byte[] signature, int envelope) {

    BlockTx {
        Objects.requireNonNull(transaction, "transaction");
        if (transaction.length == 0 || transaction.length > TransactionCodec.MAX_BYTES) {
            throw new IllegalArgumentException("transaction has " + transaction.length
                    + " bytes, outside 1.." + TransactionCodec.MAX_BYTES);
        }
        if (signature == null ? envelope < 0 : envelope != -1) {
            throw new IllegalArgumentException("a transaction has either its own signature or an envelope");
        }
        if (signature != null && signature.length != SignedTransaction.SIGNATURE_LENGTH) {
            throw new IllegalArgumentException(
                    "transaction signature has " + signature.length + " bytes, not " + SignedTransaction.SIGNATURE_LENGTH);
        }
    }

    static BlockTx of(SignedTransaction signed) {
        return new BlockTx(signed.transaction(), signed.signature(), -1);
    }

    static BlockTx inEnvelope(byte[] transaction, int envelope) {
        return new BlockTx(transaction, null, envelope);
    }

    TxId txId() {
        return TransactionCodec.txId(transaction);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BlockTx tx && envelope == tx.envelope && Arrays.equals(transaction, tx.transaction)
                && Arrays.equals(signature, tx.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(transaction), Arrays.hashCode(signature), envelope);
    }

    @Override
    public String toString() {
        return "BlockTx[" + txId() + (signature == null ? ", envelope " + envelope : ", own signature") + "]";
    }

    /** The transaction with its own signature, or empty if an envelope covers it. */
    Optional<SignedTransaction> signed() {
        return signature == null ? Optional.empty() : Optional.of(new SignedTransaction(transaction, signature));
    }
}
