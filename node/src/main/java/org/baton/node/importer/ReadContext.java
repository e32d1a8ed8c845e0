package org.baton.node.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoredStudent;
import org.baton.node.student.LocalStudentId;
import org.baton.node.student.Ssid;
import org.baton.proto.v1.LocalId;
import org.baton.proto.v1.StudentRecord;

/**
 * What a format reader needs during the read phase: the request, a place to put fragments and rejections,
 * counters and progress.
 */
final class ReadContext {

    private static final int PROGRESS_EVERY = 16_384;

    private final ImportRequest request;
    private final Spill spill;
    private final RejectionReport report;
    private final ImportListener listener;
    private final List<SourceFile> files = new ArrayList<>();
    private long rowsRead;
    private long rowsRejected;
    private long rowsSkipped;
    private long courseRows;
    private long studentRows;
    private long bytesDone;

    ReadContext(ImportRequest request, Spill spill, RejectionReport report, ImportListener listener) {
        this.request = request;
        this.spill = spill;
        this.report = report;
        this.listener = listener;
    }

    ImportRequest request() {
        return request;
    }

    String institution() {
        return request.institution().value();
    }

    GradeScale gradeScale() {
        return request.gradeScale();
    }

    /** Registers an input file (report order follows registration order). */
    SourceFile file(String name, String keyField, String entryField) {
        SourceFile f = new SourceFile(files.size(), name, keyField, entryField);
        files.add(f);
        return f;
    }

    List<SourceFile> files() {
        return files;
    }

    /** Counts one data row read, and reports progress now and then. */
    void rowRead(long bytesInCurrentFile) {
        rowsRead++;
        if ((rowsRead & (PROGRESS_EVERY - 1)) == 0) {
            listener.progress(ImportPhase.READ, bytesDone + bytesInCurrentFile, rowsRead);
        }
    }

    /** Counts a row ignored on purpose (not student data). */
    void rowSkipped() {
        rowsSkipped++;
    }

    /** A file is done: its bytes count as read. */
    void fileDone(long bytes) {
        bytesDone += bytes;
        listener.progress(ImportPhase.READ, bytesDone, rowsRead);
    }

    /** Rejects a row for every problem found in it. */
    void reject(SourceFile file, long line, RowProblems problems) {
        rowsRejected++;
        for (int i = 0; i < problems.size(); i++) {
            report(file, new Rejection(file.name(), line, problems.field(i), problems.reason(i)));
        }
    }

    /** Rejects a row for one reason. */
    void reject(SourceFile file, long line, String field, String reason) {
        rowsRejected++;
        report(file, new Rejection(file.name(), line, field, reason));
    }

    /** Reports a problem that does not reject a row by itself (a file-level problem). */
    void note(SourceFile file, long line, String field, String reason) {
        report(file, new Rejection(file.name(), line, field, reason));
    }

    private void report(SourceFile file, Rejection r) {
        try {
            report.add(file.index(), r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + request.report(), e);
        }
    }

    /** Emits one valid row's fragment for the student named by {@code key}. */
    void emit(SourceFile file, long line, EntryKind kind, int facets, String key, String label, StudentRecord fragment) {
        if (kind == EntryKind.COURSE) {
            courseRows++;
        } else if (kind == EntryKind.STUDENT) {
            studentRows++;
        }
        try {
            spill.add(file.index(), line, kind, facets, key, label, fragment);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the work directory " + request.workDir(), e);
        }
    }

    /** Counts a course row that was rejected before it became a fragment (for the course-row figures). */
    void courseRowRejected() {
        courseRows++;
    }

    long rowsRead() {
        return rowsRead;
    }

    long rowsRejected() {
        return rowsRejected;
    }

    long rowsSkipped() {
        return rowsSkipped;
    }

    long courseRows() {
        return courseRows;
    }

    long studentRows() {
        return studentRows;
    }

    /** The spill key of a student named by SSID. */
    static String ssidKey(String ssid) {
        return "S" + ssid;
    }

    /** The spill key of a student named by a local id. */
    static String localKey(String issuer, String value) {
        return "L" + issuer + "|" + value;
    }

    /** The stored student a spill key names, if any. */
    static Optional<StudentRecord> find(RecordStore store, String key) {
        Optional<StoredStudent> found;
        if (key.charAt(0) == 'S') {
            found = store.findBySsid(Ssid.of(key.substring(1)));
        } else {
            int bar = key.indexOf('|');
            found = store.findByLocalId(LocalStudentId.of(key.substring(1, bar), key.substring(bar + 1)));
        }
        return found.map(StoredStudent::record);
    }

    static LocalId localId(String issuer, String value) {
        return LocalId.newBuilder().setIssuer(issuer).setValue(value).build();
    }
}
