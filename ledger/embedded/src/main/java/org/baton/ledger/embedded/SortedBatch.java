package org.baton.ledger.embedded;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * The puts of one block's state, gathered per column and handed to a {@link WriteBatch} in key order. RocksDB
 * inserts a write batch into its memtable skip lists one key after another, reusing the position of the previous
 * key: keys in order (the ids and index entries of a block, sorted) cost a short step each, keys in random order
 * (transaction and receipt ids are hashes and random) a search from the top every time. The order of puts
 * within a batch does not change what the batch writes, except for puts to the same key: those keep their
 * order (the sort is stable), so the later one still wins.
 */
final class SortedBatch {

    private static final Comparator<byte[][]> BY_KEY = (a, b) -> Arrays.compareUnsigned(a[0], b[0]);

    private final Map<ColumnFamilyHandle, List<byte[][]>> columns = new IdentityHashMap<>();

    void put(ColumnFamilyHandle column, byte[] key, byte[] value) {
        columns.computeIfAbsent(column, ignored -> new ArrayList<>()).add(new byte[][] {key, value});
    }

    /** Adds every put to {@code batch}, each column's in key order. */
    void writeTo(WriteBatch batch) throws RocksDBException {
        for (Map.Entry<ColumnFamilyHandle, List<byte[][]>> column : columns.entrySet()) {
            List<byte[][]> puts = column.getValue();
            puts.sort(BY_KEY);
            for (byte[][] put : puts) {
                batch.put(column.getKey(), put[0], put[1]);
            }
        }
    }
}
