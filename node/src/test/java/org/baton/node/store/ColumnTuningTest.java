package org.baton.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
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

    @TempDir
    Path directory;

    @Test
    void store_columns_take_the_configured_memtable_and_feature_columns_a_small_one() throws IOException {
        try (RecordStore store = StoreTestSupport.open(directory)) {
            assertThat(store).isNotNull();
        }

        Map<String, Long> sizes = writeBufferSizes(directory);

        assertThat(sizes).containsEntry("students", StoreConfig.DEFAULT_WRITE_BUFFER_BYTES)
                .containsEntry("index_ssid", StoreConfig.DEFAULT_WRITE_BUFFER_BYTES)
                .containsEntry("index_name_dob", StoreConfig.DEFAULT_WRITE_BUFFER_BYTES)
                .containsEntry("outbox", RocksOptions.FEATURE_WRITE_BUFFER_BYTES)
                .containsEntry("received_packages", RocksOptions.FEATURE_WRITE_BUFFER_BYTES);
        assertThat(RocksOptions.FEATURE_WRITE_BUFFER_BYTES).isLessThan(StoreConfig.DEFAULT_WRITE_BUFFER_BYTES);
    }

    @Test
    void a_configured_memtable_smaller_than_the_feature_size_applies_to_every_column() throws IOException {
        long small = 2L << 20;
        try (RecordStore store = RecordStore.open(StoreTestSupport.config(directory)
                .withTuning(small, StoreConfig.DEFAULT_BLOCK_CACHE_BYTES))) {
            assertThat(store).isNotNull();
        }

        Map<String, Long> sizes = writeBufferSizes(directory);

        assertThat(sizes).containsEntry("students", small).containsEntry("outbox", small);
    }

    /** Column family name → write_buffer_size, from the newest OPTIONS file. */
    private static Map<String, Long> writeBufferSizes(Path directory) throws IOException {
        Path options;
        try (Stream<Path> files = Files.list(directory)) {
            options = files.filter(file -> file.getFileName().toString().startsWith("OPTIONS-"))
                    .max((a, b) -> Long.compare(number(a), number(b)))
                    .orElseThrow(() -> new AssertionError("RocksDB wrote no OPTIONS file in " + directory));
        }
        Map<String, Long> sizes = new HashMap<>();
        Optional<String> column = Optional.empty();
        List<String> lines = Files.readAllLines(options);
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("[CFOptions \"")) {
                column = Optional.of(line.substring("[CFOptions \"".length(), line.lastIndexOf('"')));
            } else if (line.startsWith("[")) {
                column = Optional.empty();
            } else if (column.isPresent() && line.startsWith("write_buffer_size=")) {
                sizes.put(column.get(), Long.parseLong(line.substring("write_buffer_size=".length())));
            }
        }
        return sizes;
    }

    private static long number(Path optionsFile) {
        return Long.parseLong(optionsFile.getFileName().toString().substring("OPTIONS-".length()));
    }
}
