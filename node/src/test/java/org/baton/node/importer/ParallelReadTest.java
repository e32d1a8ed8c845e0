package org.baton.node.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.baton.node.importer.ImportFixtures.DISTRICT;
import static org.baton.node.importer.ImportFixtures.openStore;
import static org.baton.node.importer.ImportFixtures.records;
import static org.baton.node.importer.ImportFixtures.rejections;
import static org.baton.node.importer.ImportFixtures.resource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.baton.node.store.RecordStore;
import org.baton.node.synth.SynthOptions;
import org.baton.node.synth.SynthSummary;
import org.baton.node.synth.SyntheticData;
import org.baton.proto.v1.StudentRecord;
import org.baton.trust.InstitutionId;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Large CSV files are parsed by several threads in blocks; the result must not depend on it. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ParallelReadTest {

    @TempDir
    Path tmp;

    @Nested
    class reading_in_blocks_on_several_threads {

        @Test
        void reports_the_same_rejections_at_the_same_lines() {
            Result sequential = importWith(new CalpadsReader(), resource("calpads/bad"), DISTRICT, "seq");
            Result parallel = importWith(new CalpadsReader(0, 97), resource("calpads/bad"), DISTRICT, "par");

            assertThat(parallel.rejections()).isEqualTo(sequential.rejections()).hasSize(58);
            assertThat(parallel.records()).isEqualTo(sequential.records());
            assertThat(parallel.summary().rowsRead()).isEqualTo(sequential.summary().rowsRead());
            assertThat(parallel.summary().rowsLoaded()).isEqualTo(sequential.summary().rowsLoaded());
        }

        @Test
        void stores_the_same_records() {
            SynthSummary synth = SyntheticData.generate(SynthOptions.of(300, 5, tmp.resolve("synth"))
                    .withErrorRate(0.1).withCollegeTranscripts(false));
            InstitutionId district = InstitutionId.of(synth.districtIds().get(0));
            Path dir = synth.districtDirs().get(0);

            Result sequential = importWith(new CalpadsReader(), dir, district, "seq");
            Result parallel = importWith(new CalpadsReader(0, 4096), dir, district, "par");

            assertThat(parallel.records()).hasSize(sequential.records().size()).isEqualTo(sequential.records());
            assertThat(parallel.summary().courseRowsRead()).isEqualTo(synth.courseRows());
            assertThat(parallel.rejections()).isEmpty();
        }
    }

    private record Result(ImportSummary summary, List<String> rejections, Map<String, StudentRecord> records) {
    }

    private Result importWith(CalpadsReader reader, Path input, InstitutionId institution, String name) {
        Path work = tmp.resolve(name);
        try (RecordStore store = openStore(work)) {
            ImportRequest request = ImportRequest.of(ImportFormat.CALPADS, input, institution)
                    .withReport(work.resolve("report.txt")).withWorkDir(work.resolve("work"));
            ImportSummary summary = new PartitionedImporter(store, ImportListener.NONE, f -> reader).run(request);
            Map<String, StudentRecord> withoutTimes = new TreeMap<>();
            records(store).forEach((k, v) -> withoutTimes.put(k, v.toBuilder().clearUpdatedAt().build()));
            return new Result(summary, rejections(work.resolve("report.txt")), withoutTimes);
        }
    }
}
