package org.baton.node.exchange;

/**
 * Identifies a signed record package: a random 128-bit value in lowercase hex, chosen by the sender and carried in
 * the package header.
 *
 * @param value 32 lowercase hex digits
 */
public record PackageId(String value) implements Comparable<PackageId> {

    public PackageId {
        Hex128.require(value, "package id");
    }

    public static PackageId of(String value) {
        return new PackageId(value);
    }

    /** A fresh package id from a {@link java.security.SecureRandom}. */
    public static PackageId random() {
        return new PackageId(Hex128.random());
    }

    @Override
    public int compareTo(PackageId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
