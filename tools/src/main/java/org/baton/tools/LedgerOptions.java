package org.baton.tools;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.baton.ledger.Ledger;
import org.baton.ledger.embedded.RemoteLedger;
import org.baton.ledger.fabric.FabricLedger;
import org.baton.ledger.fabric.FabricLedgerConfig;
import org.baton.ledger.fabric.FabricNetworkFile;
import org.baton.ledger.fabric.TransactionClock;
import org.baton.trust.Consortium;
import org.baton.trust.InstitutionCredentials;
import org.baton.trust.InstitutionId;
import org.baton.trust.Member;
import org.baton.trust.PeerEndpoint;
import picocli.CommandLine.Option;

/**
 * The options of a command that reads the ledger as a consortium member: the embedded ledger's service
 * ({@code --ledger}, {@code --ledger-operator}) or the ledger on Hyperledger Fabric ({@code --fabric},
 * {@code --channel}; docs/fabric.md). A picocli mixin.
 */
public final class LedgerOptions {

    @Option(names = "--ledger", paramLabel = "HOST:PORT", description = "The embedded ledger's service.")
    String endpoint;

    @Option(names = "--ledger-operator", paramLabel = "ID", defaultValue = "CDE",
            description = "With --ledger: the consortium member that runs it (default: ${DEFAULT-VALUE}).")
    String operator;

    @Option(names = "--fabric", paramLabel = "FILE",
            description = "The ledger on Hyperledger Fabric instead: a network file (docs/fabric.md) naming the Gateway"
                    + " peer and each member's Fabric client identity; the command reads as its member's.")
    Path fabricNetwork;

    @Option(names = "--channel", paramLabel = "NAME",
            description = "With --fabric: the ledger's channel (default: the network file's first).")
    String channel;

    /** True if a ledger was named. */
    public boolean given() {
        return endpoint != null || fabricNetwork != null;
    }

    /** What is wrong with the options as given, if anything (a sentence naming the options). */
    public Optional<String> problem() {
        if (endpoint != null && fabricNetwork != null) {
            return Optional.of("name the ledger with either --ledger HOST:PORT (embedded) or --fabric FILE, not both");
        }
        if (channel != null && fabricNetwork == null) {
            return Optional.of("--channel is a channel of the ledger on Fabric; it needs --fabric");
        }
        return Optional.empty();
    }

    /**
     * The named ledger, as the member of {@code credentials}.
     *
     * @throws IllegalArgumentException if the operator is no member of {@code consortium}, or the network file lacks
     *     what the member needs
     * @throws java.io.UncheckedIOException if the network file or the member's key files cannot be read
     */
    public Ledger connect(Consortium consortium, InstitutionCredentials credentials) {
        if (fabricNetwork != null) {
            FabricNetworkFile network = FabricNetworkFile.read(fabricNetwork);
            String name = channel != null ? channel : network.channels().get(0);
            return FabricLedger.connect(network.config(credentials.institutionId(), name,
                    FabricLedgerConfig.Timeouts.DEFAULT), TransactionClock.system());
        }
        Member runner = consortium.member(InstitutionId.of(operator)).orElseThrow(() ->
                new IllegalArgumentException("--ledger-operator " + operator + " is not a consortium member"));
        return RemoteLedger.connect(PeerEndpoint.parse(endpoint), runner, credentials, Duration.ofSeconds(30));
    }
}
