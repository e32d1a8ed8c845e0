package org.baton.node.portal.registrar;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.baton.node.exchange.CalGrantGpaSource;
import org.baton.node.exchange.Exchanges;
import org.baton.node.exchange.ReceivedRecords;
import org.baton.node.importer.ImportRuns;
import org.baton.node.portal.consent.Scopes;
import org.baton.node.quality.DataQuality;
import org.baton.node.quality.QualityRule;
import org.baton.node.quality.ReceivedQuality;
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
     * Identity mismatches, newest first: what the exchange found (another institution named
     * one of this node's students by SSID, but the name or birth date disagree), for the registrar to check and
     * correct in the SIS.
     */
    List<Finding> findings();

    /** Findings per page of the data-quality queue. */
    int QUALITY_PAGE = 100;

    /**
     * One page of the data-quality rules' findings ({@link org.baton.node.quality.DataQuality}), with the counts
     * per rule and the rules' last run.
     *
     * @param rule only this rule's findings, when given
     * @param dismissed the dismissed findings instead of the open ones
     * @param page the page, from 0 ({@link #QUALITY_PAGE} findings each)
     */
    QualityPage quality(Optional<QualityRule> rule, boolean dismissed, int page);

    /**
     * Dismisses a finding as not an error (the record is right as it is).
     *
     * @return false when the student no longer has that finding (corrected since, or a stale page)
     * @throws IllegalArgumentException if the reason is blank or too long
     */
    boolean dismissFinding(StudentId student, String fingerprint, String reason, String by);

    /** Opens a dismissed finding again; false when it was not dismissed. */
    boolean reopenFinding(String fingerprint);

    /**
     * One page of what the data-quality rules found in records other institutions sent, newest package first: open
     * findings, or with {@code dismissed} the dismissed ones. Empty when the node has no exchange.
     *
     * @param page from 0
     */
    default ReceivedPage receivedQuality(boolean dismissed, int page) {
        return ReceivedPage.empty(dismissed);
    }

    /** The counts of {@link #receivedQuality} without its rows, for the data-quality page's summary. */
    default ReceivedPage receivedSummary() {
        ReceivedPage page = receivedQuality(false, 0);
        return new ReceivedPage(page.open(), page.dismissedCount(), page.packages(), page.waiting(), false, 0,
                List.of(), false);
    }

    /**
     * Dismisses a finding about a received package (not an error, or not worth a report to the sender).
     *
     * @return false when the package no longer has that finding
     * @throws IllegalArgumentException if the reason is blank or too long
     */
    default boolean dismissReceived(String entry, String fingerprint, String reason, String by) {
        return false;
    }

    /** Opens a dismissed finding about a received package again; false when it was not dismissed. */
    default boolean reopenReceived(String fingerprint) {
        return false;
    }

    /** Discrepancy reports this node sent and received, newest first; none without an exchange. */
    List<Report> reports();

    /**
     * Sends the source of a received package a discrepancy report: what looks wrong in it.
     *
     * @param packageId the received package
     * @param text      what looks wrong (1 to 2,000 characters)
     * @param by        the registrar's display name
     */
    ReportOutcome reportDiscrepancy(String packageId, String text, String by);

    /** Sends the records of a received report's package again, as the node holds them now. */
    ReportOutcome resendForReport(String reportId, String by);

    /** Closes a received report with a note, without sending. */
    ReportOutcome closeReport(String reportId, String note, String by);

    /** Asks the source of a report this node filed how it answered, and keeps the answer. */
    ReportOutcome refreshReport(String reportId);

    /** What a report action did. */
    enum ReportOutcome {
        /** Done. */
        DONE,
        /** The text or note was empty or too long: nothing was done. */
        EMPTY,
        /** The other institution, or the ledger, could not be reached: nothing was done. */
        UNREACHABLE,
        /** The other institution refused it. */
        REFUSED,
        /** The grant no longer allows sending the records (revoked or expired). */
        GRANT_ENDED,
        /** No such package or open report (already answered, or a stale page). */
        GONE,
        /** The node runs no exchange. */
        NO_EXCHANGE
    }

    /**
     * A discrepancy report.
     *
     * @param id          the report's id
     * @param sent        true when this node reported it, false when another institution reported it to this node
     * @param peer        the other institution's name
     * @param at          when it was filed or received
     * @param student     the node's student (received reports)
     * @param studentName their name as the node holds it; empty for sent reports
     * @param packageId   the package concerned
     * @param text        what looks wrong
     * @param status      OPEN, RESENT or CLOSED (for a sent report: as the source last said)
     * @param answer      the note of a closed report
     * @param by          who filed it (sent) or answered it (received)
     */
    record Report(String id, boolean sent, String peer, Instant at, Optional<StudentId> student, String studentName,
                  String packageId, String text, String status, String answer, String by) {
        public Report {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(peer, "peer");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(student, "student");
            Objects.requireNonNull(studentName, "studentName");
            Objects.requireNonNull(packageId, "packageId");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(answer, "answer");
            Objects.requireNonNull(by, "by");
        }
    }

    /**
     * The desk of a running node: import runs from the store ({@link ImportRuns}), exchanges and data-quality
     * findings from the exchange engine (none when the node has no ledger), the Cal Grant batch from the seniors'
     * records (the Cal Grant GPA {@code gpaSource} gives).
     *
     * @param store     the node's record store (declaring {@link ImportRuns#columns()} and
     *                  {@link DataQuality#columns()})
     * @param exchanges the exchange engine, when the node has one
     * @param names     institutions' display names
     * @param gpaSource where the Cal Grant GPA comes from
     * @param clock     when a registrar dismisses a finding
     */
    static RegistrarDesk ofNode(RecordStore store, Optional<Exchanges> exchanges, Function<InstitutionId, String> names,
            CalGrantGpaSource gpaSource, java.time.Clock clock) {
        return new NodeRegistrarDesk(ImportRuns.in(store), store, exchanges, Optional.empty(), names, gpaSource,
                DataQuality.in(store), clock);
    }

    /**
     * The desk of a running node, with the received packages' share of the data-quality queue.
     *
     * @param received what other institutions sent and the queue of what the rules found in it, when the node has
     *     an exchange
     */
    static RegistrarDesk ofNode(RecordStore store, Optional<Exchanges> exchanges, Optional<Received> received,
            Function<InstitutionId, String> names, CalGrantGpaSource gpaSource, java.time.Clock clock) {
        return new NodeRegistrarDesk(ImportRuns.in(store), store, exchanges, received, names, gpaSource,
                DataQuality.in(store), clock);
    }

    /**
     * What other institutions sent this node, and what the data-quality rules found in it.
     *
     * @param records the received packages
     * @param queue their findings
     */
    record Received(ReceivedRecords records, ReceivedQuality queue) {
        public Received {
            Objects.requireNonNull(records, "records");
            Objects.requireNonNull(queue, "queue");
        }
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

            @Override
            public QualityPage quality(Optional<QualityRule> rule, boolean dismissed, int page) {
                return QualityPage.empty(rule, dismissed);
            }

            @Override
            public boolean dismissFinding(StudentId student, String fingerprint, String reason, String by) {
                return false;
            }

            @Override
            public boolean reopenFinding(String fingerprint) {
                return false;
            }

            @Override
            public List<Report> reports() {
                return List.of();
            }

            @Override
            public ReportOutcome reportDiscrepancy(String packageId, String text, String by) {
                return ReportOutcome.NO_EXCHANGE;
            }

            @Override
            public ReportOutcome resendForReport(String reportId, String by) {
                return ReportOutcome.NO_EXCHANGE;
            }

            @Override
            public ReportOutcome closeReport(String reportId, String note, String by) {
                return ReportOutcome.NO_EXCHANGE;
            }

            @Override
            public ReportOutcome refreshReport(String reportId) {
                return ReportOutcome.NO_EXCHANGE;
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
     * @param reason why, in words a registrar can act on (never the sensitive value itself), in English
     * @param code   why as a code the page words in the reader's language ({@code import.reason.<code>}), or empty
     * @param facts  the values that wording is filled with
     */
    record Problem(String file, long line, String field, String reason, String code, List<String> facts) {

        public Problem(String file, long line, String field, String reason) {
            this(file, line, field, reason, "", List.of());
        }

        public Problem {
            Objects.requireNonNull(code, "code");
            facts = List.copyOf(facts);
        }
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
     * One page of the data-quality queue.
     *
     * @param lastRun when the rules last ran over every student, and over how many
     * @param rules every rule with its counts, in the rules' order
     * @param rule the rule shown, when one is chosen
     * @param dismissed whether the page lists dismissed findings
     * @param page the page, from 0
     * @param rows the findings on the page, in student order
     * @param more whether another page follows
     */
    record QualityPage(Optional<QualityRun> lastRun, List<RuleCount> rules, Optional<QualityRule> rule,
                       boolean dismissed, int page, List<QualityRow> rows, boolean more) {
        public QualityPage {
            Objects.requireNonNull(lastRun, "lastRun");
            rules = List.copyOf(rules);
            Objects.requireNonNull(rule, "rule");
            rows = List.copyOf(rows);
        }

        /** A page with nothing: the rules have not run. */
        public static QualityPage empty(Optional<QualityRule> rule, boolean dismissed) {
            List<RuleCount> counts = new java.util.ArrayList<>();
            for (QualityRule r : QualityRule.values()) {
                counts.add(new RuleCount(r, 0, 0));
            }
            return new QualityPage(Optional.empty(), counts, rule, dismissed, 0, List.of(), false);
        }

        /** Open findings of every rule. */
        public long open() {
            return rules.stream().mapToLong(RuleCount::open).sum();
        }
    }

    /**
     * A run of the data-quality rules over every student.
     *
     * @param at when it ran
     * @param students how many students it checked
     */
    record QualityRun(Instant at, long students) {
    }

    /**
     * A rule's findings.
     *
     * @param rule the rule
     * @param open findings to act on
     * @param dismissed findings dismissed as not errors
     */
    record RuleCount(QualityRule rule, long open, long dismissed) {
    }

    /**
     * A finding on the page.
     *
     * @param student the student
     * @param studentName the student's name as this node holds it
     * @param localIds the student's local ids (to find them in the SIS)
     * @param rule the rule
     * @param detail what is wrong, in English
     * @param message which wording the finding takes in another language (see {@link org.baton.node.portal.i18n.FindingWording}); empty for none
     * @param facts what that wording is built from
     * @param fingerprint the finding's key for a dismissal
     * @param dismissal why and by whom it was dismissed, when it was
     */
    record QualityRow(StudentId student, String studentName, String localIds, QualityRule rule, String detail,
                      String message, List<String> facts, String fingerprint, Optional<QualityDismissal> dismissal) {
        public QualityRow {
            Objects.requireNonNull(student, "student");
            Objects.requireNonNull(studentName, "studentName");
            Objects.requireNonNull(localIds, "localIds");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(message, "message");
            facts = List.copyOf(facts);
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(dismissal, "dismissal");
        }

        /** A finding with its English detail only. */
        public QualityRow(StudentId student, String studentName, String localIds, QualityRule rule, String detail,
                   String fingerprint, Optional<QualityDismissal> dismissal) {
            this(student, studentName, localIds, rule, detail, "", List.of(), fingerprint, dismissal);
        }

        /** The same finding, dismissed or reopened. */
        public QualityRow withDismissal(Optional<QualityDismissal> dismissal) {
            return new QualityRow(student, studentName, localIds, rule, detail, message, facts, fingerprint, dismissal);
        }
    }

    /**
     * One page of the findings about received packages.
     *
     * @param open open findings in all
     * @param dismissedCount dismissed findings in all
     * @param packages packages with at least one open finding
     * @param waiting packages received and not yet checked (a busy node checks them when the exchanges ease off)
     * @param dismissed whether the page lists dismissed findings
     * @param page the page, from 0
     * @param rows the findings on the page, newest package first
     * @param more whether another page follows
     */
    record ReceivedPage(long open, long dismissedCount, long packages, int waiting, boolean dismissed, int page,
                        List<ReceivedRow> rows, boolean more) {
        public ReceivedPage {
            rows = List.copyOf(rows);
        }

        /** A page with nothing: no exchange, or nothing received. */
        public static ReceivedPage empty(boolean dismissed) {
            return new ReceivedPage(0, 0, 0, 0, dismissed, 0, List.of(), false);
        }
    }

    /**
     * A finding about a received package.
     *
     * @param entry the queue's key for the package (posted back to dismiss)
     * @param packageId the package
     * @param sender the institution that sent it
     * @param receivedAt when it was received
     * @param studentName the student's name as the package gives it
     * @param student the node's own student with the package's SSID, when it holds one (their records page has the
     *     package and the form to report a discrepancy)
     * @param rule the rule
     * @param detail what is wrong, in English
     * @param message which wording the finding takes in another language; empty for none
     * @param facts what that wording is built from
     * @param fingerprint the finding's key for a dismissal
     * @param dismissal why and by whom it was dismissed, when it was
     * @param reported whether this node already sent the sender a discrepancy report about the package
     */
    record ReceivedRow(String entry, String packageId, String sender, Instant receivedAt, String studentName,
                       Optional<StudentId> student, QualityRule rule, String detail, String message, List<String> facts,
                       String fingerprint, Optional<QualityDismissal> dismissal, boolean reported) {
        public ReceivedRow {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(packageId, "packageId");
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(receivedAt, "receivedAt");
            Objects.requireNonNull(studentName, "studentName");
            Objects.requireNonNull(student, "student");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(message, "message");
            facts = List.copyOf(facts);
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(dismissal, "dismissal");
        }
    }

    /**
     * Why a finding was dismissed.
     *
     * @param reason the registrar's reason
     * @param by who dismissed it
     * @param at when
     */
    record QualityDismissal(String reason, String by, Instant at) {
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
