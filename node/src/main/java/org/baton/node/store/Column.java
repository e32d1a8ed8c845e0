package org.baton.node.store;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One RocksDB column family with the serializers of its keys and values: the typed unit of storage. A feature
 * declares its columns as constants in its own package and passes them to {@link StoreConfig#withColumns}; the
 * store creates missing column families on open.
 *
 * <pre>{@code
 * static final Column<Long, OutboxEntry> OUTBOX =
 *         Column.encrypted("outbox", Serializers.uint64(), Serializers.proto(OutboxEntry.parser()));
 * }</pre>
 *
 * @param name the column family name: lower case letters, digits and '_', starting with a letter, at most 64
 *     characters; names used by the store itself are reserved
 * @param keys serializer of keys (fixed-width big-endian for numbers, so range scans follow numeric order)
 * @param values serializer of values
 * @param encrypted whether values are encrypted at rest (AES-GCM under the node data key, bound to the column
 *     and key); use it for anything holding personal data. Keys are never encrypted, so they must not contain
 *     personal data in the clear.
 * @param largeValues whether values are kilobytes, written once and rarely read (signed packages): the store keeps
 *     them in blob files, so compaction moves only keys and blob references instead of rewriting every value at
 *     every level
 * @param <K> key type
 * @param <V> value type
 */
public record Column<K, V>(String name, Serializer<K> keys, Serializer<V> values, boolean encrypted,
        boolean largeValues) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(values, "values");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("column name '" + name
                    + "' must be lower case letters, digits and '_', start with a letter, at most 64 characters");
        }
    }

    /** A column whose values are stored as serialized, without encryption. */
    public static <K, V> Column<K, V> plain(String name, Serializer<K> keys, Serializer<V> values) {
        return new Column<>(name, keys, values, false, false);
    }

    /** A column whose values are encrypted at rest. */
    public static <K, V> Column<K, V> encrypted(String name, Serializer<K> keys, Serializer<V> values) {
        return new Column<>(name, keys, values, true, false);
    }

    /** This column with {@link #largeValues()} set: its values are kept in blob files. */
    public Column<K, V> withLargeValues() {
        return new Column<>(name, keys, values, encrypted, true);
    }

    @Override
    public String toString() {
        return "Column[" + name + (encrypted ? ", encrypted" : "") + (largeValues ? ", large values]" : "]");
    }
}
