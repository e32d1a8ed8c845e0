package org.baton.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.baton.ledger.embedded.DirectIo;
import org.baton.ledger.testing.RocksOptionsFile;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How each column family is opened, read back from the OPTIONS file RocksDB writes for the open database: the
 * store's own columns take the configured memtable size (bulk import), the columns features declare a small one;
 * student records and columns of large values keep their values in blob files.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ColumnTuningTest {

    private static final String DEFAULT = Long.toString(StoreConfig.DEFAULT_WRITE_BUFFER_BYTES);
    private static final String FEATURE = Long.toString(RocksOptions.FEATURE_WRITE_BUFFER_BYTES);

    @TempDir
    Path directory;

    @Test
    void store_columns_take_the_configured_memtable_and_feature_columns_a_small_one() throws IOException {
        try (RecordStore store = StoreTestSupport.open(directory)) {
            assertThat(store.studentCount()).isZero();
        }

        Map<String, String> sizes = RocksOptionsFile.columnOption(directory, "write_buffer_size");

        assertThat(sizes).containsEntry("students", DEFAULT)
                .containsEntry("index_ssid", DEFAULT)
                .containsEntry("index_name_dob", DEFAULT)
                .containsEntry("outbox", FEATURE)
                .containsEntry("received_packages", FEATURE);
        assertThat(RocksOptions.FEATURE_WRITE_BUFFER_BYTES).isLessThan(StoreConfig.DEFAULT_WRITE_BUFFER_BYTES);
    }

    @Test
    void a_configured_memtable_smaller_than_the_feature_size_applies_to_every_column() throws IOException {
        long small = 2L << 20;
        try (RecordStore store = RecordStore.open(StoreTestSupport.config(directory)
                .withTuning(small, StoreConfig.DEFAULT_BLOCK_CACHE_BYTES))) {
            assertThat(store.studentCount()).isZero();
        }

        Map<String, String> sizes = RocksOptionsFile.columnOption(directory, "write_buffer_size");

        assertThat(sizes).containsEntry("students", Long.toString(small)).containsEntry("outbox", Long.toString(small));
    }

    @Test
    void flushes_and_compactions_write_directly_where_the_file_system_takes_it() throws IOException {
        try (RecordStore store = StoreTestSupport.open(directory)) {
            assertThat(store.studentCount()).isZero();
        }

        assertThat(RocksOptionsFile.databaseOption(directory, "use_direct_io_for_flush_and_compaction"))
                .contains(Boolean.toString(DirectIo.supportedIn(directory)));
    }

    @Test
    void a_direct_io_probe_left_by_a_crash_does_not_stop_a_new_store() throws IOException {
        Path store = directory.resolve("store");
        Files.createDirectories(store);
        Files.writeString(store.resolve(".direct-io-probe-4711.tmp"), "");

        try (RecordStore opened = StoreTestSupport.open(store)) {
            assertThat(opened.studentCount()).isZero();
        }
        try (Stream<Path> left = Files.list(store)) {
            assertThat(left).noneMatch(DirectIo::isProbe);
        }
    }

    @Test
    void columns_of_large_values_keep_them_in_blob_files_without_collecting_garbage() throws IOException {
        try (RecordStore store = StoreTestSupport.open(directory)) {
            assertThat(store.studentCount()).isZero();
        }

        assertThat(StoreTestSupport.PACKAGES.largeValues()).isTrue();
        assertThat(StoreTestSupport.OUTBOX.largeValues()).isFalse();
        assertThat(RocksOptionsFile.columnOption(directory, "enable_blob_files"))
                .containsEntry("received_packages", "true")
                .containsEntry("students", "true")
                .containsEntry("outbox", "false")
                .containsEntry("index_ssid", "false");
        // Collection would rewrite every package at every compaction; student records are rewritten on re-import,
        // so their column collects.
        assertThat(RocksOptionsFile.columnOption(directory, "enable_blob_garbage_collection"))
                .containsEntry("received_packages", "false")
                .containsEntry("students", "true");
    }

    @Test
    void a_large_value_is_written_to_a_blob_file_and_read_back_after_reopening() throws IOException {
        Path checkpoint = directory.resolve("checkpoint");
        String large = "package ".repeat(256);
        try (RecordStore store = StoreTestSupport.open(directory.resolve("store"))) {
            try (StoreTransaction tx = store.beginTransaction()) {
                for (int i = 0; i < 100; i++) {
                    tx.put(StoreTestSupport.PACKAGES, "package-" + i, large + i);
                }
                tx.put(StoreTestSupport.PACKAGES, "small", "a small value");
                tx.commit();
            }
            // The checkpoint flushes the memtables: values of 512 bytes or more leave them for a blob file.
            store.createCheckpoint(checkpoint);
        }

        try (Stream<Path> files = Files.list(checkpoint)) {
            assertThat(files.map(file -> file.getFileName().toString())).anyMatch(name -> name.endsWith(".blob"));
        }
        try (RecordStore reopened = StoreTestSupport.open(checkpoint)) {
            for (int i = 0; i < 100; i++) {
                assertThat(reopened.get(StoreTestSupport.PACKAGES, "package-" + i)).contains(large + i);
            }
            assertThat(reopened.get(StoreTestSupport.PACKAGES, "small")).contains("a small value");
        }
    }
}
