package org.baton.tools.pki;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import org.baton.trust.Consortium;
import org.baton.trust.ConsortiumCa;
import org.baton.trust.Fingerprint;
import org.baton.trust.Member;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "show",
        mixinStandardHelpOptions = true,
        description = "Verifies a consortium file against the CA certificate and prints its members.")
final class ShowCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--ca-cert", required = true, paramLabel = "FILE",
            description = "The consortium CA certificate (ca.pem).")
    Path caCertificate;

    @Parameters(index = "0", paramLabel = "FILE", description = "The consortium file.")
    Path file;

    @Override
    public Integer call() {
        X509Certificate ca = ConsortiumCa.readCertificate(caCertificate);
        Consortium consortium = Consortium.load(file, ca);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Consortium '%s', version %d, issued %s%n", consortium.name(), consortium.version(),
                consortium.issuedAt());
        out.printf("Signature verified with CA %s (SHA-256 %s)%n", ca.getSubjectX500Principal().getName(),
                Fingerprint.of(ca));
        out.printf("%d members:%n", consortium.members().size());
        for (Member member : consortium.members()) {
            out.printf("%n  %s  %s  %s%n", member.id(), member.kind(), member.displayName());
            out.printf("    endpoint             %s%n", member.endpoint());
            member.portalUrl().ifPresent(url -> out.printf("    portal               %s%n", url));
            out.printf("    TLS certificate      %s%n", member.tlsCertificate());
            out.printf("    signing certificate  %s%n", member.signingCertificate());
            out.printf("    signing public key   %s%n", HexFormat.of().formatHex(member.signingKey().raw()));
        }
        out.flush();
        return 0;
    }
}
