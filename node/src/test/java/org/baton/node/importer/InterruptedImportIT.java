package org.baton.node.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoredStudent;
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

/** An import killed with SIGKILL in the middle of loading is completed by running it again. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class InterruptedImportIT {

    @TempDir
    Path tmp;

    @Nested
    class an_import_killed_mid_load {

        @Test
        void leaves_only_whole_students_and_completes_on_a_re_run_without_duplicates() throws Exception {
            SynthSummary synth = SyntheticData.generate(SynthOptions.of(250, 13, tmp.resolve("synth"))
                    .withErrorRate(0.05).withCollegeTranscripts(false));
            Path input = synth.districtDirs().get(0);
            InstitutionId district = InstitutionId.of(synth.districtIds().get(0));
            Path work = tmp.resolve("node");
            Map<String, StudentRecord> reference = referenceImport(input, district);

            Process child = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                    InterruptedImportChild.class.getName(), work.toString(), input.toString(), district.value())
                    .redirectError(tmp.resolve("child.err").toFile())
                    .start();
            String line;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                line = out.readLine();
                assertThat(line).as("child output; its stderr: %s", Files.readString(tmp.resolve("child.err")))
                        .isEqualTo(InterruptedImportChild.READY);
                child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close, no flush
                assertThat(child.waitFor()).isNotZero();
            }

            // What the killed run left: some students, each one whole.
            try (RecordStore store = ImportFixtures.openStore(work)) {
                Map<String, StudentRecord> partial = withoutTimes(store);
                assertThat(partial.size()).isGreaterThanOrEqualTo(30).isLessThan(reference.size());
                partial.forEach((key, record) -> assertThat(record).as("student %s", key)
                        .isEqualTo(reference.get(key)));
            }

            // The same import again finishes the job: every student, once, as a clean run stores it.
            try (RecordStore store = ImportFixtures.openStore(work)) {
                ImportRequest request = ImportRequest.of(ImportFormat.CALPADS, input, district)
                        .withReport(work.resolve("report-2.txt")).withWorkDir(work.resolve("work"));
                ImportSummary summary = Importer.create(store, ImportListener.NONE).run(request);

                assertThat(summary.rowsRejected()).isZero();
                assertThat(summary.studentsUnchanged()).isGreaterThanOrEqualTo(30);
                assertThat(store.studentCount()).isEqualTo(reference.size());
                Map<String, StudentRecord> completed = withoutTimes(store);
                assertThat(completed).isEqualTo(reference);
                assertThat(distinctSsids(store)).isEqualTo(reference.size());
            }
            assertThat(work.resolve("work/baton-import-spill")).doesNotExist();
        }
    }

    private Map<String, StudentRecord> referenceImport(Path input, InstitutionId district) {
        Path dir = tmp.resolve("reference");
        try (RecordStore store = ImportFixtures.openStore(dir)) {
            ImportRequest request = ImportRequest.of(ImportFormat.CALPADS, input, district)
                    .withReport(dir.resolve("report.txt")).withWorkDir(dir.resolve("work"));
            Importer.create(store, ImportListener.NONE).run(request);
            return withoutTimes(store);
        }
    }

    private static Map<String, StudentRecord> withoutTimes(RecordStore store) {
        Map<String, StudentRecord> map = new TreeMap<>();
        ImportFixtures.records(store).forEach((k, v) -> map.put(k, v.toBuilder().clearUpdatedAt().build()));
        return map;
    }

    private static int distinctSsids(RecordStore store) {
        Set<String> ssids = new HashSet<>();
        List<String> all = new ArrayList<>();
        try (Stream<StoredStudent> students = store.students()) {
            students.forEach(s -> {
                ssids.add(s.record().getStudent().getSsid());
                all.add(s.record().getStudent().getSsid());
            });
        }
        assertThat(all).hasSameSizeAs(ssids);
        return ssids.size();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : ""))
                .toString();
    }
}
