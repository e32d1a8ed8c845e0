package org.baton.node.store;

import java.util.Map;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Moves a store from schema version {@link #fromVersion()} to the next. The store writes {@code batch} together
 * with the new version number in one atomic write, so a crash leaves the store at the old version, never half
 * migrated. A migration reads through {@code db} (which still shows the old layout) and writes only to
 * {@code batch}.
 */
interface Migration {

    int fromVersion();

    /**
     * @param db the open database, at {@link #fromVersion()}
     * @param columns every column family handle by name, including those the new version adds
     * @param crypto the store's cryptography, for migrations that re-encrypt or re-hash
     * @param batch where the migration writes
     */
    void migrate(RocksDB db, Map<String, ColumnFamilyHandle> columns, StoreCrypto crypto, WriteBatch batch)
            throws RocksDBException;
}
