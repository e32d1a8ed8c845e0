package org.baton.node.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.baton.node.importer.ImportFixtures.rejections;
import static org.baton.node.importer.ImportFixtures.run;

import java.nio.file.Files;
import java.nio.file.Path;
import org.baton.node.synth.SynthOptions;
import org.baton.node.synth.SynthSummary;
import org.baton.node.synth.SyntheticData;
import org.baton.trust.InstitutionId;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SyntheticImportTest {

    @TempDir
    Path tmp;

    @Nested
    class a_synthetic_district {

        @Test
        void imports_without_a_single_rejection_deliberate_errors_included() throws Exception {
            SynthSummary synth = SyntheticData.generate(SynthOptions.of(400, 17, tmp.resolve("synth"))
                    .withErrorRate(0.25));
            long duplicates = Files.readAllLines(tmp.resolve("synth/errors.csv")).stream()
                    .filter(l -> l.startsWith("DUPLICATE_STUDENT")).count();
            org.baton.node.store.RecordStore store = ImportFixtures.openStore(tmp);

            ImportSummary summary = run(store, ImportFormat.CALPADS, synth.districtDirs().get(0),
                    InstitutionId.of(synth.districtIds().get(0)), tmp);

            assertThat(rejections(tmp.resolve("report.txt"))).isEmpty();
            assertThat(summary.rowsRead()).isEqualTo(synth.rows());
            assertThat(summary.rowsLoaded()).isEqualTo(synth.rows());
            assertThat(summary.courseRowsRead()).isEqualTo(synth.courseRows());
            assertThat(store.studentCount()).isEqualTo(400 + duplicates);
            long courses = ImportFixtures.records(store).values().stream().mapToLong(r -> r.getCoursesCount()).sum();
            assertThat(courses).isEqualTo(synth.courseRows());
            store.close();
        }
    }
}
