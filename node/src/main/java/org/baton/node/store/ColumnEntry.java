package org.baton.node.store;

import java.util.Objects;

/**
 * One key and value read from a {@link Column} by a scan.
 *
 * @param key the decoded key
 * @param value the decoded (and decrypted) value
 * @param <K> key type
 * @param <V> value type
 */
public record ColumnEntry<K, V>(K key, V value) {

    public ColumnEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
