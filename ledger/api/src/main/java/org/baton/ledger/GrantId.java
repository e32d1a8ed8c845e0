package org.baton.ledger;

/**
 * Identifies a consent grant: a random 128-bit value in lowercase hex, chosen by the attesting institution.
 *
 * @param value 32 lowercase hex digits
 */
public record GrantId(String value) implements Comparable<GrantId> {

    public GrantId {
        Ids.require128(value, "grant id");
    }

    public static GrantId of(String value) {
        return new GrantId(value);
    }

    /** A fresh grant id from a {@link java.security.SecureRandom}. */
    public static GrantId random() {
        return new GrantId(Ids.random128());
    }

    @Override
    public int compareTo(GrantId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
