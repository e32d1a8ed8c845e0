package org.baton.node.exchange;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.baton.ledger.GrantId;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.Scope;
import org.baton.node.store.Column;
import org.baton.node.store.ColumnEntry;
import org.baton.node.store.Serializers;
import org.baton.node.student.Ssid;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.DiscrepancyStatus;
import org.baton.proto.v1.PackageContent;
import org.baton.proto.v1.StoredDiscrepancyReport;
import org.baton.proto.v1.StoredExchange;
import org.baton.proto.v1.StoredReceivedPackage;
import org.baton.trust.InstitutionId;

/**
 * Discrepancy reports between the two ends of a package. The recipient's registrar reports what looks wrong in a
 * package it received; the report goes to the source directly over mutual TLS. The source's registrar corrects its
 * SIS and sends the records again under the same grant or legal basis, or closes the report with a note.
 *
 * <p>Kept in the column {@code exchange_reports} (encrypted: a report's text is about a student), under
 * {@code out/<source>/<id>} at the reporter and {@code in/<recipient>/<id>} at the source.
 */
final class DiscrepancyReports {

    static final Column<String, StoredDiscrepancyReport> REPORTS = Column.encrypted("exchange_reports",
            Serializers.utf8(), Serializers.proto(StoredDiscrepancyReport.parser()));

    /** The longest report or answer, in characters. */
    static final int MAX_TEXT = 2_000;

    private final Outbox outbox;
    private final PeerClient peers;
    private final SourceSide source;

    DiscrepancyReports(Outbox outbox, PeerClient peers, SourceSide source) {
        this.outbox = outbox;
        this.peers = peers;
        this.source = source;
    }

    // ---------------------------------------------------------------------------------------------- recipient

    /** Sends a report on a received package to its source, then keeps it; see {@link Exchanges#reportDiscrepancy}. */
    DiscrepancyReport report(PackageId packageId, String text, String by) {
        String what = checkedText(text, "the report");
        StoredReceivedPackage received = outbox.store().received(packageId)
                .orElseThrow(() -> new InvalidExchangeRequestException("no package " + packageId
                        + " was received here"));
        InstitutionId sourceId = InstitutionId.of(received.getSource());
        String reportId = Hex128.random();
        // Sent first: a report the source never got is not kept as sent. A failure reaches the registrar, who can
        // send it again.
        peers.reportDiscrepancy(sourceId, reportId, ReceiptId.of(received.getReceiptId()), what);
        StoredDiscrepancyReport.Builder stored = StoredDiscrepancyReport.newBuilder()
                .setReportId(reportId)
                .setSent(true)
                .setPeer(sourceId.value())
                .setReceiptId(received.getReceiptId())
                .setPackageId(received.getPackageId())
                .setGrantId(received.getGrantId())
                .setText(what)
                .setAt(ExchangeProtos.timestamp(outbox.now()))
                .setBy(by)
                .setStatus(DiscrepancyStatus.DISCREPANCY_OPEN);
        // The node's own student the package is about, for the student's access log here.
        localStudent(received).ifPresent(id -> stored.setStudentId(id.value()));
        StoredDiscrepancyReport report = stored.build();
        outbox.writer().write(tx -> tx.put(REPORTS, "out/" + sourceId.value() + "/" + reportId, report));
        return view(report);
    }

    // ---------------------------------------------------------------------------------------------- source

    /**
     * A recipient's report on a package this node sent it; returns true when it was here already.
     *
     * @throws UnknownPackageException (NOT_FOUND) if this node sent no package under {@code receipt}
     * @throws CallerRefusedException (PERMISSION_DENIED) if it sent it to another institution
     * @throws InvalidExchangeRequestException if the text is empty or too long, or the id was used for another report
     */
    boolean receive(InstitutionId caller, String reportId, ReceiptId receipt, String text) {
        String what = checkedText(text, "text");
        String key = "in/" + caller.value() + "/" + reportId;
        Optional<StoredDiscrepancyReport> known = outbox.store().records().get(REPORTS, key);
        if (known.isPresent()) {
            if (!known.get().getReceiptId().equals(receipt.value()) || !known.get().getText().equals(what)) {
                throw new InvalidExchangeRequestException("report_id " + reportId + " was used for another report");
            }
            return true;
        }
        StoredExchange sent = outbox.store().indexedExchange(ExchangeStore.receiptKey(receipt))
                .flatMap(id -> outbox.store().exchange(id))
                .filter(x -> Outbox.direction(x.getKind()) == ExchangeDirection.OUTBOUND)
                .orElseThrow(() -> new UnknownPackageException(receipt));
        if (!sent.getPeer().equals(caller.value())) {
            throw new CallerRefusedException(caller, "it is not the recipient of the package under receipt "
                    + receipt.value());
        }
        StoredDiscrepancyReport stored = StoredDiscrepancyReport.newBuilder()
                .setReportId(reportId)
                .setSent(false)
                .setPeer(caller.value())
                .setReceiptId(receipt.value())
                .setPackageId(sent.getPackageId())
                .setGrantId(sent.getGrantId())
                .setStudentId(sent.getStudentId())
                .setText(what)
                .setAt(ExchangeProtos.timestamp(outbox.now()))
                .setStatus(DiscrepancyStatus.DISCREPANCY_OPEN)
                .build();
        outbox.writer().write(tx -> tx.put(REPORTS, key, stored));
        if (sent.getStudentId() > 0) {
            outbox.events().discrepancyReported(caller, PackageId.of(sent.getPackageId()),
                    new StudentId(sent.getStudentId()));
        }
        return false;
    }

    /**
     * How this node answered a report {@code caller} filed here.
     *
     * @throws UnknownReportException (NOT_FOUND) if {@code caller} filed no such report here
     */
    DiscrepancyAnswer answerFor(InstitutionId caller, String reportId) {
        StoredDiscrepancyReport report = outbox.store().records().get(REPORTS, "in/" + caller.value() + "/" + reportId)
                .orElseThrow(() -> new UnknownReportException(reportId));
        return new DiscrepancyAnswer(DiscrepancyReport.Status.fromProto(report.getStatus()), report.getAnswer(),
                report.hasAnsweredAt() ? Optional.of(ExchangeProtos.instant(report.getAnsweredAt()))
                        : Optional.empty());
    }

    /**
     * Asks the source of a report this node filed how it answered, keeps the answer, and returns the report.
     *
     * @throws InvalidExchangeRequestException if this node filed no such report
     */
    DiscrepancyReport refresh(String reportId) {
        ReportAt filed = find("out/", reportId)
                .orElseThrow(() -> new InvalidExchangeRequestException("no report " + reportId + " was filed here"));
        DiscrepancyAnswer answer = peers.discrepancyAnswer(InstitutionId.of(filed.report().getPeer()), reportId);
        StoredDiscrepancyReport.Builder updated = filed.report().toBuilder()
                .setStatus(answer.status().toProto())
                .setAnswer(answer.answer());
        answer.answeredAt().ifPresent(at -> updated.setAnsweredAt(ExchangeProtos.timestamp(at)));
        StoredDiscrepancyReport stored = updated.build();
        if (!stored.equals(filed.report())) {
            outbox.writer().write(tx -> tx.put(REPORTS, filed.key(), stored));
        }
        return view(stored);
    }

    /**
     * Sends the records of a received report's package again, as they are now, under the same grant or legal basis
     * and scopes; the report is then resent, naming the new exchange.
     *
     * @throws InvalidExchangeRequestException if there is no such open report
     * @throws ConsentRefusedException if the grant no longer allows sending (revoked or expired)
     */
    synchronized ExchangeId resend(String reportId, String by) {
        ReportAt open = openReceived(reportId);
        StoredExchange sent = outbox.store().indexedExchange(ExchangeStore.receiptKey(
                        ReceiptId.of(open.report().getReceiptId())))
                .flatMap(id -> outbox.store().exchange(id))
                .orElseThrow(() -> new InvalidExchangeRequestException("the package of report " + reportId
                        + " is no longer in the outbox"));
        Set<Scope> scopes = ExchangeProtos.scopesFromProto(sent.getScopesList(), "scopes");
        ExchangeId again = sent.getGrantId().isEmpty()
                ? source.disclose(ExchangeProtos.basisFromProto(sent.getBasis()), new StudentId(sent.getStudentId()),
                        InstitutionId.of(sent.getPeer()), scopes)
                : source.push(GrantId.of(sent.getGrantId()), scopes);
        answer(open, DiscrepancyStatus.DISCREPANCY_RESENT, again.value(), by);
        return again;
    }

    /** Closes a received report without sending, with a note to keep; false when there is no such open report. */
    synchronized boolean close(String reportId, String note, String by) {
        String why = checkedText(note, "the note");
        Optional<ReportAt> open = findReceived(reportId)
                .filter(r -> r.report().getStatus() == DiscrepancyStatus.DISCREPANCY_OPEN);
        if (open.isEmpty()) {
            return false;
        }
        answer(open.get(), DiscrepancyStatus.DISCREPANCY_CLOSED, why, by);
        return true;
    }

    /** Every report, sent and received, newest first, at most {@code limit}. */
    List<DiscrepancyReport> list(int limit) {
        List<StoredDiscrepancyReport> all = new ArrayList<>();
        try (Stream<ColumnEntry<String, StoredDiscrepancyReport>> entries = outbox.store().records().scan(REPORTS)) {
            entries.forEach(entry -> all.add(entry.value()));
        }
        all.sort(Comparator.comparing((StoredDiscrepancyReport r) -> ExchangeProtos.instant(r.getAt())).reversed());
        return all.stream().limit(limit).map(DiscrepancyReports::view).toList();
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** This node's student with the SSID of a received package's record, if it holds one. */
    private Optional<StudentId> localStudent(StoredReceivedPackage received) {
        try {
            String ssid = PackageContent.parseFrom(received.getPackage().getContent()).getRecord().getStudent()
                    .getSsid();
            return outbox.store().records().findBySsid(Ssid.of(ssid)).map(s -> s.id());
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private record ReportAt(String key, StoredDiscrepancyReport report) {
    }

    private Optional<ReportAt> findReceived(String reportId) {
        return find("in/", reportId);
    }

    /** The report with this id under {@code prefix} ("in/" received, "out/" sent). */
    private Optional<ReportAt> find(String prefix, String reportId) {
        if (!Hex128.isValid(reportId)) {
            return Optional.empty();
        }
        try (Stream<ColumnEntry<String, StoredDiscrepancyReport>> entries = outbox.store().records().scan(REPORTS)) {
            return entries.filter(e -> e.key().startsWith(prefix) && e.key().endsWith("/" + reportId))
                    .map(e -> new ReportAt(e.key(), e.value())).findFirst();
        }
    }

    private ReportAt openReceived(String reportId) {
        return findReceived(reportId).filter(r -> r.report().getStatus() == DiscrepancyStatus.DISCREPANCY_OPEN)
                .orElseThrow(() -> new InvalidExchangeRequestException("no open report " + reportId));
    }

    private void answer(ReportAt open, DiscrepancyStatus status, String answer, String by) {
        StoredDiscrepancyReport answered = open.report().toBuilder().setStatus(status).setAnswer(answer).setBy(by)
                .setAnsweredAt(ExchangeProtos.timestamp(outbox.now())).build();
        outbox.writer().write(tx -> tx.put(REPORTS, open.key(), answered));
    }

    private static String checkedText(String text, String what) {
        String stripped = Objects.requireNonNull(text, what).strip();
        if (stripped.isEmpty()) {
            throw new InvalidExchangeRequestException(what + " is empty");
        }
        if (stripped.length() > MAX_TEXT) {
            throw new InvalidExchangeRequestException(what + " is longer than " + MAX_TEXT + " characters");
        }
        return stripped;
    }

    static DiscrepancyReport view(StoredDiscrepancyReport r) {
        return new DiscrepancyReport(r.getReportId(), r.getSent(), InstitutionId.of(r.getPeer()),
                ReceiptId.of(r.getReceiptId()), PackageId.of(r.getPackageId()),
                r.getGrantId().isEmpty() ? Optional.empty() : Optional.of(GrantId.of(r.getGrantId())),
                r.getStudentId() > 0 ? Optional.of(new StudentId(r.getStudentId())) : Optional.empty(),
                r.getText(), ExchangeProtos.instant(r.getAt()), r.getBy(),
                DiscrepancyReport.Status.fromProto(r.getStatus()), r.getAnswer(),
                r.hasAnsweredAt() ? Optional.of(ExchangeProtos.instant(r.getAnsweredAt())) : Optional.empty());
    }
}
