package org.baton.node.portal.registrar;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.Scope;

/**
 * What the registrar pages read: import runs and their reports (the importer), outbound and inbound exchanges (the
 * exchange engine's outbox and inbox), and the Cal Grant GPA batch with opt-outs (the readiness engine and records).
 */
public interface RegistrarDesk {

    /** Import runs, newest first. */
    List<ImportRun> imports();

    Optional<ImportRun> importRun(String id);

    /** Exchanges, newest first. */
    List<Exchange> exchanges();

    /** Seniors with their Cal Grant GPA and opt-out status, by name. */
    List<CalGrantRow> calGrantBatch();

    /** A desk with nothing to show yet (before the importer and exchange report here). */
    static RegistrarDesk empty() {
        return new RegistrarDesk() {
            @Override
            public List<ImportRun> imports() {
                return List.of();
            }

            @Override
            public Optional<ImportRun> importRun(String id) {
                return Optional.empty();
            }

            @Override
            public List<Exchange> exchanges() {
                return List.of();
            }

            @Override
            public List<CalGrantRow> calGrantBatch() {
                return List.of();
            }
        };
    }

    /**
     * One import run.
     *
     * @param id          run id
     * @param file        file name as given
     * @param format      e.g. "CALPADS students", "OneRoster", "PESC XML"
     * @param at          when it ran
     * @param rowsRead    rows read
     * @param rowsWritten rows written (all or nothing per file)
     * @param problems    rows refused, with where and why
     */
    record ImportRun(String id, String file, String format, Instant at, int rowsRead, int rowsWritten,
                     List<Problem> problems) {
        public ImportRun {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(at, "at");
            problems = List.copyOf(problems);
        }
    }

    /**
     * A refused row.
     *
     * @param line   line number in the file
     * @param field  the field at fault
     * @param reason why
     */
    record Problem(int line, String field, String reason) {
    }

    /**
     * An exchange.
     *
     * @param id           exchange id
     * @param outbound     true when this node sent the records
     * @param counterparty the other institution's name
     * @param at           when
     * @param status       e.g. "sent", "acknowledged", "pending", "failed: peer unavailable"
     * @param scopes       what was exchanged
     */
    record Exchange(String id, boolean outbound, String counterparty, Instant at, String status, Set<Scope> scopes) {
        public Exchange {
            scopes = Set.copyOf(scopes);
        }
    }

    /**
     * A senior in the Cal Grant GPA batch.
     *
     * @param student  the student
     * @param name     display name
     * @param gpa      the Cal Grant GPA (unweighted, rounded to hundredths), when computable
     * @param optedOut the student or parent opted out of the upload
     */
    record CalGrantRow(StudentId student, String name, Optional<String> gpa, boolean optedOut) {
    }
}
