package org.baton.ledger.tx;

import java.util.Arrays;
import java.util.Objects;
import org.baton.ledger.TxId;

/**
 * A transaction exactly as submitted: its canonical bytes and the submitter's Ed25519 signature over
 * {@link TransactionCodec#signingPayload}.
 *
 * @param transaction canonical transaction bytes (copied in and out)
 * @param signature 64-byte Ed25519 signature (copied in and out)
 */
public record SignedTransaction(byte[] transaction, byte[] signature) {

    /** Length of an Ed25519 signature. */
    public static final int SIGNATURE_LENGTH = 64;

    public SignedTransaction {
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(signature, "signature");
        if (transaction.length == 0 || transaction.length > TransactionCodec.MAX_BYTES) {
            throw new IllegalArgumentException("transaction has " + transaction.length
                    + " bytes, outside 1.." + TransactionCodec.MAX_BYTES);
        }
        if (signature.length != SIGNATURE_LENGTH) {
            throw new IllegalArgumentException(
                    "transaction signature has " + signature.length + " bytes, not " + SIGNATURE_LENGTH);
        }
        transaction = transaction.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] transaction() {
        return transaction.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The transaction id: SHA-256 of the transaction bytes. */
    public TxId txId() {
        return TransactionCodec.txId(transaction);
    }

    /** Parses the transaction bytes; see {@link TransactionCodec#decode}. */
    public LedgerTransaction decode() {
        return TransactionCodec.decode(transaction);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedTransaction signed
                && Arrays.equals(transaction, signed.transaction)
                && Arrays.equals(signature, signed.signature);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(transaction) + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "SignedTransaction[" + txId() + "]";
    }
}
