package org.baton.node.store;

/**
 * A student record made ready to be written, by {@link RecordStore#prepareStudent}: validated, serialized, its
 * keyed hashes computed and its value encrypted. Preparing is the CPU-heavy part of a write and is thread-safe, so a
 * bulk load prepares on several threads while one thread writes with {@link StoreTransaction#putPrepared} or
 * {@link RecordStore#writePrepared}. Valid only for the store that prepared it. Holds the encrypted record only
 * (no plaintext copy), so prepared students waiting to be written take little memory.
 */
public interface PreparedStudent {
}
