package org.baton.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SchemaVersionTest {

    @TempDir
    Path dir;

    @Test
    void an_open_store_reports_the_current_schema_version_before_and_after_reopening() {
        DataKey key = DataKey.loadOrCreate(dir.resolve("data.key"));
        try (RecordStore store = RecordStore.open(StoreConfig.of(dir.resolve("store"), key))) {
            assertThat(store.schemaVersion()).isEqualTo(Schema.CURRENT_VERSION);
        }
        try (RecordStore store = RecordStore.open(StoreConfig.of(dir.resolve("store"), key))) {
            assertThat(store.schemaVersion()).isEqualTo(Schema.CURRENT_VERSION);
        }
    }
}
