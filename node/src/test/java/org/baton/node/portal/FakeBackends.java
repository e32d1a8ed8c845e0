package org.baton.node.portal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.baton.ledger.audit.LedgerAudit;
import org.baton.node.portal.accounts.AccountId;
import org.baton.node.portal.accounts.AccountStore;
import org.baton.node.portal.audit.AuditDesk;
import org.baton.node.portal.consent.ConsentDesk;
import org.baton.node.portal.consent.Disclosure;
import org.baton.node.portal.consent.GrantNotFoundException;
import org.baton.node.portal.consent.GrantRequest;
import org.baton.node.portal.consent.GrantView;
import org.baton.node.portal.consent.Institution;
import org.baton.node.portal.consent.TooManySchoolsException;
import org.baton.node.portal.registrar.RegistrarDesk;
import org.baton.node.portal.session.SessionStore;
import org.baton.node.portal.student.PlannedCourse;
import org.baton.node.portal.i18n.Language;
import org.baton.node.portal.student.ReadinessReport;
import org.baton.node.portal.student.ReadinessSource;
import org.baton.node.portal.student.StudentDirectory;
import org.baton.node.portal.student.StudentFile;
import org.baton.node.quality.QualityRule;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.LegalBasis;
import org.baton.proto.v1.Scope;
import org.baton.trust.InstitutionId;

/**
 * In-memory stand-ins for the ports whose real implementations live in other subsystems: what the tests put in
 * is what the pages show. The consent desk acts like the exchange too: a new grant is followed by a transfer under
 * it, recorded in the access log, as the exchange engine does.
 */
public final class FakeBackends {

    public final Students students = new Students();
    public final Readiness readiness = new Readiness();
    public final Consent consent;
    public final Registrar registrar = new Registrar();
    public final Audit audit = new Audit();

    public FakeBackends(Clock clock) {
        this.consent = new Consent(clock);
    }

    public PortalBackends backends(AccountStore accounts, SessionStore sessions) {
        return new PortalBackends(accounts, sessions, students, readiness, consent, registrar, audit);
    }

    /**
     * The ledger's grants and receipts in lists, audited as {@link LedgerAudit} does; {@code down} makes the ledger
     * unreadable.
     */
    public static final class Audit implements AuditDesk {
        public static final InstitutionId SELF = InstitutionId.of("19647330000000");
        public final List<org.baton.ledger.GrantRecord> grants = new CopyOnWriteArrayList<>();
        public final List<org.baton.ledger.ReceiptRecord> receipts = new CopyOnWriteArrayList<>();
        public final List<org.baton.ledger.TimeRange> asked = new CopyOnWriteArrayList<>();
        public volatile boolean down;
        public volatile boolean connected = true;

        @Override
        public boolean connected() {
            return connected;
        }

        @Override
        public InstitutionId institution() {
            return SELF;
        }

        @Override
        public LedgerAudit.Report audit(org.baton.ledger.TimeRange range, java.time.Duration acknowledgeWithin,
                java.time.Instant now) {
            if (down) {
                throw new org.baton.ledger.LedgerUnavailableException("receiptsByInstitution", Optional.empty(),
                        new java.io.IOException("connection refused"));
            }
            asked.add(range);
            return new LedgerAudit(acknowledgeWithin).check(grants,
                    receipts.stream().filter(r -> range.contains(r.recorded().committedAt())).toList(),
                    id -> grants.stream().filter(g -> g.id().equals(id)).findFirst(), now);
        }
    }

    /** Students by id. */
    public static final class Students implements StudentDirectory {
        public final Map<StudentId, StudentFile> files = new ConcurrentHashMap<>();

        @Override
        public Optional<StudentFile> find(StudentId student) {
            return Optional.ofNullable(files.get(student));
        }
    }

    /** Reports by student; what-if adds each planned course's semesters to its area. */
    public static final class Readiness implements ReadinessSource {
        public final Map<StudentId, ReadinessReport> reports = new ConcurrentHashMap<>();

        @Override
        public Optional<ReadinessReport> report(StudentId student, Language language) {
            return Optional.ofNullable(reports.get(student));
        }

        @Override
        public Optional<ReadinessReport> whatIf(StudentId student, List<PlannedCourse> planned,
                                                 Language language) {
            return report(student, language).map(r -> {
                List<ReadinessReport.AreaStatus> areas = new ArrayList<>();
                for (ReadinessReport.AreaStatus a : r.areas()) {
                    int earned = a.earned();
                    List<String> trail = new ArrayList<>(a.trail());
                    for (PlannedCourse p : planned) {
                        if (p.area() == a.area() && p.grade().charAt(0) <= 'C') {
                            earned += p.semesters();
                            trail.add("planned: " + p.title() + " (" + p.grade() + ")");
                        }
                    }
                    areas.add(new ReadinessReport.AreaStatus(a.area(), earned >= a.required()
                            ? ReadinessReport.AreaStatus.Status.MET : a.status(), earned, a.required(), trail));
                }
                List<String> off = areas.stream().filter(a -> a.status() != ReadinessReport.AreaStatus.Status.MET)
                        .map(a -> "area " + a.area() + ": " + a.earned() + " of " + a.required() + " semesters")
                        .toList();
                return new ReadinessReport(areas, r.gpas(), r.deadlines(), r.transfer(), off, r.aid());
            });
        }
    }

    /** Grants and disclosures in lists. */
    public static final class Consent implements ConsentDesk {
        public final List<Institution> institutions = new CopyOnWriteArrayList<>();
        public final Map<StudentId, List<GrantView>> grants = new ConcurrentHashMap<>();
        public final Map<StudentId, List<Disclosure>> log = new ConcurrentHashMap<>();
        public final List<String> copyRequests = new CopyOnWriteArrayList<>();
        public volatile InstitutionId self = InstitutionId.of("19647330000000");
        /** Whether the records name more schools than a consent from every school attended reaches (else none). */
        public volatile boolean attendedBeyondReach;
        private final Clock clock;
        private final AtomicInteger ids = new AtomicInteger();

        Consent(Clock clock) {
            this.clock = clock;
        }

        @Override
        public List<Institution> institutions() {
            return institutions;
        }

        @Override
        public List<Institution> attended(StudentId student, InstitutionId recipient) {
            if (attendedBeyondReach) {
                throw new TooManySchoolsException("student " + student + " attended too many schools", null);
            }
            return List.of();
        }

        @Override
        public List<GrantView> grants(StudentId student) {
            List<GrantView> list = new ArrayList<>(grants.getOrDefault(student, List.of()));
            list.sort(Comparator.comparing(GrantView::grantedAt).reversed());
            return list;
        }

        @Override
        public synchronized GrantView grant(StudentId student, GrantRequest request, AccountId grantor) {
            if (request.everyAttended() && attendedBeyondReach) {
                throw new TooManySchoolsException("student " + student + " attended too many schools", null);
            }
            String id = "g-" + ids.incrementAndGet();
            GrantView g = new GrantView(id, request.scopes(), request.purpose(), named(request.recipient()),
                    request.sources().stream().map(this::named).toList(), request.everyAttended(), request.until(),
                    clock.instant(), GrantView.Status.ACTIVE);
            grants.computeIfAbsent(student, s -> new CopyOnWriteArrayList<>()).add(g);
            // What the exchange does next: the first named source sends the records under the grant.
            if (!g.sources().isEmpty()) {
                log.computeIfAbsent(student, s -> new CopyOnWriteArrayList<>()).add(new Disclosure("r-" + id,
                        clock.instant(), g.sources().get(0), g.recipient(), request.scopes(), LegalBasis.BASIS_CONSENT,
                        Optional.of(id), true));
            }
            return g;
        }

        @Override
        public synchronized void revoke(StudentId student, String grantId, AccountId by) {
            List<GrantView> list = grants.getOrDefault(student, List.of());
            GrantView g = list.stream().filter(x -> x.grantId().equals(grantId)).findFirst()
                    .orElseThrow(() -> new GrantNotFoundException(grantId));
            list.remove(g);
            list.add(new GrantView(g.grantId(), g.scopes(), g.purpose(), g.recipient(), g.sources(),
                    g.everyAttended(), g.until(), g.grantedAt(), GrantView.Status.REVOKED));
        }

        /** Discrepancy reports about each student's records. */
        public final Map<StudentId, List<Discrepancy>> discrepancies = new ConcurrentHashMap<>();

        @Override
        public List<Discrepancy> discrepancies(StudentId student) {
            return discrepancies.getOrDefault(student, List.of());
        }

        @Override
        public List<Disclosure> accessLog(StudentId student) {
            List<Disclosure> list = new ArrayList<>(log.getOrDefault(student, List.of()));
            list.sort(Comparator.comparing(Disclosure::at).reversed());
            return list;
        }

        @Override
        public Optional<org.baton.node.portal.consent.DisclosedCopy> requestCopy(StudentId student,
                String disclosureId, AccountId by) {
            if (log.getOrDefault(student, List.of()).stream().noneMatch(d -> d.id().equals(disclosureId))) {
                throw new GrantNotFoundException(disclosureId);
            }
            copyRequests.add(student + ":" + disclosureId);
            return Optional.empty();
        }

        public Institution named(InstitutionId id) {
            return institutions.stream().filter(i -> i.id().equals(id)).findFirst()
                    .orElse(new Institution(id, id.value()));
        }

        /** A disclosure made without consent, e.g. the Cal Grant GPA upload. */
        public void disclosed(StudentId student, Institution to, Set<Scope> scopes, LegalBasis basis, Instant at) {
            log.computeIfAbsent(student, s -> new CopyOnWriteArrayList<>()).add(new Disclosure(
                    "r-" + ids.incrementAndGet(), at, named(self), to, EnumSet.copyOf(scopes), basis,
                    Optional.empty(), true));
        }
    }

    /** Import runs, exchanges and the Cal Grant batch in lists. */
    public static final class Registrar implements RegistrarDesk {
        public final List<ImportRun> runs = new CopyOnWriteArrayList<>();
        public final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
        public final List<CalGrantRow> calGrant = new CopyOnWriteArrayList<>();
        public final List<Finding> findings = new CopyOnWriteArrayList<>();

        @Override
        public List<ImportRun> imports() {
            return runs;
        }

        @Override
        public Optional<ImportRun> importRun(String id) {
            return runs.stream().filter(r -> r.id().equals(id)).findFirst();
        }

        @Override
        public List<Exchange> exchanges() {
            return exchanges;
        }

        @Override
        public List<CalGrantRow> calGrantBatch() {
            return calGrant;
        }

        @Override
        public List<Finding> findings() {
            return findings;
        }

        public final List<Integer> uploads = new CopyOnWriteArrayList<>();
        /** The data-quality findings, open and dismissed. */
        public final List<QualityRow> quality = new CopyOnWriteArrayList<>();

        @Override
        public QualityPage quality(Optional<QualityRule> rule, boolean dismissed, int page) {
            List<RuleCount> counts = new java.util.ArrayList<>();
            for (QualityRule r : QualityRule.values()) {
                counts.add(new RuleCount(r, quality.stream().filter(q -> q.rule() == r && q.dismissal().isEmpty())
                        .count(), quality.stream().filter(q -> q.rule() == r && q.dismissal().isPresent()).count()));
            }
            List<QualityRow> rows = quality.stream()
                    .filter(q -> rule.isEmpty() || q.rule() == rule.get())
                    .filter(q -> q.dismissal().isPresent() == dismissed)
                    .skip((long) page * QUALITY_PAGE).toList();
            return new QualityPage(quality.isEmpty() ? Optional.empty()
                    : Optional.of(new QualityRun(java.time.Instant.parse("2026-02-27T16:00:00Z"), 1204)), counts,
                    rule, dismissed, page, rows.subList(0, Math.min(rows.size(), QUALITY_PAGE)),
                    rows.size() > QUALITY_PAGE);
        }

        @Override
        public boolean dismissFinding(StudentId student, String fingerprint, String reason, String by) {
            for (int i = 0; i < quality.size(); i++) {
                QualityRow q = quality.get(i);
                if (q.student().equals(student) && q.fingerprint().equals(fingerprint) && q.dismissal().isEmpty()) {
                    quality.set(i, q.withDismissal(Optional.of(new QualityDismissal(reason, by,
                            java.time.Instant.parse("2026-02-28T10:00:00Z")))));
                    return true;
                }
            }
            return false;
        }

        /** Findings about received packages, open and dismissed, newest package first. */
        public final List<ReceivedRow> received = new CopyOnWriteArrayList<>();

        @Override
        public ReceivedPage receivedQuality(boolean dismissed, int page) {
            List<ReceivedRow> rows = received.stream().filter(r -> r.dismissal().isPresent() == dismissed)
                    .skip((long) page * QUALITY_PAGE).toList();
            return new ReceivedPage(received.stream().filter(r -> r.dismissal().isEmpty()).count(),
                    received.stream().filter(r -> r.dismissal().isPresent()).count(),
                    received.stream().filter(r -> r.dismissal().isEmpty()).map(ReceivedRow::packageId).distinct()
                            .count(), 0, dismissed, page, rows.subList(0, Math.min(rows.size(), QUALITY_PAGE)),
                    rows.size() > QUALITY_PAGE);
        }

        @Override
        public boolean dismissReceived(String entry, String fingerprint, String reason, String by) {
            return setReceived(fingerprint, Optional.of(new QualityDismissal(reason, by,
                    java.time.Instant.parse("2026-02-28T10:00:00Z"))));
        }

        @Override
        public boolean reopenReceived(String fingerprint) {
            return setReceived(fingerprint, Optional.empty());
        }

        private boolean setReceived(String fingerprint, Optional<QualityDismissal> dismissal) {
            for (int i = 0; i < received.size(); i++) {
                ReceivedRow r = received.get(i);
                if (r.fingerprint().equals(fingerprint) && r.dismissal().isPresent() != dismissal.isPresent()) {
                    received.set(i, new ReceivedRow(r.entry(), r.packageId(), r.sender(), r.receivedAt(),
                            r.studentName(), r.student(), r.rule(), r.detail(), r.message(), r.facts(),
                            r.fingerprint(), dismissal, r.reported()));
                    return true;
                }
            }
            return false;
        }

        /** Discrepancy reports, newest first; what the desk was asked to send. */
        public final List<Report> reports = new CopyOnWriteArrayList<>();
        public final List<String> filed = new CopyOnWriteArrayList<>();

        @Override
        public List<Report> reports() {
            return reports;
        }

        @Override
        public ReportOutcome reportDiscrepancy(String packageId, String text, String by) {
            if (text.isBlank()) {
                return ReportOutcome.EMPTY;
            }
            filed.add(packageId + ": " + text.strip());
            for (int i = 0; i < received.size(); i++) {
                ReceivedRow r = received.get(i);
                if (r.packageId().equals(packageId)) {
                    received.set(i, new ReceivedRow(r.entry(), r.packageId(), r.sender(), r.receivedAt(),
                            r.studentName(), r.student(), r.rule(), r.detail(), r.message(), r.facts(),
                            r.fingerprint(), r.dismissal(), true));
                }
            }
            reports.add(0, new Report("ab".repeat(16), true, "Valley Community College",
                    java.time.Instant.parse("2026-02-28T11:00:00Z"), Optional.empty(), "", packageId, text.strip(),
                    "OPEN", "", by));
            return ReportOutcome.DONE;
        }

        @Override
        public ReportOutcome resendForReport(String reportId, String by) {
            return answer(reportId, "RESENT", "", by);
        }

        @Override
        public ReportOutcome closeReport(String reportId, String note, String by) {
            return note.isBlank() ? ReportOutcome.EMPTY : answer(reportId, "CLOSED", note.strip(), by);
        }

        @Override
        public ReportOutcome refreshReport(String reportId) {
            for (int i = 0; i < reports.size(); i++) {
                Report r = reports.get(i);
                if (r.id().equals(reportId) && r.sent()) {
                    // The college answered by closing it.
                    reports.set(i, new Report(r.id(), true, r.peer(), r.at(), r.student(), r.studentName(),
                            r.packageId(), r.text(), "CLOSED", "Checked: 3 units is right for that term.", r.by()));
                    return ReportOutcome.DONE;
                }
            }
            return ReportOutcome.GONE;
        }

        private ReportOutcome answer(String reportId, String status, String answer, String by) {
            for (int i = 0; i < reports.size(); i++) {
                Report r = reports.get(i);
                if (r.id().equals(reportId) && !r.sent() && r.status().equals("OPEN")) {
                    reports.set(i, new Report(r.id(), false, r.peer(), r.at(), r.student(), r.studentName(),
                            r.packageId(), r.text(), status, answer, by));
                    return ReportOutcome.DONE;
                }
            }
            return ReportOutcome.GONE;
        }

        @Override
        public boolean reopenFinding(String fingerprint) {
            for (int i = 0; i < quality.size(); i++) {
                QualityRow q = quality.get(i);
                if (q.fingerprint().equals(fingerprint) && q.dismissal().isPresent()) {
                    quality.set(i, q.withDismissal(Optional.empty()));
                    return true;
                }
            }
            return false;
        }

        @Override
        public Optional<CalGrantUpload> uploadCalGrant(int academicYear) {
            boolean again = uploads.contains(academicYear);
            uploads.add(academicYear);
            long included = calGrant.stream().filter(r -> !r.optedOut() && r.gpa().isPresent()).count();
            long optedOut = calGrant.stream().filter(CalGrantRow::optedOut).count();
            return Optional.of(new CalGrantUpload(academicYear, again ? 0 : (int) included,
                    again ? (int) included : 0, (int) optedOut, 0));
        }
    }

    static LocalDate date(String s) {
        return LocalDate.parse(s);
    }
}
