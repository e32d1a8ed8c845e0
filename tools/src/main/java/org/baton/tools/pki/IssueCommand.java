package org.baton.tools.pki;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.baton.trust.ConsortiumCa;
import org.baton.trust.Fingerprint;
import org.baton.trust.InstitutionCredentials;
import org.baton.trust.InstitutionId;
import org.baton.trust.InstitutionKind;
import org.baton.trust.PeerEndpoint;
import org.baton.trust.Validity;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "issue",
        mixinStandardHelpOptions = true,
        description = {
            "Issues an institution's key material into a new directory: a TLS certificate (ECDSA P-256,",
            "CN = institution id, for mutual TLS between nodes), an Ed25519 signing certificate, their private keys",
            "(readable by you only), the CA certificate, and member.json, which `baton pki consortium` reads."})
final class IssueCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--ca", required = true, paramLabel = "DIR", description = "The CA directory (from init-ca).")
    Path caDir;

    @Option(names = "--id", required = true, paramLabel = "ID",
            description = "Institution id: 14-digit CDS code (K-12), 6-digit IPEDS id (colleges), CSAC or CDE.")
    String id;

    @Option(names = "--kind", required = true, paramLabel = "KIND",
            description = "One of: ${COMPLETION-CANDIDATES}.")
    InstitutionKind kind;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Display name of the institution.")
    String name;

    @Option(names = "--endpoint", required = true, paramLabel = "HOST:PORT",
            description = "Where the institution's node accepts peers; the host goes into the TLS certificate.")
    String endpoint;

    @Option(names = "--portal-url", paramLabel = "URL", description = "The institution's student portal, if any.")
    String portalUrl;

    @Option(names = "--days", defaultValue = "825", paramLabel = "DAYS",
            description = "How long the certificates are valid (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "New directory for the key material (must not exist).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Pki.requirePositive(days, "--days");
        InstitutionId institution = Pki.parse("--id", () -> InstitutionId.of(id));
        if (!kind.accepts(institution)) {
            throw new IllegalArgumentException("--id " + institution + " is not valid for --kind " + kind
                    + ": expected " + kind.idDescription());
        }
        PeerEndpoint peerEndpoint = Pki.parse("--endpoint", () -> PeerEndpoint.parse(endpoint));
        Optional<URI> portal = portalUrl == null ? Optional.empty()
                : Optional.of(Pki.parse("--portal-url", () -> URI.create(portalUrl)));
        MemberFile member = new MemberFile(institution, kind, name, peerEndpoint, portal);

        ConsortiumCa ca = ConsortiumCa.load(caDir, new SecureRandom());
        InstitutionCredentials credentials = ca.issue(institution, peerEndpoint,
                Validity.startingAt(Instant.now(), Duration.ofDays(days)));
        credentials.write(out);
        member.write(out.resolve(MemberFile.NAME));

        spec.commandLine().getOut().printf("Issued %s (%s, %s) into %s%n  TLS certificate SHA-256     %s%n"
                + "  signing certificate SHA-256 %s%n  valid until %s%n", institution, kind, name, out,
                Fingerprint.of(credentials.tlsCertificate()), Fingerprint.of(credentials.signingCertificate()),
                credentials.tlsCertificate().getNotAfter().toInstant());
        return 0;
    }
}
