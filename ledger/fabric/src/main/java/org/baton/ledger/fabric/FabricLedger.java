package org.baton.ledger.fabric;

import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.baton.ledger.Committed;
import org.baton.ledger.Ledger;
import org.baton.ledger.LedgerReader;
import org.baton.ledger.LedgerWriter;
import org.baton.ledger.MspIds;
import org.baton.trust.InstitutionId;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * The ledger on Hyperledger Fabric, as one institution sees it: its Fabric client identity, a TLS channel to one
 * peer's Gateway service, and the {@code baton} chaincode on one channel. See {@code docs/fabric.md}.
 */
public final class FabricLedger implements Ledger {

    /** Threads that wait for the commits of {@link LedgerWriter#recordReceipts} and {@link LedgerWriter#acceptAsync}. */
    private static final int ASYNC_THREADS = 32;
    private static final AtomicInteger LEDGERS = new AtomicInteger();

    private final InstitutionId institution;
    private final ManagedChannel channel;
    private final Gateway gateway;
    private final ExecutorService async;
    private final FabricWriter writer;
    private final FabricReader reader;
    private final Contract qscc;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FabricLedger(FabricLedgerConfig config, TransactionClock clock, ManagedChannel channel) {
        this.institution = config.institution();
        this.channel = channel;
        FabricLedgerConfig.Timeouts timeouts = config.timeouts();
        this.gateway = Gateway.newInstance()
                .identity(new X509Identity(MspIds.of(config.institution()), certificate(config)))
                .signer(Signers.newPrivateKeySigner(privateKey(config)))
                .hash(Hash.SHA256)
                .connection(channel)
                .evaluateOptions(deadline(timeouts.evaluate()))
                .endorseOptions(deadline(timeouts.endorse()))
                .submitOptions(deadline(timeouts.submit()))
                .commitStatusOptions(deadline(timeouts.commitStatus()))
                .connect();
        Network network = gateway.getNetwork(config.channel());
        Contract contract = network.getContract(config.chaincode());
        this.qscc = network.getContract("qscc");
        ChannelBlocks blocks = new ChannelBlocks(qscc, config.channel(), config.chaincode());
        ChaincodeDocuments documents = new ChaincodeDocuments(blocks);
        int ledger = LEDGERS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "fabric-ledger-" + ledger + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.async = Executors.newFixedThreadPool(ASYNC_THREADS, factory);
        CatchUp catchUp = new CatchUp(timeouts.catchUp());
        this.writer = new FabricWriter(config.institution(), gateway, contract, clock, documents, async, catchUp);
        this.reader = new FabricReader(contract, documents, blocks, catchUp);
    }

    /**
     * Connects to the Gateway peer of {@code config}. Nothing is sent until the first read or write, so an
     * unreachable peer shows as {@link org.baton.ledger.LedgerUnavailableException} then.
     *
     * @param clock stamps the transactions' times
     * @throws UncheckedIOException if a certificate or key file cannot be read
     * @throws IllegalArgumentException if one cannot be parsed
     */
    public static FabricLedger connect(FabricLedgerConfig config, TransactionClock clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder();
        try {
            tls.trustManager(config.tlsCaCertificate().toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Fabric TLS CA certificate " + config.tlsCaCertificate(), e);
        }
        var builder = Grpc.newChannelBuilderForAddress(config.gatewayHost(), config.gatewayPort(), tls.build());
        config.tlsServerName().ifPresent(builder::overrideAuthority);
        ManagedChannel channel = builder.build();
        try {
            return new FabricLedger(config, clock, channel);
        } catch (RuntimeException e) {
            channel.shutdownNow();
            throw e;
        }
    }

    @Override
    public InstitutionId institution() {
        return institution;
    }

    @Override
    public LedgerWriter writer() {
        return writer;
    }

    @Override
    public LedgerReader reader() {
        return reader;
    }

    /** Submits a transaction's canonical bytes exactly as given, as a replay of captured bytes would. */
    Committed submitCanonical(byte[] canonical) {
        return writer.submitCanonical(canonical);
    }

    /** The channel's query system chaincode, as this institution. */
    Contract qscc() {
        return qscc;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        async.shutdownNow();
        gateway.close();
        channel.shutdown();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static UnaryOperator<CallOptions> deadline(Duration timeout) {
        return options -> options.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static X509Certificate certificate(FabricLedgerConfig config) {
        try (Reader in = Files.newBufferedReader(config.clientCertificate(), StandardCharsets.US_ASCII)) {
            return Identities.readX509Certificate(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Fabric client certificate " + config.clientCertificate(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the Fabric client certificate " + config.clientCertificate()
                    + " is not a PEM X.509 certificate", e);
        }
    }

    private static PrivateKey privateKey(FabricLedgerConfig config) {
        try (Reader in = Files.newBufferedReader(config.clientPrivateKey(), StandardCharsets.US_ASCII)) {
            return Identities.readPrivateKey(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Fabric client key " + config.clientPrivateKey(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the Fabric client key " + config.clientPrivateKey()
                    + " is not a PEM private key", e);
        }
    }
}
