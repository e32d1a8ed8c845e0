package org.baton.node.exchange;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.baton.ledger.GrantId;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.Scope;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.SignedPackage;
import org.baton.proto.v1.StoredExchange;
import org.baton.proto.v1.StoredExchangeKind;
import org.baton.proto.v1.StoredFinding;
import org.baton.proto.v1.StoredReceivedPackage;
import org.baton.proto.v1.StoredWork;
import org.baton.trust.InstitutionId;

/**
 * Routes the engine's entry points — the node's API, peers' calls, queued work — to the side that handles them,
 * and reads the outbox for views and status.
 */
final class ExchangeEngine implements Exchanges, ReceivedRecords, PeerHandler, WorkScheduler.Handler {

    private final Outbox outbox;
    private final SourceSide source;
    private final RecipientSide recipient;
    private final Consents consents;
    private final Backoffs backoffs;
    private final ReceivedByStudent byStudent;
    private final DiscrepancyReports reports;
    private volatile WorkScheduler scheduler;

    ExchangeEngine(Outbox outbox, SourceSide source, RecipientSide recipient, Consents consents, Backoffs backoffs,
            ReceivedByStudent byStudent, DiscrepancyReports reports) {
        this.byStudent = byStudent;
        this.reports = reports;
        this.outbox = outbox;
        this.source = source;
        this.recipient = recipient;
        this.consents = consents;
        this.backoffs = backoffs;
    }

    void attach(WorkScheduler workScheduler) {
        this.scheduler = workScheduler;
    }

    // ---------------------------------------------------------------------------------------------- peers

    @Override
    public boolean notifyGrant(InstitutionId caller, GrantId grant, Opening opening, List<InstitutionId> sources) {
        return consents.receive(caller, grant, opening, sources);
    }

    @Override
    public PeerClient.Pulled requestRecords(InstitutionId caller, String requestId, GrantId grant, Set<Scope> scopes,
            Optional<Opening> opening) {
        return source.serve(caller, requestId, grant, scopes, opening);
    }

    @Override
    public List<Served> requestRecordsBatch(InstitutionId caller, List<Pull> pulls, boolean signTogether) {
        return source.serveBatch(caller, pulls, signTogether);
    }

    @Override
    public boolean deliverRecords(InstitutionId caller, SignedPackage pkg, ReceiptId receipt) {
        return recipient.receive(caller, pkg, receipt);
    }

    @Override
    public boolean reportDiscrepancy(InstitutionId caller, String reportId, ReceiptId receipt, String text) {
        return reports.receive(caller, reportId, receipt, text);
    }

    @Override
    public DiscrepancyAnswer discrepancyAnswer(InstitutionId caller, String reportId) {
        return reports.answerFor(caller, reportId);
    }

    // ---------------------------------------------------------------------------------------------- work

    @Override
    public WorkScheduler.Step step(StoredWork work) {
        switch (work.getKind()) {
            case EXCHANGE: {
                ExchangeId id = ExchangeId.of(work.getId());
                Optional<StoredExchange> exchange = outbox.store().exchange(id);
                if (exchange.isEmpty()) {
                    outbox.writer().write(tx -> Outbox.finish(tx, id));
                    return WorkScheduler.DONE;
                }
                StoredExchangeKind kind = exchange.get().getKind();
                return kind == StoredExchangeKind.SERVE_PULL || kind == StoredExchangeKind.SEND_PUSH
                        ? source.step(exchange.get())
                        : recipient.step(exchange.get());
            }
            case NOTIFICATION:
                return consents.notifyStep(work.getId());
            case GRANT:
                return consents.grantStep(work.getId());
            default:
                outbox.writer().write(tx -> ExchangeStore.removePending(tx, work.getKind(), work.getId()));
                return WorkScheduler.DONE;
        }
    }

    /** Queues every unfinished item of the store, as a restart must. */
    void resume() {
        for (StoredWork work : outbox.store().pendingWork()) {
            String label = "QUEUED";
            if (work.getKind() == StoredWork.Kind.EXCHANGE) {
                label = outbox.store().exchange(ExchangeId.of(work.getId()))
                        .map(x -> Outbox.label(x.getState()))
                        .orElse("QUEUED");
            }
            scheduler.submit(work, label);
        }
    }

    // ---------------------------------------------------------------------------------------------- Exchanges

    @Override
    public ExchangeId pull(GrantId grant, InstitutionId from, Set<Scope> scopes) {
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(from, "source");
        return recipient.pull(grant, from, nonEmpty(scopes));
    }

    @Override
    public List<InstitutionId> sources(GrantId grant) {
        Objects.requireNonNull(grant, "grant");
        return consents.sources(grant);
    }

    @Override
    public ExchangeId push(GrantId grant, Set<Scope> scopes) {
        Objects.requireNonNull(grant, "grant");
        return source.push(grant, nonEmpty(scopes));
    }

    @Override
    public ExchangeId disclose(LegalBasis basis, StudentId student, InstitutionId to, Set<Scope> scopes) {
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(student, "student");
        Objects.requireNonNull(to, "recipient");
        return source.disclose(basis, student, to, nonEmpty(scopes));
    }

    @Override
    public CalGrantUploadReport uploadCalGrantGpas(int academicYear) {
        return source.uploadCalGrantGpas(academicYear);
    }

    @Override
    public Optional<ExchangeView> exchange(ExchangeId id) {
        Objects.requireNonNull(id, "id");
        return outbox.store().exchange(id).map(Outbox::view);
    }

    @Override
    public List<ExchangeView> recent(int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit " + limit + " is outside 1..10000");
        }
        List<ExchangeView> out = new ArrayList<>();
        for (String id : outbox.store().indexValues("time/", limit)) {
            outbox.store().exchange(ExchangeId.of(id)).map(Outbox::view).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public CompletionStage<ExchangeView> whenSettled(ExchangeId id) {
        Objects.requireNonNull(id, "id");
        return outbox.whenSettled(id);
    }

    @Override
    public Optional<SignedPackage> disclosedPackage(ReceiptId receipt) {
        Objects.requireNonNull(receipt, "receipt");
        return outbox.store().indexedExchange(ExchangeStore.receiptKey(receipt))
                .filter(id -> outbox.store().exchange(id)
                        .map(x -> Outbox.direction(x.getKind()) == ExchangeDirection.OUTBOUND)
                        .orElse(false))
                .flatMap(id -> outbox.store().outboundPackage(id));
    }

    @Override
    public DiscrepancyReport reportDiscrepancy(PackageId pkg, String text, String by) {
        Objects.requireNonNull(pkg, "package");
        Objects.requireNonNull(by, "by");
        return reports.report(pkg, text, by);
    }

    @Override
    public List<DiscrepancyReport> discrepancyReports(int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit " + limit + " is outside 1..10000");
        }
        return reports.list(limit);
    }

    @Override
    public ExchangeId resendForReport(String reportId, String by) {
        Objects.requireNonNull(reportId, "reportId");
        Objects.requireNonNull(by, "by");
        return reports.resend(reportId, by);
    }

    @Override
    public DiscrepancyReport refreshReport(String reportId) {
        Objects.requireNonNull(reportId, "reportId");
        return reports.refresh(reportId);
    }

    @Override
    public boolean closeReport(String reportId, String note, String by) {
        Objects.requireNonNull(reportId, "reportId");
        Objects.requireNonNull(by, "by");
        return reports.close(reportId, note, by);
    }

    @Override
    public List<DataQualityFinding> findings() {
        List<DataQualityFinding> out = new ArrayList<>();
        for (StoredFinding finding : outbox.store().findings()) {
            out.add(new DataQualityFinding(GrantId.of(finding.getGrantId()), InstitutionId.of(finding.getPeer()),
                    new StudentId(finding.getStudentId()), finding.getFieldsList(),
                    ExchangeProtos.instant(finding.getFoundAt())));
        }
        return out;
    }

    @Override
    public ExchangeStatus status() {
        Map<ExchangeState, Long> unfinished = new EnumMap<>(ExchangeState.class);
        long notifications = 0;
        long grants = 0;
        for (Map.Entry<String, Long> entry : scheduler.counts().entrySet()) {
            String[] parts = entry.getKey().split("/", 2);
            switch (StoredWork.Kind.valueOf(parts[0])) {
                case EXCHANGE -> {
                    try {
                        unfinished.merge(ExchangeState.valueOf(parts[1]), entry.getValue(), Long::sum);
                    } catch (IllegalArgumentException e) {
                        unfinished.merge(ExchangeState.REQUESTED, entry.getValue(), Long::sum);
                    }
                }
                case NOTIFICATION -> notifications += entry.getValue();
                case GRANT -> grants += entry.getValue();
                default -> {
                }
            }
        }
        Optional<Backoffs.Health> ledger = backoffs.health(Backoffs.LEDGER);
        List<ExchangeStatus.PeerRetry> peers = new ArrayList<>();
        for (Backoffs.Health health : backoffs.failing()) {
            if (health.target().equals(Backoffs.LEDGER) || health.target().equals(WorkScheduler.LOCAL)) {
                continue;
            }
            peers.add(new ExchangeStatus.PeerRetry(InstitutionId.of(health.target()), health.failures(),
                    health.lastError(), health.lastFailureAt(), health.nextAttemptAt()));
        }
        return new ExchangeStatus(unfinished, unfinished.getOrDefault(ExchangeState.SIGNED, 0L),
                unfinished.getOrDefault(ExchangeState.RECEIVED, 0L) + unfinished.getOrDefault(ExchangeState.REJECTED, 0L),
                notifications, grants, ledger.isEmpty(), ledger.map(Backoffs.Health::lastError), peers,
                outbox.settledCount(), outbox.failedCount());
    }

    // ---------------------------------------------------------------------------------------------- ReceivedRecords

    @Override
    public Optional<ReceivedPackage> find(PackageId id) {
        Objects.requireNonNull(id, "id");
        return outbox.store().received(id).map(ExchangeEngine::received);
    }

    @Override
    public List<ReceivedPackage> underGrant(GrantId grant) {
        Objects.requireNonNull(grant, "grant");
        List<ReceivedPackage> out = new ArrayList<>();
        for (String id : outbox.store().indexValues("received/" + grant.value() + "/", Integer.MAX_VALUE)) {
            find(PackageId.of(id)).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public List<ReceivedPackage> forStudent(org.baton.node.student.Ssid ssid) {
        Objects.requireNonNull(ssid, "ssid");
        List<ReceivedPackage> out = new ArrayList<>();
        for (String id : outbox.store().indexValues(byStudent.prefix(ssid), Integer.MAX_VALUE)) {
            find(PackageId.of(id)).ifPresent(out::add);
        }
        return out;
    }

    /** The records of a package this node verified and stored. */
    static org.baton.proto.v1.StudentRecord records(com.google.protobuf.ByteString content, PackageId packageId) {
        try {
            return org.baton.proto.v1.PackageContent.parseFrom(content).getRecord();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored package " + packageId + " no longer parses", e);
        }
    }

    private static ReceivedPackage received(StoredReceivedPackage stored) {
        org.baton.proto.v1.StudentRecord record = records(stored.getPackage().getContent(),
                PackageId.of(stored.getPackageId()));
        return new ReceivedPackage(PackageId.of(stored.getPackageId()), InstitutionId.of(stored.getSource()),
                stored.getGrantId().isEmpty() ? Optional.empty() : Optional.of(GrantId.of(stored.getGrantId())),
                ExchangeProtos.basisFromProto(stored.getBasis()), ReceiptId.of(stored.getReceiptId()),
                org.baton.ledger.Sha256.ofHex(stored.getPackageHash()),
                ExchangeProtos.instant(stored.getReceivedAt()), record, stored.getPackage());
    }

    private static Set<Scope> nonEmpty(Set<Scope> scopes) {
        Objects.requireNonNull(scopes, "scopes");
        if (scopes.isEmpty()) {
            throw new InvalidExchangeRequestException("name at least one scope");
        }
        return Set.copyOf(scopes);
    }
}
