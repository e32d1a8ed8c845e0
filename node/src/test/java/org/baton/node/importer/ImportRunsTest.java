package org.baton.node.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.baton.node.importer.ImportFixtures.DISTRICT;
import static org.baton.node.importer.ImportFixtures.resource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.baton.node.store.Column;
import org.baton.node.store.DataKey;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoreConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ImportRunsTest {

    @TempDir
    Path work;

    private RecordStore store;

    @BeforeEach
    void open() {
        store = open(work);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static RecordStore open(Path dir) {
        return RecordStore.open(StoreConfig.of(dir.resolve("store"), DataKey.loadOrCreate(dir.resolve("data.key")))
                .withSyncWrites(false).withColumns(ImportRuns.columns().toArray(Column<?, ?>[]::new)));
    }

    private ImportRequest request(String input) {
        return ImportRequest.of(ImportFormat.CALPADS, resource(input), DISTRICT)
                .withReport(work.resolve("report.txt")).withWorkDir(work.resolve("work"));
    }

    @Nested
    class recording_a_finished_import {

        @Test
        void keeps_the_counts_and_the_rejections_in_report_order_across_a_reopen() {
            ImportRequest request = request("calpads/bad");
            Instant started = Instant.parse("2026-11-28T20:00:00Z");
            ImportSummary summary = Importer.create(store, ImportListener.NONE).run(request);

            ImportRun run = ImportRuns.in(store).recordFinished(request, started, summary);
            store.close();
            store = open(work);

            ImportRun kept = ImportRuns.in(store).find(run.id()).orElseThrow();
            assertThat(kept).isEqualTo(run);
            assertThat(kept.id()).isEqualTo(1);
            assertThat(kept.input()).isEqualTo("bad");
            assertThat(kept.format()).isEqualTo("calpads");
            assertThat(kept.startedAt()).isEqualTo(started);
            assertThat(kept.completed()).isTrue();
            assertThat(kept.rowsRead()).isEqualTo(summary.rowsRead());
            assertThat(kept.rowsRejected()).isEqualTo(summary.rowsRejected()).isPositive();
            assertThat(kept.report()).isEqualTo(work.resolve("report.txt").toAbsolutePath().toString());
            assertThat(kept.rejections()).map(Rejection::toString)
                    .containsExactlyElementsOf(ImportFixtures.rejections(work.resolve("report.txt")));
            assertThat(kept.rejections().get(0).toString())
                    .isEqualTo("SINF.csv:3: SSID: an SSID is exactly 10 digits (got 8 characters)");
            // Kept with its code and facts, for the portal to word in the reader's language.
            assertThat(kept.rejections().get(0).code()).isEqualTo("ssid");
            assertThat(kept.rejections().get(0).facts()).containsExactly("8");
        }

        @Test
        void numbers_runs_in_order_and_lists_the_newest_first() {
            ImportRuns runs = ImportRuns.in(store);
            ImportRequest good = request("calpads/good");
            ImportRun first = runs.recordFinished(good, Instant.now(),
                    Importer.create(store, ImportListener.NONE).run(good));
            ImportRun second = runs.recordFailed(good, Instant.now(), "another import is running");

            assertThat(runs.recent(10)).containsExactly(second, first);
            assertThat(runs.recent(1)).containsExactly(second);
            assertThat(first.rejections()).isEmpty();
            assertThat(second.id()).isEqualTo(first.id() + 1);
        }
    }

    @Nested
    class recording_a_failed_import {

        @Test
        void keeps_the_reason_and_no_counts() {
            ImportRun run = ImportRuns.in(store).recordFailed(request("calpads/good"), Instant.now(),
                    "unreadable CSV at line 5: quoted field is not closed");

            assertThat(run.completed()).isFalse();
            assertThat(run.failure()).contains("unreadable CSV at line 5: quoted field is not closed");
            assertThat(run.rowsRead()).isZero();
            assertThat(ImportRuns.in(store).find(run.id())).contains(run);
        }
    }

    @Nested
    class reading {

        @Test
        void finds_nothing_for_an_unknown_run() {
            assertThat(ImportRuns.in(store).find(7)).isEmpty();
            assertThat(ImportRuns.in(store).find(0)).isEqualTo(Optional.empty());
            assertThat(ImportRuns.in(store).recent(5)).isEmpty();
        }

        @Test
        void refuses_a_limit_out_of_range() {
            assertThatThrownBy(() -> ImportRuns.in(store).recent(0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("limit must be 1 to 10000, was 0");
        }

        @Test
        void refuses_a_store_without_the_column() {
            try (RecordStore bare = ImportFixtures.openStore(work.resolve("bare"))) {
                assertThatThrownBy(() -> ImportRuns.in(bare))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("import_runs");
            }
        }
    }
}
