package org.baton.node.importer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What an import did. Every data row read is either loaded, rejected or skipped.
 *
 * @param rowsRead           data rows read (CSV records after the header; for XML and JSON, one per fact:
 *                           the student, each enrollment, course, GPA …)
 * @param rowsLoaded         rows merged into a stored student (including rows that changed nothing), and valid
 *                           reference rows (OneRoster orgs, sessions, classes) used to build them
 * @param rowsRejected       rows reported in the report file
 * @param rowsSkipped        rows that are not student data and were ignored on purpose (OneRoster teachers,
 *                           rows with status {@code tobedeleted})
 * @param courseRowsRead     course rows among {@code rowsRead} (the figure the import benchmark reports)
 * @param studentsWritten    students whose stored record was created or changed
 * @param studentsUnchanged  students whose merged record equalled the stored one (not written)
 * @param elapsed            wall-clock time of the whole import
 * @param readElapsed        wall-clock time of the read phase (the rest is the load phase)
 * @param report             the report file holding the rejections
 * @param firstRejections    the first rejections (at most 1,000) in the order of the report file, for a registrar's
 *                           screen; the report file has them all
 */
public record ImportSummary(
        long rowsRead,
        long rowsLoaded,
        long rowsRejected,
        long rowsSkipped,
        long courseRowsRead,
        long studentsWritten,
        long studentsUnchanged,
        Duration elapsed,
        Duration readElapsed,
        Path report,
        List<Rejection> firstRejections) {

    public ImportSummary {
        firstRejections = List.copyOf(firstRejections);
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(readElapsed, "readElapsed");
        Objects.requireNonNull(report, "report");
    }

    /** Rows read per second of wall-clock time. */
    public double rowsPerSecond() {
        return perSecond(rowsRead);
    }

    /** Course rows read per second of wall-clock time. */
    public double courseRowsPerSecond() {
        return perSecond(courseRowsRead);
    }

    /** Elapsed time in seconds, with millisecond precision. */
    public double seconds() {
        return elapsed.toMillis() / 1000.0;
    }

    private double perSecond(long rows) {
        long millis = Math.max(1, elapsed.toMillis());
        return rows * 1000.0 / millis;
    }
}
