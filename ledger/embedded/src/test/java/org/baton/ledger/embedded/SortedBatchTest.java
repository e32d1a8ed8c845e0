package org.baton.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SortedBatchTest {

    @TempDir
    Path dir;

    @Nested
    class A_sorted_batch {

        @Test
        void writes_every_put_whatever_the_order_of_its_keys() throws RocksDBException {
            RocksDB.loadLibrary();
            try (Options options = new Options().setCreateIfMissing(true);
                    RocksDB db = RocksDB.open(options, dir.toString());
                    WriteBatch batch = new WriteBatch();
                    WriteOptions write = new WriteOptions()) {
                SortedBatch sorted = new SortedBatch();
                sorted.put(db.getDefaultColumnFamily(), bytes("c"), bytes("3"));
                sorted.put(db.getDefaultColumnFamily(), new byte[] {(byte) 0xff}, bytes("high"));
                sorted.put(db.getDefaultColumnFamily(), bytes("a"), bytes("1"));
                sorted.put(db.getDefaultColumnFamily(), bytes("b"), bytes("2"));
                sorted.writeTo(batch);
                db.write(write, batch);

                assertThat(db.get(bytes("a"))).isEqualTo(bytes("1"));
                assertThat(db.get(bytes("b"))).isEqualTo(bytes("2"));
                assertThat(db.get(bytes("c"))).isEqualTo(bytes("3"));
                assertThat(db.get(new byte[] {(byte) 0xff})).isEqualTo(bytes("high"));
            }
        }

        @Test
        void keeps_the_later_of_two_puts_to_the_same_key() throws RocksDBException {
            RocksDB.loadLibrary();
            try (Options options = new Options().setCreateIfMissing(true);
                    RocksDB db = RocksDB.open(options, dir.toString());
                    WriteBatch batch = new WriteBatch();
                    WriteOptions write = new WriteOptions()) {
                SortedBatch sorted = new SortedBatch();
                sorted.put(db.getDefaultColumnFamily(), bytes("receipt"), bytes("recorded"));
                sorted.put(db.getDefaultColumnFamily(), bytes("another"), bytes("x"));
                sorted.put(db.getDefaultColumnFamily(), bytes("receipt"), bytes("acknowledged"));
                sorted.writeTo(batch);
                db.write(write, batch);

                assertThat(db.get(bytes("receipt"))).isEqualTo(bytes("acknowledged"));
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
