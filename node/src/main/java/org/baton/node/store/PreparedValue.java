package org.baton.node.store;

/**
 * A value made ready to be written to an extra column, by {@link RecordStore#prepare}: serialized and, for an
 * encrypted column, encrypted for its column and key. Preparing is the CPU-heavy part of a put and is thread-safe, so
 * callers prepare on their own threads and a single writer thread only adds the bytes to its transaction with
 * {@link StoreTransaction#put(PreparedValue)}. Valid only for the store that prepared it.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface PreparedValue<K, V> {

    /** The column the value is for. */
    Column<K, V> column();

    /** The key the value is bound to. */
    K key();

    /** The value as given to {@link RecordStore#prepare} (not a copy). */
    V value();
}
