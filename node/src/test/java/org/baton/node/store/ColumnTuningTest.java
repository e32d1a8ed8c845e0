package org.baton.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.baton.ledger.testing.RocksOptionsFile;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memtable size each column family is opened with, read back from the OPTIONS file RocksDB writes for the open
 * database: the store's own columns take the configured size (bulk import), the columns features declare a small one.
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
}
