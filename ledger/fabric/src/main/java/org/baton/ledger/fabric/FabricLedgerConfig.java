package org.baton.ledger.fabric;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.baton.trust.InstitutionId;

/**
 * How a node reaches the ledger on Fabric.
 *
 * @param institution the institution the node signs as; its client identity belongs to the MSP
 *     {@link org.baton.ledger.MspIds#of MspIds.of(institution)}
 * @param channel the channel the {@code chaincode} is committed on
 * @param chaincode the chaincode's name ({@code baton})
 * @param gatewayHost host of the peer whose Gateway service the node uses
 * @param gatewayPort its port
 * @param tlsCaCertificate PEM file of the CA that issued the peer's TLS certificate
 * @param tlsServerName the name to check the peer's TLS certificate against, if not {@code gatewayHost}
 * @param clientCertificate PEM file of the institution's Fabric client certificate
 * @param clientPrivateKey PEM file of its private key
 * @param timeouts deadlines of the Gateway calls
 */
public record FabricLedgerConfig(
        InstitutionId institution,
        String channel,
        String chaincode,
        String gatewayHost,
        int gatewayPort,
        Path tlsCaCertificate,
        Optional<String> tlsServerName,
        Path clientCertificate,
        Path clientPrivateKey,
        Timeouts timeouts) {

    public FabricLedgerConfig {
        Objects.requireNonNull(institution, "institution");
        requireName(channel, "channel");
        requireName(chaincode, "chaincode");
        Objects.requireNonNull(gatewayHost, "gatewayHost");
        if (gatewayHost.isBlank()) {
            throw new IllegalArgumentException("the Fabric gateway host is blank");
        }
        if (gatewayPort < 1 || gatewayPort > 65_535) {
            throw new IllegalArgumentException("Fabric gateway port " + gatewayPort + " is outside 1..65535");
        }
        Objects.requireNonNull(tlsCaCertificate, "tlsCaCertificate");
        Objects.requireNonNull(tlsServerName, "tlsServerName");
        Objects.requireNonNull(clientCertificate, "clientCertificate");
        Objects.requireNonNull(clientPrivateKey, "clientPrivateKey");
        Objects.requireNonNull(timeouts, "timeouts");
    }

    private static void requireName(String value, String what) {
        Objects.requireNonNull(value, what);
        if (!value.matches("[a-z][a-z0-9.-]{0,248}") && !value.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("Fabric " + what + " name '" + value + "' is not a valid name");
        }
    }

    /**
     * Deadlines of the Gateway calls.
     *
     * @param evaluate a query
     * @param endorse collecting endorsements of a proposal
     * @param submit handing the endorsed transaction to the orderer
     * @param commitStatus waiting until the transaction is committed in a block
     * @param catchUp how long an answer that a grant, receipt or transaction is not on the ledger is asked again
     *     before it is believed: each peer commits a block when it receives it, so the Gateway peer may not yet have
     *     the block another institution's write went into, which that institution's own peer already committed
     */
    public record Timeouts(Duration evaluate, Duration endorse, Duration submit, Duration commitStatus,
            Duration catchUp) {

        /** 5 s to evaluate, 15 s to endorse, 5 s to submit, 60 s for the commit, 1 s to catch up. */
        public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(15),
                Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(1));

        public Timeouts {
            positive(evaluate, "evaluate");
            positive(endorse, "endorse");
            positive(submit, "submit");
            positive(commitStatus, "commitStatus");
            Objects.requireNonNull(catchUp, "catchUp");
            if (catchUp.isNegative()) {
                throw new IllegalArgumentException("the catch-up time " + catchUp + " is negative");
            }
        }

        private static void positive(Duration value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("the " + what + " deadline " + value + " is not positive");
            }
        }
    }
}
