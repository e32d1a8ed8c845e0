package org.baton.node.store;

import java.util.Arrays;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * A RocksDB iterator over one column family, from a start key to an exclusive end key, exposed as an ordered
 * {@link Stream}. The iterator sees a consistent snapshot taken when the scan starts. Closing the stream, reaching
 * its end, or closing the store releases the iterator; each native call happens under the store's guard, so a
 * concurrent {@link RecordStore#close()} can never free the iterator under it.
 *
 * @param <T> element type
 */
final class ColumnScan<T> extends Spliterators.AbstractSpliterator<T> implements AutoCloseable {

    private final RocksRecordStore store;
    private final String columnName;
    private final byte[] toExclusive;
    private final BiFunction<byte[], byte[], T> decoder;
    private ReadOptions readOptions;
    private RocksIterator iterator;

    private ColumnScan(RocksRecordStore store, String columnName, ColumnFamilyHandle handle, byte[] fromInclusive,
            byte[] toExclusive, BiFunction<byte[], byte[], T> decoder) {
        super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
        this.store = store;
        this.columnName = columnName;
        this.toExclusive = toExclusive;
        this.decoder = decoder;
        this.readOptions = new ReadOptions();
        this.iterator = store.db().newIterator(handle, readOptions);
        if (fromInclusive == null) {
            iterator.seekToFirst();
        } else {
            iterator.seek(fromInclusive);
        }
    }

    /**
     * Opens a scan and registers it with the store; the caller must hold the store's guard.
     *
     * @param fromInclusive first key, or {@code null} for the start of the column
     * @param toExclusive key to stop before, or {@code null} for the end of the column
     */
    static <T> Stream<T> open(RocksRecordStore store, String columnName, ColumnFamilyHandle handle,
            byte[] fromInclusive, byte[] toExclusive, BiFunction<byte[], byte[], T> decoder) {
        ColumnScan<T> scan = new ColumnScan<>(store, columnName, handle, fromInclusive, toExclusive, decoder);
        store.register(scan);
        return StreamSupport.stream(scan, false).onClose(scan::close);
    }

    @Override
    public boolean tryAdvance(Consumer<? super T> action) {
        byte[] key;
        byte[] value;
        store.lockGuard();
        try {
            if (iterator == null) {
                if (store.isClosed()) {
                    throw new StoreClosedException("scan of column '" + columnName + "' used after the store was closed");
                }
                return false;
            }
            if (!iterator.isValid()) {
                try {
                    iterator.status();
                } catch (RocksDBException e) {
                    throw new StoreReadException(columnName, "iterator failed", e);
                } finally {
                    releaseNative();
                }
                return false;
            }
            key = iterator.key();
            if (toExclusive != null && Arrays.compareUnsigned(key, toExclusive) >= 0) {
                releaseNative();
                return false;
            }
            value = iterator.value();
            iterator.next();
        } finally {
            store.unlockGuard();
        }
        action.accept(decoder.apply(key, value));
        return true;
    }

    @Override
    public void close() {
        store.lockGuard();
        try {
            releaseNative();
        } finally {
            store.unlockGuard();
        }
    }

    /** Frees the iterator; idempotent. Callers hold the store's guard (read or write). */
    void releaseNative() {
        if (iterator != null) {
            iterator.close();
            readOptions.close();
            iterator = null;
            readOptions = null;
            store.unregister(this);
        }
    }

    /** The smallest key greater than every key starting with {@code prefix}, or {@code null} if there is none. */
    static byte[] prefixEnd(byte[] prefix) {
        byte[] end = prefix.clone();
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xFF) {
                end[i]++;
                return Arrays.copyOf(end, i + 1);
            }
        }
        return null;
    }
}
