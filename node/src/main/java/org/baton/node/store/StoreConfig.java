package org.baton.node.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How to open a {@link RecordStore}: where, with which data key, with which extra {@link Column}s, and a few
 * tuning knobs. Immutable; the compact constructor validates every field and names the bad one.
 *
 * @param directory the RocksDB directory; created (with its parents) when absent. An existing directory must be
 *     empty or hold a record store.
 * @param dataKey the node data key (see {@link DataKey#loadOrCreate})
 * @param columns the extra columns other features store data in (received packages, outbox, audit …); each name
 *     once, none of the store's reserved names. Column families found on disk but not declared are kept (opened
 *     and left alone), never dropped.
 * @param writeBufferBytes RocksDB memtable size per column family of the store's own columns (records and
 *     indexes); larger favours bulk import. The declared {@code columns} take at most 8 MiB each.
 * @param blockCacheBytes shared block cache size for reads
 * @param syncWrites whether every commit waits for the WAL to reach the disk ({@code fsync}); with
 *     {@code false} a commit survives a process crash but not an OS crash or power loss
 */
public record StoreConfig(
        Path directory,
        DataKey dataKey,
        List<Column<?, ?>> columns,
        long writeBufferBytes,
        long blockCacheBytes,
        boolean syncWrites) {

    /** Default memtable size per column family: 64 MiB. */
    public static final long DEFAULT_WRITE_BUFFER_BYTES = 64L << 20;
    /** Default block cache: 128 MiB. */
    public static final long DEFAULT_BLOCK_CACHE_BYTES = 128L << 20;

    private static final long MIN_BUFFER = 1L << 20;
    private static final long MAX_BUFFER = 4L << 30;

    public StoreConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(dataKey, "dataKey");
        Objects.requireNonNull(columns, "columns");
        columns = List.copyOf(columns);
        Set<String> names = new HashSet<>();
        for (Column<?, ?> column : columns) {
            if (Schema.RESERVED_NAMES.contains(column.name())) {
                throw new IllegalArgumentException("store config columns: '" + column.name()
                        + "' is reserved by the record store; reserved names are " + Schema.RESERVED_NAMES);
            }
            if (!names.add(column.name())) {
                throw new IllegalArgumentException("store config columns: '" + column.name() + "' is declared twice");
            }
        }
        if (writeBufferBytes < MIN_BUFFER || writeBufferBytes > MAX_BUFFER) {
            throw new IllegalArgumentException("store config writeBufferBytes must be between " + MIN_BUFFER + " and "
                    + MAX_BUFFER + ", got " + writeBufferBytes);
        }
        if (blockCacheBytes < MIN_BUFFER || blockCacheBytes > MAX_BUFFER) {
            throw new IllegalArgumentException("store config blockCacheBytes must be between " + MIN_BUFFER + " and "
                    + MAX_BUFFER + ", got " + blockCacheBytes);
        }
    }

    /** A config with no extra columns, default tuning and synchronous commits. */
    public static StoreConfig of(Path directory, DataKey dataKey) {
        return new StoreConfig(
                directory, dataKey, List.of(), DEFAULT_WRITE_BUFFER_BYTES, DEFAULT_BLOCK_CACHE_BYTES, true);
    }

    /** This config with {@code more} columns added to the declared ones. */
    public StoreConfig withColumns(Column<?, ?>... more) {
        List<Column<?, ?>> all = new ArrayList<>(columns);
        for (Column<?, ?> column : more) {
            all.add(Objects.requireNonNull(column, "column"));
        }
        return new StoreConfig(directory, dataKey, all, writeBufferBytes, blockCacheBytes, syncWrites);
    }

    /** This config with commits synchronous ({@code true}) or not. */
    public StoreConfig withSyncWrites(boolean sync) {
        return new StoreConfig(directory, dataKey, columns, writeBufferBytes, blockCacheBytes, sync);
    }

    /** This config with other memtable and block cache sizes. */
    public StoreConfig withTuning(long writeBuffer, long blockCache) {
        return new StoreConfig(directory, dataKey, columns, writeBuffer, blockCache, syncWrites);
    }
}
