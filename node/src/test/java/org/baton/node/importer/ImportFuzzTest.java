package org.baton.node.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.baton.node.store.RecordStore;
import org.baton.trust.InstitutionId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Hostile SIS exports: whatever the bytes, an import either finishes (bad rows rejected and reported) or throws
 * {@link ImportFailedException} with a reason, never any other exception, hang or out-of-memory. Every format goes
 * through the real {@link Importer} into a real record store.
 *
 * <p>Multi-file formats take one input split at NUL bytes: the first part is the first file named in
 * {@link #CALPADS_FILES} (or {@link #ONEROSTER_FILES}), the second the second, and so on, so a seed is the good
 * files concatenated with a NUL between them. Seeds: {@code src/test/resources/org/baton/node/importer/
 * ImportFuzzTestInputs/<method>/}. See {@code docs/testing.md} for fuzzing longer.
 */
class ImportFuzzTest {

    static final List<String> CALPADS_FILES = List.of("SINF.csv", "SENR.csv", "SCSC.csv", "GPA.csv", "AWRD.csv",
            "CAPP.csv", "FAID.csv", "SPRG.csv", "BDGE.csv");
    static final List<String> ONEROSTER_FILES = List.of("manifest.csv", "orgs.csv", "academicSessions.csv",
            "courses.csv", "classes.csv", "users.csv", "demographics.csv", "enrollments.csv", "lineItems.csv",
            "results.csv");
    private static final InstitutionId DISTRICT = ImportFixtures.DISTRICT;
    private static final InstitutionId COLLEGE = ImportFixtures.COLLEGE;

    private static Path dir;
    private static RecordStore store;

    @BeforeAll
    static void openStore() throws IOException {
        dir = Files.createTempDirectory("import-fuzz");
        store = ImportFixtures.openStore(dir);
    }

    @AfterAll
    static void closeStore() {
        store.close();
        deleteTree(dir);
    }

    @FuzzTest(maxDuration = "2m")
    void calpads_exports_import_or_fail_with_a_reason(byte[] data) {
        importOrFail(ImportFormat.CALPADS, split(data, CALPADS_FILES), DISTRICT);
    }

    @FuzzTest(maxDuration = "2m")
    void oneroster_exports_import_or_fail_with_a_reason(byte[] data) {
        importOrFail(ImportFormat.ONEROSTER, split(data, ONEROSTER_FILES), DISTRICT);
    }

    @FuzzTest(maxDuration = "2m")
    void pesc_transcripts_import_or_fail_with_a_reason(byte[] data) {
        Path input = freshInput();
        write(input.resolve("transcript.xml"), data);
        importOrFail(ImportFormat.PESC, input, COLLEGE);
    }

    @FuzzTest(maxDuration = "2m")
    void baton_json_imports_or_fails_with_a_reason(byte[] data) {
        Path input = freshInput();
        write(input.resolve("records.jsonl"), data);
        importOrFail(ImportFormat.JSON, input, DISTRICT);
    }

    private static void importOrFail(ImportFormat format, Path input, InstitutionId institution) {
        Path report = dir.resolve("report.txt");
        ImportRequest request = ImportRequest.of(format, input, institution)
                .withReport(report)
                .withWorkDir(dir.resolve("work"))
                .withBatchSize(3);
        try {
            ImportSummary summary = Importer.create(store, ImportListener.NONE).run(request);
            assertThat(summary.rowsRejected()).isLessThanOrEqualTo(summary.rowsRead());
            assertThat(ImportFixtures.rejections(report)).allSatisfy(line -> assertThat(line).contains(": "));
        } catch (ImportFailedException e) {
            assertThat(e.getMessage()).startsWith("import of " + input + " failed: ");
            assertThat(e.getMessage().substring(("import of " + input + " failed: ").length())).isNotBlank();
        }
    }

    /** Writes the NUL-separated parts of {@code data} to the named files of a fresh input directory. */
    private static Path split(byte[] data, List<String> names) {
        Path input = freshInput();
        int start = 0;
        int part = 0;
        for (int i = 0; i <= data.length && part < names.size(); i++) {
            if (i == data.length || data[i] == 0) {
                byte[] content = java.util.Arrays.copyOfRange(data, start, i);
                write(input.resolve(names.get(part)), content);
                part++;
                start = i + 1;
            }
        }
        return input;
    }

    private static Path freshInput() {
        Path input = dir.resolve("input");
        deleteTree(input);
        try {
            return Files.createDirectories(input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, byte[] content) {
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
