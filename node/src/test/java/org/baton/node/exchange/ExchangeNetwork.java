package org.baton.node.exchange;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.baton.bench.LoopbackPorts;
import org.baton.ledger.embedded.EmbeddedLedger;
import org.baton.ledger.embedded.EmbeddedLedgerConfig;
import org.baton.ledger.embedded.EmbeddedLedgerServer;
import org.baton.node.NodeApp;
import org.baton.node.NodeEventListener;
import org.baton.node.config.NodeConfig;
import org.baton.proto.v1.PeerExchangeGrpc;
import org.baton.trust.Consortium;
import org.baton.trust.InstitutionCredentials;
import org.baton.trust.InstitutionId;
import org.baton.trust.InstitutionKind;
import org.baton.trust.Member;
import org.baton.trust.MutualTls;
import org.baton.trust.PeerEndpoint;
import org.baton.trust.Validity;
import org.baton.trust.testing.TestPki;

/**
 * A consortium on loopback for integration tests: key material from the code {@code baton pki} runs, a signed
 * consortium file, a node YAML file per institution (fixed free ports, the embedded ledger as the ledger), and
 * ways to start the ledger and the nodes in this JVM, or hand their files to other processes.
 */
public final class ExchangeNetwork implements AutoCloseable {

    public static final InstitutionId OPERATOR = InstitutionId.of("CDE");
    public static final InstitutionId DISTRICT = ExchangeHarness.DISTRICT;
    public static final InstitutionId OTHER_DISTRICT = ExchangeHarness.OTHER_DISTRICT;
    public static final InstitutionId COLLEGE = ExchangeHarness.COLLEGE;
    public static final InstitutionId UNIVERSITY = ExchangeHarness.UNIVERSITY;
    public static final InstitutionId CSAC = ExchangeHarness.CSAC;

    private static final Map<InstitutionId, InstitutionKind> KINDS = Map.of(
            OPERATOR, InstitutionKind.CDE, DISTRICT, InstitutionKind.K12_DISTRICT,
            OTHER_DISTRICT, InstitutionKind.K12_DISTRICT, COLLEGE, InstitutionKind.COMMUNITY_COLLEGE,
            UNIVERSITY, InstitutionKind.UC, CSAC, InstitutionKind.CSAC);

    private final Path dir;
    private final TestPki pki;
    private final Map<InstitutionId, Path> credentialDirs = new LinkedHashMap<>();
    private final Map<InstitutionId, Integer> ports = new LinkedHashMap<>();
    private final Map<InstitutionId, Path> configs = new LinkedHashMap<>();
    private final Map<InstitutionId, NodeApp> nodes = new LinkedHashMap<>();
    private final Path consortiumFile;
    private final Consortium consortium;
    private final int ledgerPort;
    private final Optional<Function<InstitutionId, String>> ledgerYaml;
    private EmbeddedLedgerServer ledger;

    /**
     * @param exchangeYaml the node files' {@code exchange:} section (tuning), or empty
     */
    public ExchangeNetwork(Path dir, String exchangeYaml) {
        this(dir, exchangeYaml, Optional.empty());
    }

    /**
     * @param exchangeYaml the node files' {@code exchange:} section (tuning), or empty
     * @param ledgerYaml each node file's {@code ledger:} section; empty for this network's embedded ledger
     */
    public ExchangeNetwork(Path dir, String exchangeYaml, Optional<Function<InstitutionId, String>> ledgerYaml) {
        this.dir = dir;
        this.ledgerYaml = ledgerYaml;
        this.pki = TestPki.create(dir.resolve("pki"), "Exchange Test CA");
        this.ledgerPort = freePort();
        List<Member> members = new ArrayList<>();
        for (InstitutionId id : List.of(OPERATOR, DISTRICT, OTHER_DISTRICT, COLLEGE, UNIVERSITY, CSAC)) {
            int port = id.equals(OPERATOR) ? ledgerPort : freePort();
            PeerEndpoint endpoint = new PeerEndpoint("127.0.0.1", port);
            Path credentials = pki.issue(id.value(), endpoint);
            credentialDirs.put(id, credentials);
            ports.put(id, port);
            members.add(TestPki.member(credentials, KINDS.get(id), "Institution " + id, endpoint));
        }
        this.consortiumFile = pki.writeConsortium("consortium.json", members);
        this.consortium = Consortium.load(consortiumFile, pki.ca().certificate());
        for (InstitutionId id : List.of(DISTRICT, OTHER_DISTRICT, COLLEGE, UNIVERSITY, CSAC)) {
            configs.put(id, writeConfig(id, exchangeYaml));
        }
    }

    /** A free port not handed out before in this JVM, below the ephemeral range (see {@link LoopbackPorts}). */
    static int freePort() {
        try {
            return LoopbackPorts.free(1)[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path writeConfig(InstitutionId id, String exchangeYaml) {
        try {
            Path nodeDir = Files.createDirectories(dir.resolve("nodes").resolve(id.value()));
            Path file = nodeDir.resolve("node.yaml");
            Files.writeString(file, """
                    institution:
                      id: "%s"
                      kind: %s
                      name: Institution %s
                    dataDir: data
                    peer:
                      host: 127.0.0.1
                      port: %d
                    admin:
                      port: 0
                    pki:
                      dir: %s
                    consortium:
                      file: %s
                      caCertificate: %s
                    %s
                    store:
                      dataKeyFile: data/data.key
                    %s
                    """.formatted(id, KINDS.get(id), id, ports.get(id), credentialDirs.get(id), consortiumFile,
                    pki.caCertificateFile(), ledgerSection(id), exchangeYaml));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String ledgerSection(InstitutionId id) {
        return ledgerYaml.map(section -> section.apply(id).strip())
                .orElse("ledger:\n  endpoint: 127.0.0.1:" + ledgerPort + "\n  operator: CDE");
    }

    public Path config(InstitutionId id) {
        return configs.get(id);
    }

    Path consortiumFile() {
        return consortiumFile;
    }

    Path caCertificateFile() {
        return pki.caCertificateFile();
    }

    Path credentialsDir(InstitutionId id) {
        return credentialDirs.get(id);
    }

    Path ledgerDir() {
        return dir.resolve("ledger");
    }

    int ledgerPort() {
        return ledgerPort;
    }

    public Consortium consortium() {
        return consortium;
    }

    /**
     * Credentials issued by this consortium's CA but not listed in its consortium file (as for a member removed
     * from a later version of the file), written below {@code pki/<directoryName>}.
     */
    InstitutionCredentials issueUnlisted(InstitutionId id, Validity validity, String directoryName) {
        return InstitutionCredentials.load(pki.issue(id.value(), new PeerEndpoint("127.0.0.1", freePort()), validity,
                directoryName));
    }

    InstitutionCredentials credentials(InstitutionId id) {
        return InstitutionCredentials.load(credentialDirs.get(id));
    }

    /** Starts the embedded ledger in this JVM on its fixed port. */
    public EmbeddedLedgerServer startLedger(Clock clock) {
        InstitutionCredentials operator = credentials(OPERATOR);
        ledger = EmbeddedLedgerServer.serve(EmbeddedLedger.open(EmbeddedLedgerConfig.defaults(ledgerDir()), consortium,
                operator, clock), new InetSocketAddress("127.0.0.1", ledgerPort), operator, consortium);
        return ledger;
    }

    EmbeddedLedgerServer ledger() {
        return ledger;
    }

    /** Starts a node in this JVM from its YAML file. */
    public NodeApp startNode(InstitutionId id, Clock clock, List<NodeEventListener> listeners) {
        NodeApp node = NodeApp.create(NodeConfig.load(configs.get(id)), listeners, clock).start();
        nodes.put(id, node);
        return node;
    }

    public NodeApp node(InstitutionId id) {
        return nodes.get(id);
    }

    /** A mutual-TLS channel to {@code to}'s peer server, authenticated as {@code as}. */
    ManagedChannel channel(InstitutionId as, InstitutionId to) {
        Member target = consortium.member(to).orElseThrow();
        return Grpc.newChannelBuilderForAddress("127.0.0.1", ports.get(to),
                MutualTls.channelCredentials(credentials(as), target)).build();
    }

    static PeerExchangeGrpc.PeerExchangeBlockingStub stub(ManagedChannel channel) {
        return PeerExchangeGrpc.newBlockingStub(channel).withDeadlineAfter(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        nodes.values().forEach(NodeApp::close);
        nodes.clear();
        if (ledger != null) {
            ledger.close();
        }
    }
}
