package org.baton.ledger.embedded;

/** Converts keys or values of a RocksDB column to and from bytes. */
interface Codec<T> {

    byte[] encode(T value);

    T decode(byte[] bytes);
}
