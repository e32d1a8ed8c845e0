package org.baton.tools.verify;

import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.baton.ledger.Ledger;
import org.baton.ledger.LedgerReader;
import org.baton.ledger.LedgerUnavailableException;
import org.baton.ledger.Page;
import org.baton.ledger.PageRequest;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.Scope;
import org.baton.ledger.TimeRange;
import org.baton.node.exchange.PackageVerificationException;
import org.baton.node.exchange.PackageVerifier;
import org.baton.node.exchange.VerifiedPackage;
import org.baton.proto.v1.SignedPackage;
import org.baton.proto.v1.StudentRecord;
import org.baton.tools.LedgerOptions;
import org.baton.trust.Consortium;
import org.baton.trust.ConsortiumCa;
import org.baton.trust.Fingerprint;
import org.baton.trust.InstitutionCredentials;
import org.baton.trust.InstitutionId;
import org.baton.trust.Member;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code baton verify}: checks a saved record package offline — the Ed25519 signature over its content, the
 * signer's certificate chain to the consortium CA, that the signer is a member and the certificate the one the
 * consortium file lists, the header and that the records stay within its scopes — and prints what it contains.
 * With {@code --ledger} it also looks for the sender's receipt naming the package's hash. Exit status 0 when
 * everything checked holds, 1 when something does not (the message says what), 2 for a wrong command line.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check a saved record package (signature, certificate chain, membership, hash) and show what it"
                + " contains; with --ledger, also find the receipt that names its hash.")
public final class VerifyCommand implements Callable<Integer> {

    static final int FAILED = 1;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The package: one serialized SignedPackage.")
    Path file;

    @Option(names = "--consortium", required = true, paramLabel = "FILE", description = "The signed consortium file.")
    Path consortiumFile;

    @Option(names = "--ca", required = true, paramLabel = "FILE",
            description = "The consortium CA certificate (PEM) the consortium file and the signer are checked against.")
    Path caFile;

    @Option(names = "--recipient", paramLabel = "ID",
            description = "Also check that the package is addressed to this institution.")
    String recipient;

    @Mixin
    LedgerOptions ledger;

    @Option(names = "--credentials", paramLabel = "DIR",
            description = "A member's credentials (baton pki issue), to call the ledger over mutual TLS;"
                    + " required with --ledger or --fabric.")
    Path credentials;

    @Option(names = "--records", description = "Also print the records, as protobuf JSON (personal data).")
    boolean printRecords;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<String> problem = ledger.problem();
        if (problem.isPresent()) {
            err.println("baton verify: " + problem.get());
            return FAILED;
        }
        if (ledger.given() && credentials == null) {
            err.println("baton verify: --ledger and --fabric need --credentials, a member's key material to read it with");
            return FAILED;
        }
        X509Certificate ca = ConsortiumCa.readCertificate(caFile);
        Consortium consortium = Consortium.load(consortiumFile, ca);
        PackageVerifier verifier = PackageVerifier.create(consortium, ca);
        VerifiedPackage verified;
        try {
            SignedPackage signed = PackageVerifier.read(file);
            verified = recipient == null
                    ? verifier.verify(signed)
                    : verifier.verifyAddressedTo(signed, InstitutionId.of(recipient));
        } catch (PackageVerificationException e) {
            err.println("baton verify: " + file + ": NOT VERIFIED: " + e.getMessage());
            return FAILED;
        }
        print(out, verified, consortium);
        if (printRecords) {
            out.println(JsonFormat.printer().print(verified.record()));
        }
        if (!ledger.given()) {
            out.println("  ledger       not checked (no --ledger or --fabric)");
            out.flush();
            return 0;
        }
        return checkReceipt(out, err, verified, consortium);
    }

    private static void print(PrintWriter out, VerifiedPackage p, Consortium consortium) throws IOException {
        X509Certificate certificate = p.signerCertificate();
        out.printf(Locale.ROOT, "package %s (format %d): VERIFIED%n", p.packageId(), p.formatVersion());
        out.printf(Locale.ROOT, "  signed by    %s%n", describe(p.sender(), consortium));
        out.printf(Locale.ROOT, "  certificate  SHA-256 %s, valid %s to %s, issued by %s%n",
                Fingerprint.of(certificate).hex(), certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(), certificate.getIssuerX500Principal().getName());
        out.printf(Locale.ROOT, "  sent to      %s%n", describe(p.recipient(), consortium));
        out.printf(Locale.ROOT, "  basis        %s%s%n", p.basis(), p.grant().map(g -> " under grant " + g).orElse(""));
        out.printf(Locale.ROOT, "  scopes       %s%n",
                p.scopes().stream().map(Scope::name).collect(Collectors.joining(", ")));
        out.printf(Locale.ROOT, "  created at   %s%n", p.createdAt());
        out.printf(Locale.ROOT, "  request      %s%n", p.requestId());
        out.printf(Locale.ROOT, "  hash         SHA-256 %s%n", p.hash().hex());
        int steps = p.signed().getBatchPathCount();
        out.printf(Locale.ROOT, "  signature    Ed25519, %s%n", steps == 0
                ? "over this package alone"
                : "over a batch the sender signed together (this package's path to its root: " + steps
                        + (steps == 1 ? " step)" : " steps)"));
        out.printf(Locale.ROOT, "  records      %s%n", summary(p.record()));
        out.printf(Locale.ROOT, "  checked      signature, certificate chain to the consortium CA, membership, header,"
                + " scopes%n");
    }

    private static String describe(InstitutionId id, Consortium consortium) {
        return id + consortium.member(id).map(Member::displayName).map(name -> " (" + name + ")").orElse("");
    }

    private static String summary(StudentRecord record) {
        return String.format(Locale.ROOT, "one student; %d courses, %d enrollments, %d programs, %d GPAs, %d aid"
                        + " applications, %d awards, %d learning artifacts, %d college applications, %d eligibility"
                        + " flags, %d a-g status summaries", record.getCoursesCount(), record.getEnrollmentsCount(),
                record.getProgramsCount(), record.getReportedGpasCount(), record.getFinancialAidCount(),
                record.getAwardsCount(), record.getLearningArtifactsCount(), record.getCollegeApplicationsCount(),
                record.getStudent().getEligibilityCount(), record.getAgStatusCount());
    }

    private int checkReceipt(PrintWriter out, PrintWriter err, VerifiedPackage p, Consortium consortium) {
        try (Ledger connected = ledger.connect(consortium, InstitutionCredentials.load(credentials))) {
            Optional<ReceiptRecord> receipt = findReceipt(connected.reader(), p);
            if (receipt.isEmpty()) {
                err.println("baton verify: no receipt on the ledger names hash " + p.hash().hex() + " from "
                        + p.sender() + " to " + p.recipient());
                return FAILED;
            }
            ReceiptRecord found = receipt.get();
            out.printf(Locale.ROOT, "  ledger       receipt %s recorded %s names this hash (basis %s, scopes %s); %s%n",
                    found.id(), found.recorded().committedAt(), found.receipt().basis(), found.receipt().scopes(),
                    found.acknowledged()
                            .map(ack -> "acknowledged " + ack.acknowledgment().verdict()
                                    + ack.acknowledgment().reason().map(r -> " (" + r + ")").orElse(""))
                            .orElse("not yet acknowledged"));
            out.flush();
            return 0;
        } catch (LedgerUnavailableException e) {
            err.println("baton verify: the ledger cannot be read: " + e.getMessage());
            return FAILED;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("baton verify: " + e.getMessage());
            return FAILED;
        }
    }

    /** The sender's receipt naming the package's hash: under its grant, or among the sender's receipts of its days. */
    private static Optional<ReceiptRecord> findReceipt(LedgerReader reader, VerifiedPackage p) {
        if (p.grant().isPresent()) {
            return reader.receiptsByGrant(p.grant().get()).stream().filter(r -> matches(r, p)).findFirst();
        }
        Instant from = p.createdAt().minus(Duration.ofDays(1));
        TimeRange range = TimeRange.between(from.isBefore(Instant.EPOCH) ? Instant.EPOCH : from,
                p.createdAt().plus(Duration.ofDays(30)));
        Optional<PageRequest> page = Optional.of(PageRequest.first(PageRequest.MAX_SIZE));
        while (page.isPresent()) {
            Page<ReceiptRecord> result = reader.receiptsByInstitution(p.sender(), range, page.get());
            Optional<ReceiptRecord> found = result.items().stream().filter(r -> matches(r, p)).findFirst();
            if (found.isPresent()) {
                return found;
            }
            page = page.get().next(result);
        }
        return Optional.empty();
    }

    private static boolean matches(ReceiptRecord record, VerifiedPackage p) {
        return record.receipt().packageHash().equals(p.hash()) && record.receipt().sender().equals(p.sender())
                && record.receipt().recipient().equals(p.recipient());
    }
}
