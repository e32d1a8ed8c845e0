package org.baton.node.importer;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One import as the node remembers it, for the registrar: what was imported, when, what became of its rows, and the
 * first rejections ({@code file:line: field: reason}); the report file has them all.
 *
 * @param id              the run's number at this node (1, 2, …)
 * @param format          the input's format ({@link ImportFormat#cliName()})
 * @param input           the input's file or directory name, as given (no directories above it)
 * @param startedAt       when the import started
 * @param finishedAt      when it finished or failed
 * @param failure         why the import stopped, when it did not run to the end (then nothing past the last
 *                        committed batch was written, and a re-run is safe)
 * @param rowsRead        data rows read
 * @param rowsLoaded      rows loaded
 * @param rowsRejected    rows rejected (all of them, not only those in {@code rejections})
 * @param rowsSkipped     rows skipped on purpose
 * @param studentsWritten students created or changed
 * @param report          the report file's path at the node
 * @param rejections      the first rejections in report order (at most 1,000)
 */
public record ImportRun(long id, String format, String input, Instant startedAt, Instant finishedAt,
                        Optional<String> failure, long rowsRead, long rowsLoaded, long rowsRejected, long rowsSkipped,
                        long studentsWritten, String report, List<Rejection> rejections) {

    public ImportRun {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(report, "report");
        rejections = List.copyOf(rejections);
    }

    /** Whether the import ran to the end (rows may still have been rejected). */
    public boolean completed() {
        return failure.isEmpty();
    }
}
