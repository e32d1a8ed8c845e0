package org.baton.node.portal.registrar;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.baton.ledger.LedgerUnavailableException;
import org.baton.ledger.protobuf.ConsentEnums;
import org.baton.node.exchange.BasisNotApplicableException;
import org.baton.node.exchange.CalGrantGpaSource;
import org.baton.node.exchange.CalGrantUploadReport;
import org.baton.node.exchange.ConsentRefusedException;
import org.baton.node.exchange.DataQualityFinding;
import org.baton.node.exchange.DiscrepancyReport;
import org.baton.node.exchange.ExchangeException;
import org.baton.node.exchange.ExchangeDirection;
import org.baton.node.exchange.ExchangeView;
import org.baton.node.exchange.Exchanges;
import org.baton.node.exchange.InvalidExchangeRequestException;
import org.baton.node.exchange.OpeningMissingException;
import org.baton.node.exchange.PackageId;
import org.baton.node.exchange.PeerUnavailableException;
import org.baton.node.exchange.ReceivedPackage;
import org.baton.node.importer.ImportRuns;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoredStudent;
import org.baton.node.quality.DataQuality;
import org.baton.node.quality.QualityFinding;
import org.baton.node.quality.QualityRule;
import org.baton.node.quality.ReceivedQuality;
import org.baton.node.student.Ssid;
import org.baton.proto.v1.LocalId;
import org.baton.proto.v1.PersonName;
import org.baton.proto.v1.Student;
import org.baton.trust.InstitutionId;

/**
 * The registrar's desk over the node's store (import runs, seniors, the data-quality queue) and exchange engine
 * (exchanges, identity mismatches).
 */
final class NodeRegistrarDesk implements RegistrarDesk {

    /** Import runs and exchanges a page lists at most. */
    static final int LISTED = 200;

    private final ImportRuns runs;
    private final RecordStore store;
    private final Optional<Exchanges> exchanges;
    private final Function<InstitutionId, String> names;
    private final CalGrantGpaSource gpaSource;
    private final DataQuality quality;
    private final Optional<Received> received;
    private final Clock clock;

    NodeRegistrarDesk(ImportRuns runs, RecordStore store, Optional<Exchanges> exchanges, Optional<Received> received,
            Function<InstitutionId, String> names, CalGrantGpaSource gpaSource, DataQuality quality, Clock clock) {
        this.runs = runs;
        this.received = received;
        this.quality = quality;
        this.clock = clock;
        this.store = store;
        this.exchanges = exchanges;
        this.names = names;
        this.gpaSource = gpaSource;
    }

    @Override
    public List<RegistrarDesk.ImportRun> imports() {
        return runs.recent(LISTED).stream().map(NodeRegistrarDesk::view).toList();
    }

    @Override
    public Optional<RegistrarDesk.ImportRun> importRun(String id) {
        long number;
        try {
            number = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return runs.find(number).map(NodeRegistrarDesk::view);
    }

    /** The importer's run as the page shows it (the nested {@code ImportRun} here is the desk's). */
    private static RegistrarDesk.ImportRun view(org.baton.node.importer.ImportRun run) {
        return new RegistrarDesk.ImportRun(Long.toString(run.id()), run.input(), run.format(), run.startedAt(),
                run.rowsRead(), run.rowsLoaded(), run.rowsRejected(), run.failure(),
                run.rejections().stream()
                        .map(r -> new Problem(r.file(), r.line(), r.field(), r.reason(), r.code(), r.facts()))
                        .toList());
    }

    @Override
    public List<Exchange> exchanges() {
        return exchanges.map(engine -> engine.recent(LISTED).stream().map(this::view).toList()).orElse(List.of());
    }

    private Exchange view(ExchangeView e) {
        String status = e.state().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + e.failure().map(f -> ": " + f).orElse("");
        return new Exchange(e.id().value(), e.direction() == ExchangeDirection.OUTBOUND, names.apply(e.peer()),
                e.updatedAt(), status, e.scopes().stream()
                        .map(ConsentEnums::toProto).collect(Collectors.toUnmodifiableSet()));
    }

    @Override
    public List<CalGrantRow> calGrantBatch() {
        List<CalGrantRow> rows = new ArrayList<>();
        try (Stream<StoredStudent> students = store.students()) {
            students.filter(s -> s.record().getStudent().getGradeLevel() == 12).forEach(s -> rows.add(
                    new CalGrantRow(s.id(), name(s.record().getStudent().getLegalName()),
                            gpaSource.calGrantGpa(s.record()).map(g -> String.format(Locale.ROOT, "%.2f",
                                    Math.round(g.getValue() / 10.0) / 100.0)),
                            s.record().getStudent().getCalGrantGpaOptOut())));
        }
        rows.sort(Comparator.comparing(CalGrantRow::name));
        return rows;
    }

    @Override
    public Optional<CalGrantUpload> uploadCalGrant(int academicYear) {
        if (exchanges.isEmpty()) {
            return Optional.empty();
        }
        CalGrantUploadReport report;
        try {
            report = exchanges.get().uploadCalGrantGpas(academicYear);
        } catch (BasisNotApplicableException e) {
            throw new CalGrantUploadRefusedException(academicYear, e.getMessage(), e);
        }
        return Optional.of(new CalGrantUpload(report.academicYear(), report.queued().size(), report.alreadyUploaded(),
                report.optedOut(), report.withoutGpa().size()));
    }

    @Override
    public List<Finding> findings() {
        List<DataQualityFinding> found = exchanges.map(Exchanges::findings).orElse(List.of());
        List<Finding> out = new ArrayList<>(found.size());
        // The same mismatch is found when the grant is told and again when the records are asked for: one item.
        java.util.Set<List<Object>> seen = new java.util.HashSet<>();
        for (int i = found.size() - 1; i >= 0; i--) {
            DataQualityFinding f = found.get(i);
            if (!seen.add(List.of(f.grant(), f.peer(), f.student(), f.fields()))) {
                continue;
            }
            String name = store.student(f.student())
                    .map(s -> name(s.record().getStudent().getLegalName()))
                    .orElse("(no longer held)");
            out.add(new Finding(f.foundAt(), f.student(), name, names.apply(f.peer()), f.fields(), f.grant().value()));
        }
        return out;
    }

    @Override
    public QualityPage quality(Optional<QualityRule> rule, boolean dismissed, int page) {
        if (page < 0 || page > 100_000) {
            throw new IllegalArgumentException("page " + page + " is outside 0..100000");
        }
        List<RuleCount> counts = new ArrayList<>();
        quality.counts().forEach((r, c) -> counts.add(new RuleCount(r, c.open(), c.dismissed())));
        // One more than a page, to know whether another follows.
        List<DataQuality.Listed> listed = quality.list(rule, dismissed, page * QUALITY_PAGE, QUALITY_PAGE + 1);
        List<QualityRow> rows = new ArrayList<>(Math.min(listed.size(), QUALITY_PAGE));
        java.util.Map<org.baton.node.student.StudentId, Optional<Student>> students = new java.util.HashMap<>();
        for (DataQuality.Listed item : listed.subList(0, Math.min(listed.size(), QUALITY_PAGE))) {
            QualityFinding finding = item.finding();
            Optional<Student> student = students.computeIfAbsent(finding.student(),
                    id -> store.student(id).map(s -> s.record().getStudent()));
            rows.add(new QualityRow(finding.student(),
                    student.map(s -> name(s.getLegalName())).orElse("(no longer held)"),
                    student.map(s -> s.getLocalIdsList().stream().map(LocalId::getValue)
                            .collect(Collectors.joining(", "))).orElse(""),
                    finding.rule(), finding.detail(), finding.message(), finding.facts(), item.fingerprint(),
                    item.dismissal().map(d -> new QualityDismissal(d.reason(), d.by(), d.at()))));
        }
        return new QualityPage(quality.lastScan().map(scan -> new QualityRun(scan.checkedAt(), scan.students())),
                counts, rule, dismissed, page, rows, listed.size() > QUALITY_PAGE);
    }

    @Override
    public boolean dismissFinding(org.baton.node.student.StudentId student, String fingerprint, String reason,
            String by) {
        return quality.dismiss(student, fingerprint, reason, by, clock.instant());
    }

    @Override
    public boolean reopenFinding(String fingerprint) {
        return quality.reopen(fingerprint);
    }

    @Override
    public ReceivedPage receivedQuality(boolean dismissed, int page) {
        if (page < 0 || page > 100_000) {
            throw new IllegalArgumentException("page " + page + " is outside 0..100000");
        }
        if (received.isEmpty()) {
            return ReceivedPage.empty(dismissed);
        }
        ReceivedQuality queue = received.get().queue();
        ReceivedQuality.Counts counts = queue.counts();
        List<ReceivedQuality.Listed> listed = queue.list(dismissed, page * QUALITY_PAGE, QUALITY_PAGE + 1);
        Set<String> reported = new HashSet<>();
        exchanges.ifPresent(e -> e.discrepancyReports(10_000).stream().filter(DiscrepancyReport::sent)
                .forEach(r -> reported.add(r.packageId().value())));
        Map<String, Optional<ReceivedPackage>> packages = new HashMap<>();
        List<ReceivedRow> rows = new ArrayList<>(Math.min(listed.size(), QUALITY_PAGE));
        for (ReceivedQuality.Listed item : listed.subList(0, Math.min(listed.size(), QUALITY_PAGE))) {
            Optional<ReceivedPackage> pkg = packages.computeIfAbsent(item.packageId(),
                    id -> received.get().records().find(PackageId.of(id)));
            if (pkg.isEmpty()) {
                continue; // dropped since it was checked; the next check takes its findings off the queue
            }
            Student student = pkg.get().record().getStudent();
            QualityFinding finding = item.finding();
            rows.add(new ReceivedRow(item.entry(), item.packageId(), names.apply(pkg.get().source()),
                    item.receivedAt(), name(student.getLegalName()), localStudent(student.getSsid()),
                    finding.rule(), finding.detail(), finding.message(), finding.facts(), item.fingerprint(),
                    item.dismissal().map(d -> new QualityDismissal(d.reason(), d.by(), d.at())),
                    reported.contains(item.packageId())));
        }
        return new ReceivedPage(counts.open(), counts.dismissed(), counts.packages(), counts.waiting(), dismissed,
                page, rows, listed.size() > QUALITY_PAGE);
    }

    @Override
    public ReceivedPage receivedSummary() {
        if (received.isEmpty()) {
            return ReceivedPage.empty(false);
        }
        ReceivedQuality.Counts counts = received.get().queue().counts();
        return new ReceivedPage(counts.open(), counts.dismissed(), counts.packages(), counts.waiting(), false, 0,
                List.of(), false);
    }

    private Optional<org.baton.node.student.StudentId> localStudent(String ssid) {
        try {
            return store.findBySsid(Ssid.of(ssid)).map(StoredStudent::id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean dismissReceived(String entry, String fingerprint, String reason, String by) {
        return received.isPresent() && received.get().queue().dismiss(entry, fingerprint, reason, by, clock.instant());
    }

    @Override
    public boolean reopenReceived(String fingerprint) {
        return received.isPresent() && received.get().queue().reopen(fingerprint);
    }

    @Override
    public List<Report> reports() {
        if (exchanges.isEmpty()) {
            return List.of();
        }
        List<Report> out = new ArrayList<>();
        for (DiscrepancyReport r : exchanges.get().discrepancyReports(LISTED)) {
            String studentName = r.student().flatMap(store::student)
                    .map(s -> name(s.record().getStudent().getLegalName())).orElse("");
            out.add(new Report(r.id(), r.sent(), names.apply(r.peer()), r.at(), r.student(), studentName,
                    r.packageId().value(), r.text(), r.status().name(), r.answer(), r.by()));
        }
        return out;
    }

    @Override
    public ReportOutcome reportDiscrepancy(String packageId, String text, String by) {
        if (exchanges.isEmpty()) {
            return ReportOutcome.NO_EXCHANGE;
        }
        if (text.isBlank() || text.strip().length() > 2_000) {
            return ReportOutcome.EMPTY;
        }
        PackageId id;
        try {
            id = PackageId.of(packageId);
        } catch (IllegalArgumentException e) {
            return ReportOutcome.GONE;
        }
        return outcome(() -> exchanges.get().reportDiscrepancy(id, text, by));
    }

    @Override
    public ReportOutcome resendForReport(String reportId, String by) {
        if (exchanges.isEmpty()) {
            return ReportOutcome.NO_EXCHANGE;
        }
        return outcome(() -> exchanges.get().resendForReport(reportId, by));
    }

    @Override
    public ReportOutcome closeReport(String reportId, String note, String by) {
        if (exchanges.isEmpty()) {
            return ReportOutcome.NO_EXCHANGE;
        }
        if (note.isBlank() || note.strip().length() > 2_000) {
            return ReportOutcome.EMPTY;
        }
        return exchanges.get().closeReport(reportId, note, by) ? ReportOutcome.DONE : ReportOutcome.GONE;
    }

    @Override
    public ReportOutcome refreshReport(String reportId) {
        if (exchanges.isEmpty()) {
            return ReportOutcome.NO_EXCHANGE;
        }
        return outcome(() -> exchanges.get().refreshReport(reportId));
    }

    /** Runs a report action and says how it went; the exchange's refusals become outcomes for the page. */
    private static ReportOutcome outcome(Runnable action) {
        try {
            action.run();
            return ReportOutcome.DONE;
        } catch (InvalidExchangeRequestException e) {
            return ReportOutcome.GONE;
        } catch (PeerUnavailableException | LedgerUnavailableException e) {
            return ReportOutcome.UNREACHABLE;
        } catch (ConsentRefusedException | OpeningMissingException e) {
            return ReportOutcome.GRANT_ENDED;
        } catch (ExchangeException e) {
            return ReportOutcome.REFUSED;
        }
    }

    private static String name(PersonName name) {
        return (name.getFirst() + " " + name.getLast()).strip();
    }
}
