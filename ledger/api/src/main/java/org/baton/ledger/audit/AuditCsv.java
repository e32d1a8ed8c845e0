package org.baton.ledger.audit;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.baton.ledger.GrantId;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.ReceiptRecord;

/**
 * An audit's receipts as CSV (RFC 4180, CRLF), one row each with its findings, for a spreadsheet. Every value is an
 * id, a code, a time or a hash: nothing that needs quoting, and nothing about a student.
 */
public final class AuditCsv {

    /** The header row's columns. */
    public static final String HEADER = "receipt_id,recorded_at,sent_at,basis,grant_id,sender,recipient,scopes,"
            + "package_sha256,acknowledged_at,verdict,rejection_reason,findings";

    private AuditCsv() {
    }

    /** Writes the header and every receipt of {@code report}, in the order the ledger recorded them. */
    public static void write(LedgerAudit.Report report, Appendable out) throws IOException {
        Map<ReceiptId, List<LedgerAudit.Finding>> findings = report.findings().stream()
                .collect(Collectors.groupingBy(f -> f.receipt().id()));
        out.append(HEADER).append("\r\n");
        for (ReceiptRecord record : report.receipts()) {
            var r = record.receipt();
            var ack = record.acknowledged();
            out.append(String.join(",", r.id().value(), record.recorded().committedAt().toString(),
                    r.sentAt().toString(), r.basis().name(), r.grant().map(GrantId::value).orElse(""),
                    r.sender().value(), r.recipient().value(),
                    r.scopes().stream().map(Enum::name).sorted().collect(Collectors.joining(" ")),
                    r.packageHash().hex(), ack.map(a -> a.committed().committedAt().toString()).orElse(""),
                    ack.map(a -> a.acknowledgment().verdict().name()).orElse(""),
                    ack.flatMap(a -> a.acknowledgment().reason()).map(Enum::name).orElse(""),
                    findings.getOrDefault(r.id(), List.of()).stream().map(f -> f.kind().name())
                            .collect(Collectors.joining(" "))))
                    .append("\r\n");
        }
    }
}
