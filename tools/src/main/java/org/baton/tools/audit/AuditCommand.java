package org.baton.tools.audit;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantRecord;
import org.baton.ledger.Ledger;
import org.baton.ledger.LedgerException;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.TimeRange;
import org.baton.ledger.audit.AuditCsv;
import org.baton.ledger.audit.LedgerAudit;
import org.baton.tools.LedgerOptions;
import org.baton.trust.Consortium;
import org.baton.trust.ConsortiumCa;
import org.baton.trust.InstitutionCredentials;
import org.baton.trust.InstitutionId;
import org.baton.trust.Member;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code baton audit}: reads the receipts and grants the ledger recorded in a period, as a consortium member with
 * read access, and checks every disclosure against its grant ({@link LedgerAudit}). Prints what each institution
 * sent and received and every finding; {@code --csv} writes every receipt checked, one row each, for a spreadsheet.
 * The ledger holds no student: neither does anything this prints or writes.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Check what the ledger says was disclosed in a period: every receipt against its consent grant"
                + " (in force when recorded, its scopes, sender and recipient), acknowledgments overdue or rejected,"
                + " and what each institution sent and received. Reads the ledger only; it holds no student.",
            "Exit status: 0 no disclosure outside its consent, 3 some (listed), 1 the audit could not run."})
public final class AuditCommand implements Callable<Integer> {

    static final int FAILED = 1;
    static final int BREACHES = 3;
    /** Dates on the command line are California's. */
    static final ZoneId CALIFORNIA = ZoneId.of("America/Los_Angeles");

    @Spec
    CommandSpec spec;

    @Option(names = "--consortium", required = true, paramLabel = "FILE", description = "The signed consortium file.")
    Path consortiumFile;

    @Option(names = "--ca", required = true, paramLabel = "FILE",
            description = "The consortium CA certificate (PEM) the consortium file is checked against.")
    Path caFile;

    @Mixin
    LedgerOptions ledger;

    @Option(names = "--credentials", required = true, paramLabel = "DIR",
            description = "The auditing member's credentials (baton pki issue), to call the ledger over mutual TLS.")
    Path credentials;

    @Option(names = "--institution", paramLabel = "ID",
            description = "Audit the disclosures this institution sent or received (repeatable; default: every"
                    + " consortium member).")
    List<String> institutions = new ArrayList<>();

    @Option(names = "--from", paramLabel = "DATE",
            description = "First day of the period (YYYY-MM-DD, California time; default: the ledger's start).")
    String from;

    @Option(names = "--to", paramLabel = "DATE",
            description = "Last day of the period, included (YYYY-MM-DD, California time; default: today).")
    String to;

    @Option(names = "--acknowledge-within", paramLabel = "DAYS", defaultValue = "7",
            description = "Days a recipient has to acknowledge a disclosure before it is listed (default:"
                    + " ${DEFAULT-VALUE}).")
    int acknowledgeWithinDays;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write every receipt checked, with its findings.")
    Path csv;

    @Option(names = "--grant", paramLabel = "ID",
            description = "Audit one consent grant: what it allows, its status, and every disclosure made under it.")
    String grant;

    private final Clock clock;

    public AuditCommand() {
        this(Clock.systemUTC());
    }

    AuditCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        TimeRange range;
        try {
            range = range(now);
        } catch (IllegalArgumentException e) {
            err.println("baton audit: " + e.getMessage());
            return FAILED;
        }
        if (acknowledgeWithinDays < 0) {
            err.println("baton audit: --acknowledge-within must not be negative, not " + acknowledgeWithinDays);
            return FAILED;
        }
        if (!ledger.given()) {
            err.println("baton audit: name the ledger with either --ledger HOST:PORT (embedded) or --fabric FILE");
            return FAILED;
        }
        Optional<String> problem = ledger.problem();
        if (problem.isPresent()) {
            err.println("baton audit: " + problem.get());
            return FAILED;
        }
        X509Certificate ca = ConsortiumCa.readCertificate(caFile);
        Consortium consortium = Consortium.load(consortiumFile, ca);
        if (grant != null) {
            if (!institutions.isEmpty() || from != null || to != null) {
                err.println("baton audit: --grant audits every disclosure under the grant; it takes no --institution,"
                        + " --from or --to");
                return FAILED;
            }
            GrantId id;
            try {
                id = GrantId.of(grant);
            } catch (IllegalArgumentException e) {
                err.println("baton audit: --grant " + grant + " is not a grant id: " + e.getMessage());
                return FAILED;
            }
            return auditGrant(out, err, consortium, id, now);
        }
        List<InstitutionId> audited = new ArrayList<>();
        for (String id : institutions) {
            Optional<InstitutionId> member = member(consortium, id);
            if (member.isEmpty()) {
                err.println("baton audit: --institution " + id + " is not a consortium member");
                return FAILED;
            }
            audited.add(member.get());
        }
        if (audited.isEmpty()) {
            consortium.members().forEach(m -> audited.add(m.id()));
        }
        LedgerAudit.Report report;
        try (Ledger connected = ledger.connect(consortium, InstitutionCredentials.load(credentials))) {
            report = new LedgerAudit(Duration.ofDays(acknowledgeWithinDays)).audit(connected.reader(), audited, range,
                    now);
        } catch (LedgerException e) {
            err.println("baton audit: the ledger cannot be read: " + e.getMessage());
            return FAILED;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("baton audit: " + e.getMessage());
            return FAILED;
        }
        print(out, consortium, range, now, report);
        return finish(out, err, report);
    }

    private int auditGrant(PrintWriter out, PrintWriter err, Consortium consortium, GrantId id, Instant now) {
        GrantRecord record;
        LedgerAudit.Report report;
        try (Ledger connected = ledger.connect(consortium, InstitutionCredentials.load(credentials))) {
            Optional<GrantRecord> found = connected.reader().grant(id);
            if (found.isEmpty()) {
                err.println("baton audit: the ledger holds no grant " + id);
                return FAILED;
            }
            record = found.get();
            report = new LedgerAudit(Duration.ofDays(acknowledgeWithinDays)).check(List.of(record),
                    connected.reader().receiptsByGrant(id), g -> g.equals(id) ? found : Optional.empty(), now);
        } catch (LedgerException e) {
            err.println("baton audit: the ledger cannot be read: " + e.getMessage());
            return FAILED;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("baton audit: " + e.getMessage());
            return FAILED;
        }
        ConsentGrant g = record.grant();
        out.printf(Locale.ROOT, "grant %s, as of %s: %s%n", id, now.truncatedTo(ChronoUnit.SECONDS),
                record.statusAt(now));
        out.printf(Locale.ROOT, "  attested by  %s, signed by the %s%n", describe(consortium, g.attester()),
                g.grantor().name().toLowerCase(Locale.ROOT));
        out.printf(Locale.ROOT, "  recipient    %s%n", describe(consortium, g.recipient()));
        out.printf(Locale.ROOT, "  sources      %s%n", g.sources().everyAttended() ? "every institution attended"
                : g.sources().named().stream().map(i -> describe(consortium, i)).collect(Collectors.joining(", ")));
        out.printf(Locale.ROOT, "  scopes       %s; purpose %s%n", g.scopes().stream().map(Enum::name).sorted()
                .collect(Collectors.joining(", ")), g.purpose());
        out.printf(Locale.ROOT, "  valid        %s until %s; recorded %s%s%n", g.issuedAt(), g.expiresAt(),
                record.created().committedAt(), record.revoked().map(r -> "; revoked " + r.committedAt()).orElse(""));
        out.printf(Locale.ROOT, "  disclosures  %,d under it%n", report.receipts().size());
        Map<ReceiptId, List<LedgerAudit.Finding>> findings = report.findings().stream()
                .collect(Collectors.groupingBy(f -> f.receipt().id()));
        for (ReceiptRecord r : report.receipts()) {
            var receipt = r.receipt();
            out.printf(Locale.ROOT, "    %s  %s  %s -> %s  %s  %s%s%n", r.recorded().committedAt(), receipt.id(),
                    receipt.sender(), receipt.recipient(), receipt.scopes().stream().map(Enum::name).sorted()
                            .collect(Collectors.joining(" ")),
                    r.acknowledged().map(a -> a.acknowledgment().verdict() + a.acknowledgment().reason()
                            .map(reason -> " (" + reason + ")").orElse("") + " " + a.committed().committedAt())
                            .orElse("not acknowledged"),
                    findings.getOrDefault(receipt.id(), List.of()).stream()
                            .map(f -> "  " + f.kind() + ": " + f.detail()).collect(Collectors.joining()));
        }
        return finish(out, err, report);
    }

    /** Writes the CSV when asked; the exit status: {@link #BREACHES} when a disclosure is outside its consent. */
    private int finish(PrintWriter out, PrintWriter err, LedgerAudit.Report report) {
        if (csv != null) {
            try {
                writeCsv(csv, report);
            } catch (UncheckedIOException e) {
                err.println("baton audit: " + e.getMessage());
                return FAILED;
            }
            out.println(report.receipts().size() + " receipts written to " + csv);
        }
        out.flush();
        return report.breaches() ? BREACHES : 0;
    }

    private static String describe(Consortium consortium, InstitutionId id) {
        return id + " (" + name(consortium, id) + ")";
    }

    private TimeRange range(Instant now) {
        Instant start = from == null ? Instant.EPOCH : day("--from", from).atStartOfDay(CALIFORNIA).toInstant();
        Instant end = to == null ? LocalDate.ofInstant(now, CALIFORNIA).plusDays(1).atStartOfDay(CALIFORNIA).toInstant()
                : day("--to", to).plusDays(1).atStartOfDay(CALIFORNIA).toInstant();
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        }
        return TimeRange.between(start, end);
    }

    private static LocalDate day(String option, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " " + value + " is not a date (YYYY-MM-DD)");
        }
    }

    private static Optional<InstitutionId> member(Consortium consortium, String id) {
        try {
            return consortium.member(InstitutionId.of(id)).map(Member::id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void print(PrintWriter out, Consortium consortium, TimeRange range, Instant now,
            LedgerAudit.Report report) {
        out.printf(Locale.ROOT, "ledger audit: %,d receipts and %,d grants recorded from %s until %s%s, as of %s%n",
                report.receipts().size(), report.grants().size(), range.from(), range.until(),
                institutions.isEmpty() ? " (every member)" : " (" + String.join(", ", institutions) + ")",
                now.truncatedTo(ChronoUnit.SECONDS));
        long rejected = report.countByKind().get(LedgerAudit.Kind.REJECTED);
        out.printf(Locale.ROOT, "  acknowledged %,d (%,d accepted, %,d rejected); %,d not yet%n",
                report.acknowledged(), report.acknowledged() - rejected, rejected,
                report.receipts().size() - report.acknowledged());
        out.println("  findings:");
        report.countByKind().forEach((kind, count) -> out.printf(Locale.ROOT, "    %-22s %,8d  %s%s%n", kind, count,
                kind.text(), kind == LedgerAudit.Kind.UNACKNOWLEDGED
                        ? " within " + acknowledgeWithinDays + " days" : ""));
        out.println("  by institution:  sent (by legal basis) / received, not acknowledged, rejected / grants"
                + " attested");
        int idWidth = report.byInstitution().keySet().stream().mapToInt(id -> id.value().length()).max().orElse(0);
        int nameWidth = report.byInstitution().keySet().stream().mapToInt(id -> name(consortium, id).length())
                .max().orElse(0);
        report.byInstitution().forEach((id, tally) -> out.printf(Locale.ROOT,
                "    %-" + idWidth + "s  %-" + nameWidth + "s  sent %,d%s / received %,d, %,d not acknowledged, %,d"
                        + " rejected / %,d grants%n",
                id.value(), name(consortium, id), tally.sent(),
                tally.sentByBasis().isEmpty() ? "" : " (" + tally.sentByBasis().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + ")",
                tally.received(), tally.unacknowledged(), tally.rejected(), tally.grantsAttested()));
        if (!report.findings().isEmpty()) {
            out.println("  every finding (recorded at, receipt, sender -> recipient, what, detail):");
            for (LedgerAudit.Finding f : report.findings()) {
                var receipt = f.receipt().receipt();
                out.printf(Locale.ROOT, "    %s  %s  %s -> %s  %s: %s (%s)%n", f.receipt().recorded().committedAt(),
                        receipt.id(), receipt.sender(), receipt.recipient(), f.kind(), f.kind().text(), f.detail());
            }
        }
    }

    private static String name(Consortium consortium, InstitutionId id) {
        return consortium.member(id).map(Member::displayName).orElse("(not a member)");
    }

    private static void writeCsv(Path file, LedgerAudit.Report report) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            AuditCsv.write(report, w);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
