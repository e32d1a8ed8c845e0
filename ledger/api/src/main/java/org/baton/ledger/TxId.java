package org.baton.ledger;

/**
 * Identifies a ledger transaction: the SHA-256 of its canonical bytes, in lowercase hex. Because the id is
 * derived from the content (which includes a random nonce), a replayed transaction has the id of the original
 * and is refused.
 *
 * @param value 64 lowercase hex digits
 */
public record TxId(String value) implements Comparable<TxId> {

    public TxId {
        Ids.require256(value, "transaction id");
    }

    public static TxId of(String value) {
        return new TxId(value);
    }

    /** The id of a transaction whose canonical bytes hash to {@code digest}. */
    public static TxId of(Sha256 digest) {
        return new TxId(digest.hex());
    }

    @Override
    public int compareTo(TxId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
