package org.baton.tools.pki;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.baton.trust.ConsortiumCa;
import org.baton.trust.Fingerprint;
import org.baton.trust.Validity;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "init-ca",
        mixinStandardHelpOptions = true,
        description = {
            "Creates the consortium CA: an ECDSA P-256 key (ca.key.pem, readable by you only) and its self-signed",
            "certificate (ca.pem) in a new directory. Keep the directory offline; give nodes ca.pem only."})
final class InitCaCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "New directory for the CA (must not exist).")
    Path out;

    @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "Name of the consortium; the CA certificate's CN.")
    String name;

    @Option(names = "--days", defaultValue = "3650", paramLabel = "DAYS",
            description = "How long the CA certificate is valid (default: ${DEFAULT-VALUE}).")
    int days;

    @Override
    public Integer call() throws Exception {
        Pki.requirePositive(days, "--days");
        ConsortiumCa ca = ConsortiumCa.create(name, Validity.startingAt(Instant.now(), Duration.ofDays(days)),
                new SecureRandom());
        ca.write(out);
        spec.commandLine().getOut().printf("Consortium CA '%s' written to %s%n  certificate SHA-256 %s%n"
                + "  valid until %s%n", name, out, Fingerprint.of(ca.certificate()),
                ca.certificate().getNotAfter().toInstant());
        return 0;
    }
}
