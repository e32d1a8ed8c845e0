package org.baton.node.portal.registrar;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.baton.node.exchange.CalGrantGpaSource;
import org.baton.node.exchange.Exchanges;
import org.baton.node.importer.ImportRuns;
import org.baton.node.portal.consent.Scopes;
import org.baton.node.store.RecordStore;
import org.baton.node.student.StudentId;
import org.baton.trust.InstitutionId;
import org.baton.proto.v1.Scope;

/**
 * What the registrar pages read: import runs and their reports (the importer), outbound and inbound exchanges (the
 * exchange engine's outbox and inbox), the data-quality work queue, and the Cal Grant GPA batch with opt-outs.
 */
public interface RegistrarDesk {

    /** Import runs, newest first. */
    List<ImportRun> imports();

    Optional<ImportRun> importRun(String id);

    /** Exchanges, newest first. */
    List<Exchange> exchanges();

    /** Seniors with their Cal Grant GPA and opt-out status, by name. */
    List<CalGrantRow> calGrantBatch();

    /**
     * Signs and queues the yearly Cal Grant GPA upload to CSAC (Ed Code 69432.9) for the seniors of
     * {@code academicYear}: every senior who did not opt out and has a Cal Grant GPA, once per year (a second run
     * sends nobody twice).
     *
     * @param academicYear first calendar year of the academic year (2026 means 2026-27)
     * @return what the run did; empty when this node has no exchange (no ledger) to send with
     * @throws CalGrantUploadRefusedException when the node may not upload (it is not a K-12 district)
     */
    Optional<CalGrantUpload> uploadCalGrant(int academicYear);

    /**
     * The data-quality work queue, newest first: identity mismatches the exchange found (another institution named
     * one of this node's students by SSID, but the name or birth date disagree), for the registrar to check and
     * correct in the SIS.
     */
    List<Finding> findings();

    /**
     * The desk of a running node: import runs from the store ({@link ImportRuns}), exchanges and data-quality
     * findings from the exchange engine (none when the node has no ledger), the Cal Grant batch from the seniors'
     * records (the Cal Grant GPA {@code gpaSource} gives).
     *
     * @param store     the node's record store (declaring {@link ImportRuns#columns()})
     * @param exchanges the exchange engine, when the node has one
     * @param names     institutions' display names
     * @param gpaSource where the Cal Grant GPA comes from
     */
    static RegistrarDesk ofNode(RecordStore store, Optional<Exchanges> exchanges, Function<InstitutionId, String> names,
            CalGrantGpaSource gpaSource) {
        return new NodeRegistrarDesk(ImportRuns.in(store), store, exchanges, names, gpaSource);
    }

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

            @Override
            public List<Finding> findings() {
                return List.of();
            }

            @Override
            public Optional<CalGrantUpload> uploadCalGrant(int academicYear) {
                return Optional.empty();
            }
        };
    }

    /**
     * One import run.
     *
     * @param id           run id
     * @param file         the input's file or directory name, as given
     * @param format       e.g. "calpads", "oneroster", "pesc"
     * @param at           when it started
     * @param rowsRead     rows read
     * @param rowsWritten  rows loaded (students are written whole, in atomic batches)
     * @param rowsRejected rows refused (all of them; {@code problems} holds the first ones)
     * @param failure      why the import stopped, when it did not run to the end
     * @param problems     the first problems, with where and why
     */
    record ImportRun(String id, String file, String format, Instant at, long rowsRead, long rowsWritten,
                     long rowsRejected, Optional<String> failure, List<Problem> problems) {
        public ImportRun {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(failure, "failure");
            problems = List.copyOf(problems);
        }
    }

    /**
     * A refused row, as the report file has it ({@code file:line: field: reason}).
     *
     * @param file   the input file (relative to the input directory)
     * @param line   line number in the file
     * @param field  the field at fault ("-" for the row as a whole)
     * @param reason why, in words a registrar can act on (never the sensitive value itself)
     */
    record Problem(String file, long line, String field, String reason) {
    }

    /**
     * What one run of the Cal Grant GPA upload did.
     *
     * @param academicYear    the academic year (first calendar year)
     * @param queued          seniors whose GPA was signed and queued for CSAC now
     * @param alreadyUploaded seniors sent by an earlier run (not sent again)
     * @param optedOut        seniors whose family opted out (not sent)
     * @param withoutGpa      seniors without a Cal Grant GPA (not sent: to fix in the SIS)
     */
    record CalGrantUpload(int academicYear, int queued, int alreadyUploaded, int optedOut, int withoutGpa) {
    }

    /**
     * A data-quality finding to act on.
     *
     * @param at          when it was found
     * @param student     this node's student
     * @param studentName the student's name as this node holds it
     * @param peer        the institution whose data disagrees
     * @param fields      the fields that disagree (never their values)
     * @param grant       the consent grant that revealed it (its records were not released)
     */
    record Finding(Instant at, StudentId student, String studentName, String peer, List<String> fields,
                   String grant) {
        public Finding {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(student, "student");
            Objects.requireNonNull(studentName, "studentName");
            Objects.requireNonNull(peer, "peer");
            fields = List.copyOf(fields);
            Objects.requireNonNull(grant, "grant");
        }
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
            scopes = Scopes.inOrder(scopes);
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
