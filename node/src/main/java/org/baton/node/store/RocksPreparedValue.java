package org.baton.node.store;

import java.util.Objects;

/**
 * A value prepared by {@link RocksRecordStore#prepare}.
 *
 * @param store the store that prepared it
 * @param column the extra column it is for
 * @param key the serialized key it is bound to
 * @param value the stored bytes: serialized, and encrypted for {@code column} and {@code key} if the column is
 */
record RocksPreparedValue(RocksRecordStore store, Column<?, ?> column, byte[] key, byte[] value)
        implements PreparedValue {

    RocksPreparedValue {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        // Never print the value: it may be personal data.
        return "PreparedValue[" + column.name() + "]";
    }
}
