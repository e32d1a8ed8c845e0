package org.baton.node.store;

import java.util.Objects;

/**
 * A value prepared by {@link RocksRecordStore#prepare}.
 *
 * @param store the store that prepared it
 * @param column the extra column it is for
 * @param key the key it is bound to
 * @param value the value as given
 * @param keyBytes {@code key} serialized
 * @param stored the bytes to store: {@code value} serialized, and encrypted for {@code column} and {@code keyBytes}
 *     if the column is
 */
record RocksPreparedValue<K, V>(RocksRecordStore store, Column<K, V> column, K key, V value, byte[] keyBytes,
        byte[] stored) implements PreparedValue<K, V> {

    RocksPreparedValue {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(keyBytes, "keyBytes");
        Objects.requireNonNull(stored, "stored");
    }

    @Override
    public String toString() {
        // Never print the key or the value: either may be personal data.
        return "PreparedValue[" + column.name() + "]";
    }
}
