package org.baton.node.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * Direct RocksDB access to a closed store directory, for tests that must tamper with or inspect the raw layout
 * (schema versions, moved ciphertext). Never used by production code.
 */
final class RawRocks {

    @FunctionalInterface
    interface Action {
        void run(RocksDB db, Map<String, ColumnFamilyHandle> columns) throws RocksDBException;
    }

    private RawRocks() {}

    static List<String> columnFamilies(Path directory) throws RocksDBException {
        try (Options options = new Options()) {
            List<String> names = new ArrayList<>();
            for (byte[] name : RocksDB.listColumnFamilies(options, directory.toString())) {
                names.add(new String(name, StandardCharsets.US_ASCII));
            }
            return names;
        }
    }

    /** Opens every column family of {@code directory} (creating the database and {@code create} if needed). */
    static void with(Path directory, List<String> create, Action action) throws RocksDBException {
        RocksDB.loadLibrary();
        List<String> names = new ArrayList<>();
        names.add("default");
        try {
            for (String name : columnFamilies(directory)) {
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
        } catch (RocksDBException absent) {
            // A new database: only the families asked for.
        }
        for (String name : create) {
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        for (String name : names) {
            descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.US_ASCII)));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
                RocksDB db = RocksDB.open(options, directory.toString(), descriptors, handles)) {
            try {
                Map<String, ColumnFamilyHandle> byName = new HashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    byName.put(names.get(i), handles.get(i));
                }
                action.run(db, byName);
            } finally {
                handles.forEach(ColumnFamilyHandle::close);
            }
        }
    }

    static void setSchemaVersion(Path directory, int version) throws RocksDBException {
        with(directory, List.of(), (db, columns) -> db.put(columns.get("meta"),
                "schema_version".getBytes(StandardCharsets.UTF_8), Serializers.uint32().serialize(version)));
    }

    static int schemaVersion(Path directory) throws RocksDBException {
        int[] version = new int[1];
        with(directory, List.of(), (db, columns) -> version[0] = Serializers.uint32().deserialize(
                db.get(columns.get("meta"), "schema_version".getBytes(StandardCharsets.UTF_8))));
        return version[0];
    }
}
