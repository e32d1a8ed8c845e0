package org.baton.node.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoredStudent;
import org.baton.node.student.LocalStudentId;
import org.baton.node.student.Ssid;
import org.baton.proto.v1.LocalId;
import org.baton.proto.v1.StudentRecord;

/**
 * What format readers share during the read phase: the request, the registered input files, the report, progress,
 * and one {@link Lane} per reading thread (lane 0 is the calling thread's). The single-threaded methods here
 * delegate to lane 0.
 */
final class ReadContext {

    private static final int PROGRESS_EVERY = 16_384;

    private final ImportRequest request;
    private final Spill spill;
    private final RejectionReport report;
    private final ImportListener listener;
    private final List<SourceFile> files = new ArrayList<>();
    private final Lane[] lanes;
    private final AtomicLong rowsSoFar = new AtomicLong();
    private volatile long bytesDone;

    ReadContext(ImportRequest request, Spill spill, int laneCount, RejectionReport report, ImportListener listener) {
        this.request = request;
        this.spill = spill;
        this.report = report;
        this.listener = listener;
        this.lanes = new Lane[laneCount];
        for (int i = 0; i < laneCount; i++) {
            lanes[i] = new Lane(i);
        }
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

    /** Reading threads available (lanes); lane 0 belongs to the calling thread. */
    int laneCount() {
        return lanes.length;
    }

    Lane lane(int i) {
        return lanes[i];
    }

    /** Registers an input file (report order follows registration order). */
    synchronized SourceFile file(String name, String keyField, String entryField) {
        SourceFile f = new SourceFile(files.size(), name, keyField, entryField);
        files.add(f);
        return f;
    }

    synchronized List<SourceFile> files() {
        return List.copyOf(files);
    }

    /** A file is done: its bytes count as read. */
    void fileDone(long bytes) {
        bytesDone += bytes;
        listener.progress(ImportPhase.READ, bytesDone, rowsSoFar.get());
    }

    /** Progress within a file read in blocks: bytes of the file handed out so far. */
    void fileProgress(long bytesInCurrentFile) {
        listener.progress(ImportPhase.READ, bytesDone + bytesInCurrentFile, rowsSoFar.get());
    }

    /**
     * Reports a problem that does not reject a row by itself (a file-level problem), with the code the portal words
     * it by and the facts that wording is filled with.
     */
    void note(SourceFile file, long line, String field, String reason, String code, String... facts) {
        report(file, new Rejection(file.name(), line, field, reason, code, List.of(facts)));
    }

    private void report(SourceFile file, Rejection r) {
        try {
            report.add(file.index(), r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + request.report(), e);
        }
    }

    // ---- single-threaded readers: lane 0 ----

    void rowRead(long bytesInCurrentFile) {
        lanes[0].rowRead(bytesInCurrentFile);
    }

    void rowSkipped() {
        lanes[0].rowSkipped();
    }

    void rowUsed() {
        lanes[0].rowUsed();
    }

    void reject(SourceFile file, long line, RowProblems problems) {
        lanes[0].reject(file, line, problems);
    }

    void reject(SourceFile file, long line, String field, String reason, String code, String... facts) {
        lanes[0].reject(file, line, field, reason, code, facts);
    }

    void emit(SourceFile file, long line, EntryKind kind, int facets, String key, String label, StudentRecord fragment) {
        lanes[0].emit(file, line, kind, facets, key, label, fragment);
    }

    void courseRowRejected() {
        lanes[0].courseRowRejected();
    }

    // ---- totals, once reading is over ----

    long rowsRead() {
        long n = 0;
        for (Lane l : lanes) {
            n += l.rowsRead;
        }
        return n;
    }

    long rowsRejected() {
        long n = 0;
        for (Lane l : lanes) {
            n += l.rowsRejected;
        }
        return n;
    }

    long rowsSkipped() {
        long n = 0;
        for (Lane l : lanes) {
            n += l.rowsSkipped;
        }
        return n;
    }

    long rowsUsed() {
        long n = 0;
        for (Lane l : lanes) {
            n += l.rowsUsed;
        }
        return n;
    }

    long courseRows() {
        long n = 0;
        for (Lane l : lanes) {
            n += l.courseRows;
        }
        return n;
    }

    /** Course rows validated and encoded from their bytes ({@link Lane#emitCourse(SourceFile, long, byte[], int, int, CourseWire)}). */
    long courseRowsFromBytes() {
        long n = 0;
        for (Lane l : lanes) {
            n += l.courseRowsFromBytes;
        }
        return n;
    }

    long studentRows() {
        long n = 0;
        for (Lane l : lanes) {
            n += l.studentRows;
        }
        return n;
    }

    /** One reading thread's counters and spill lane. Used by that thread only. */
    final class Lane {
        private final int index;
        private long rowsRead;
        private long rowsRejected;
        private long rowsSkipped;
        private long rowsUsed;
        private long courseRows;
        private long studentRows;
        private long courseRowsFromBytes;

        private Lane(int index) {
            this.index = index;
        }

        /** Counts one data row read, and reports progress now and then (lane 0 only). */
        void rowRead(long bytesInCurrentFile) {
            rowsRead++;
            if ((rowsRead & (PROGRESS_EVERY - 1)) == 0) {
                long total = rowsSoFar.addAndGet(PROGRESS_EVERY);
                if (index == 0 && bytesInCurrentFile >= 0) {
                    listener.progress(ImportPhase.READ, bytesDone + bytesInCurrentFile, total);
                }
            }
        }

        /** Counts a row ignored on purpose (not student data). */
        void rowSkipped() {
            rowsSkipped++;
        }

        /** Counts a valid reference row (an org, a session, a class) used to build other rows' entries. */
        void rowUsed() {
            rowsUsed++;
        }

        /** Rejects a row for every problem found in it. */
        void reject(SourceFile file, long line, RowProblems problems) {
            rowsRejected++;
            for (int i = 0; i < problems.size(); i++) {
                report(file, new Rejection(file.name(), line, problems.field(i), problems.reason(i),
                        problems.code(i), problems.facts(i)));
            }
        }

        /** Rejects a row for one reason, with its code and the facts its wording is filled with. */
        void reject(SourceFile file, long line, String field, String reason, String code, String... facts) {
            rowsRejected++;
            report(file, new Rejection(file.name(), line, field, reason, code, List.of(facts)));
        }

        /** Emits one valid row's fragment for the student named by {@code key}. */
        void emit(SourceFile file, long line, EntryKind kind, int facets, String key, String label,
                StudentRecord fragment) {
            if (kind == EntryKind.COURSE) {
                courseRows++;
            } else if (kind == EntryKind.STUDENT) {
                studentRows++;
            }
            try {
                spill.add(index, file.index(), line, kind, facets, key, label, fragment);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write to the work directory " + request.workDir(), e);
            }
        }

        /** Emits one valid CSV course row, encoded by {@link CourseWire}. */
        void emitCourse(SourceFile file, long line, String key, CourseWire course) {
            courseRows++;
            try {
                spill.addRaw(index, file.index(), line, EntryKind.COURSE_RAW, key, course.bytes(), course.length());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write to the work directory " + request.workDir(), e);
            }
        }

        /**
         * As {@link #emitCourse(SourceFile, long, String, CourseWire)} for a student named by SSID, given as the ASCII
         * digits {@code ssid[from, to)}.
         */
        void emitCourse(SourceFile file, long line, byte[] ssid, int from, int to, CourseWire course) {
            courseRows++;
            courseRowsFromBytes++;
            try {
                spill.addRawSsid(index, file.index(), line, EntryKind.COURSE_RAW, ssid, from, to, course.bytes(),
                        course.length());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write to the work directory " + request.workDir(), e);
            }
        }

        /** Counts a course row that was rejected before it became a fragment (for the course-row figures). */
        void courseRowRejected() {
            courseRows++;
        }
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
    static Optional<StoredStudent> find(RecordStore store, String key) {
        if (key.charAt(0) == 'S') {
            return store.findBySsid(Ssid.of(key.substring(1)));
        }
        int bar = key.indexOf('|');
        return store.findByLocalId(LocalStudentId.of(key.substring(1, bar), key.substring(bar + 1)));
    }

    static LocalId localId(String issuer, String value) {
        return LocalId.newBuilder().setIssuer(issuer).setValue(value).build();
    }
}
