package org.baton.ledger;

/**
 * Identifies an exchange receipt: a random 128-bit value in lowercase hex, chosen by the sending institution.
 *
 * @param value 32 lowercase hex digits
 */
public record ReceiptId(String value) implements Comparable<ReceiptId> {

    public ReceiptId {
        Ids.require128(value, "receipt id");
    }

    public static ReceiptId of(String value) {
        return new ReceiptId(value);
    }

    /** A fresh receipt id from a {@link java.security.SecureRandom}. */
    public static ReceiptId random() {
        return new ReceiptId(Ids.random128());
    }

    @Override
    public int compareTo(ReceiptId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
