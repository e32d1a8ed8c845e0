package org.baton.ledger.embedded;

import java.util.Optional;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/** A RocksDB column family with the codecs of its keys and values. */
record Column<K, V>(String name, Codec<K> keys, Codec<V> values, ColumnFamilyHandle handle) {

    Optional<V> get(RocksDB db, K key) throws RocksDBException {
        byte[] bytes = db.get(handle, keys.encode(key));
        return bytes == null ? Optional.empty() : Optional.of(values.decode(bytes));
    }

    boolean contains(RocksDB db, K key) throws RocksDBException {
        byte[] encoded = keys.encode(key);
        if (!db.keyMayExist(handle, encoded, null)) {
            return false;
        }
        return db.get(handle, encoded) != null;
    }

    void put(WriteBatch batch, K key, V value) throws RocksDBException {
        batch.put(handle, keys.encode(key), values.encode(value));
    }

    void put(SortedBatch batch, K key, V value) {
        batch.put(handle, keys.encode(key), values.encode(value));
    }
}
