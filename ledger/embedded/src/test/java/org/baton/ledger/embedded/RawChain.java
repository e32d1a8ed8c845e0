package org.baton.ledger.embedded;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/** Edits a closed ledger store behind the ledger's back, the way an attacker with disk access would. */
public final class RawChain {

    private RawChain() {
    }

    /** Replaces the stored bytes of block {@code number} by {@code edit(bytes)}, or deletes it if that is null. */
    public static void editBlock(Path dir, long number, UnaryOperator<byte[]> edit) throws RocksDBException {
        List<byte[]> names;
        try (Options options = new Options()) {
            names = RocksDB.listColumnFamilies(options, dir.toString());
        }
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        names.forEach(name -> descriptors.add(new ColumnFamilyDescriptor(name)));
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions(); RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles)) {
            try {
                ColumnFamilyHandle blocks = null;
                for (int i = 0; i < names.size(); i++) {
                    if (new String(names.get(i), StandardCharsets.US_ASCII).equals("blocks")) {
                        blocks = handles.get(i);
                    }
                }
                byte[] key = java.nio.ByteBuffer.allocate(Long.BYTES).putLong(number).array();
                byte[] stored = db.get(blocks, key);
                if (stored == null) {
                    throw new IllegalStateException("no block " + number);
                }
                byte[] edited = edit.apply(stored.clone());
                if (edited == null) {
                    db.delete(blocks, key);
                } else {
                    db.put(blocks, key, edited);
                }
            } finally {
                handles.forEach(ColumnFamilyHandle::close);
            }
        }
    }

    /** Flips the lowest bit of byte {@code offset} (negative: counted from the end). */
    public static UnaryOperator<byte[]> flipByte(int offset) {
        return bytes -> {
            int at = offset >= 0 ? offset : bytes.length + offset;
            bytes[at] ^= 0x01;
            return bytes;
        };
    }
}
