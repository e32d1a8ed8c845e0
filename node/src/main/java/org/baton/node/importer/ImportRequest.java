package org.baton.node.importer;

import java.nio.file.Path;
import java.util.Objects;
import org.baton.trust.InstitutionId;

/**
 * One import to run.
 *
 * @param format      the input's format
 * @param input       a file or a directory, as the format expects
 * @param report      where the rejections are written (created or replaced)
 * @param institution the importing institution: the issuer of local ids and the holder of the records
 * @param workDir     scratch space for the spill partitions (needs about 1.3 times the input's size)
 * @param batchSize   students per atomic write
 * @param gradeScale  the grades the institution records
 */
public record ImportRequest(
        ImportFormat format,
        Path input,
        Path report,
        InstitutionId institution,
        Path workDir,
        int batchSize,
        GradeScale gradeScale) {

    /**
     * Students per atomic batch when not set otherwise: each batch is one synchronous write-ahead-log commit (an
     * fsync), so batches of a few megabytes keep the fsyncs' latency a small share of the load phase.
     */
    public static final int DEFAULT_BATCH_SIZE = 1000;

    public ImportRequest {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(institution, "institution");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(gradeScale, "gradeScale");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
    }

    /**
     * A request with the defaults: report {@code import-report.txt} in the working directory, work directory
     * under {@code java.io.tmpdir}, {@value #DEFAULT_BATCH_SIZE} students per batch, the California grade scale.
     */
    public static ImportRequest of(ImportFormat format, Path input, InstitutionId institution) {
        return new ImportRequest(format, input, Path.of("import-report.txt"), institution,
                Path.of(System.getProperty("java.io.tmpdir")), DEFAULT_BATCH_SIZE, GradeScale.CALIFORNIA);
    }

    public ImportRequest withReport(Path newReport) {
        return new ImportRequest(format, input, newReport, institution, workDir, batchSize, gradeScale);
    }

    public ImportRequest withWorkDir(Path newWorkDir) {
        return new ImportRequest(format, input, report, institution, newWorkDir, batchSize, gradeScale);
    }

    public ImportRequest withBatchSize(int newBatchSize) {
        return new ImportRequest(format, input, report, institution, workDir, newBatchSize, gradeScale);
    }

    public ImportRequest withGradeScale(GradeScale newScale) {
        return new ImportRequest(format, input, report, institution, workDir, batchSize, newScale);
    }
}
