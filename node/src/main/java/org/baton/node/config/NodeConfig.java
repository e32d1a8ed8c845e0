package org.baton.node.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.baton.ledger.ChaincodeFunctions;
import org.baton.ledger.fabric.FabricLedgerConfig;
import org.baton.node.quality.QualityOptions;
import org.baton.trust.InstitutionId;
import org.baton.trust.InstitutionKind;
import org.baton.trust.PeerEndpoint;

/**
 * Everything an institution node is configured with, read once from a YAML file by {@link #load(Path)}. Relative
 * paths in the file are resolved against the file's directory. Every record validates itself.
 *
 * <pre>
 * institution:
 *   id: "110635"                 # quoted: CDS codes may start with 0
 *   kind: UC                     # K12_DISTRICT, COMMUNITY_COLLEGE, CSU, UC, CSAC, CDE
 *   name: University of California-Berkeley
 * dataDir: data/110635           # the node's own files (record store ...)
 * peer:
 *   host: 0.0.0.0                # address the mutual-TLS peer server binds
 *   port: 7443                   # 0 = any free port
 * admin:
 *   port: 7444                   # node admin service, always bound to 127.0.0.1, plaintext
 * pki:
 *   dir: pki/110635              # written by `baton pki issue`
 * consortium:
 *   file: pki/consortium.json    # written by `baton pki consortium`
 *   caCertificate: pki/ca/ca.pem # the trust anchor the consortium file is verified with
 * ledger:                        # optional; without it the node runs no exchange
 *   endpoint: 127.0.0.1:7600     # the embedded ledger's service
 *   operator: CDE                # the member whose TLS certificate the ledger presents (default CDE)
 * # or, on Hyperledger Fabric (docs/fabric.md):
 * # ledger:
 * #   type: fabric
 * #   channel: baton
 * #   chaincode: baton                           # default baton
 * #   gateway: 127.0.0.1:27051                   # a peer's Gateway service
 * #   tlsCaCertificate: fabric/peer-tls-ca.pem
 * #   tlsServerName: peer0.district.baton.test   # optional
 * #   clientCertificate: fabric/110635/cert.pem  # the institution's Fabric identity
 * #   clientPrivateKey: fabric/110635/key.pem
 * store:
 *   dataKeyFile: data/110635/data.key   # created on first start
 * exchange:                      # optional tuning; every key has a default
 *   pullOnGrant: true            # the recipient pulls from every source as soon as it learns of a grant
 *   workers: 256                 # most threads advancing queued exchanges (one per processor runs at once)
 *   peerDeadlineMillis: 10000    # deadline of a call to another node
 *   retryInitialMillis: 200      # first backoff after a peer or the ledger failed
 *   retryMaxMillis: 30000        # longest backoff
 * portal:                        # optional: without it the node serves no portal
 *   host: 0.0.0.0                # address the portal's HTTPS server binds
 *   port: 8443                   # 0 = any free port
 * dataQuality:                   # optional; every key has a default
 *   ssidCheckDigit: none         # none, or luhn when the consortium's SSIDs end in a Luhn check digit
 *   gpaTolerance: 0.05           # how far a stored cumulative GPA may be from the grades' before it is a finding
 * </pre>
 *
 * @param source the file this was read from (for messages)
 * @param institution who this node is
 * @param dataDir directory of the node's own data
 * @param peer the peer (mutual TLS) server
 * @param admin the loopback admin server
 * @param pkiDir the institution's key material ({@link org.baton.trust.InstitutionCredentials})
 * @param consortium the consortium file and its CA
 * @param ledger the ledger service, when configured
 * @param store the record store
 * @param exchange tuning of the exchange engine
 * @param portal the portal's HTTPS server, when configured
 * @param quality how the data-quality rules are set (docs/data-quality.md)
 */
public record NodeConfig(
        Path source,
        Institution institution,
        Path dataDir,
        Peer peer,
        Admin admin,
        Path pkiDir,
        ConsortiumFiles consortium,
        Optional<Ledger> ledger,
        Store store,
        Exchange exchange,
        Optional<Portal> portal,
        QualityOptions quality) {

    public NodeConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(institution, "institution");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(pkiDir, "pkiDir");
        Objects.requireNonNull(consortium, "consortium");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(portal, "portal");
        Objects.requireNonNull(quality, "quality");
    }

    /**
     * Reads and validates {@code file}.
     *
     * @throws NodeConfigException naming the file and the bad key
     */
    public static NodeConfig load(Path file) {
        Objects.requireNonNull(file, "file");
        return NodeConfigReader.read(file);
    }

    /**
     * Who the node is; must agree with its entry in the consortium file.
     *
     * @param id the institution id
     * @param kind the kind of institution; {@code id} has its form
     * @param name display name
     */
    public record Institution(InstitutionId id, InstitutionKind kind, String name) {
        public Institution {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            if (!kind.accepts(id)) {
                throw new IllegalArgumentException("'" + id + "' is not valid for kind " + kind + ": expected "
                        + kind.idDescription());
            }
            if (name.isBlank()) {
                throw new IllegalArgumentException("name is blank");
            }
        }
    }

    /**
     * The peer server.
     *
     * @param host the address to bind (an IP literal or a host name); {@code 0.0.0.0} for every interface
     * @param port the port; 0 picks a free one
     */
    public record Peer(String host, int port) {
        public Peer {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("host is blank");
            }
            checkPort(port);
        }
    }

    /**
     * The admin server, bound to 127.0.0.1 only.
     *
     * @param port the port; 0 picks a free one
     */
    public record Admin(int port) {
        /** The only address the admin server binds. */
        public static final String HOST = "127.0.0.1";

        public Admin {
            checkPort(port);
        }
    }

    /**
     * The consortium file and the CA certificate it is verified against.
     *
     * @param file the signed consortium file
     * @param caCertificate the consortium CA certificate (PEM)
     */
    public record ConsortiumFiles(Path file, Path caCertificate) {
        public ConsortiumFiles {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(caCertificate, "caCertificate");
        }
    }

    /** The ledger the node writes to and reads: the embedded ledger's service, or a Fabric channel. */
    public sealed interface Ledger {
    }

    /**
     * The embedded ledger's service ({@code ledger: endpoint: …}).
     *
     * @param endpoint host:port of the ledger's gRPC service
     * @param operator the consortium member that runs it: the ledger's TLS certificate must be that member's
     */
    public record EmbeddedLedger(PeerEndpoint endpoint, InstitutionId operator) implements Ledger {
        /** The usual operator of the embedded ledger. */
        public static final InstitutionId DEFAULT_OPERATOR = InstitutionId.of("CDE");

        public EmbeddedLedger {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(operator, "operator");
        }
    }

    /**
     * The ledger on Hyperledger Fabric ({@code ledger: type: fabric}; docs/fabric.md).
     *
     * @param channel the channel the chaincode is committed on
     * @param chaincode the chaincode's name (default {@code baton})
     * @param gateway host:port of the peer whose Gateway service the node uses
     * @param tlsCaCertificate PEM file of the CA of that peer's TLS certificate
     * @param tlsServerName the name the peer's TLS certificate carries, when it is not the gateway's host
     * @param clientCertificate PEM file of the institution's Fabric client certificate (MSP {@code <id>MSP})
     * @param clientPrivateKey PEM file of its private key
     */
    public record FabricLedger(String channel, String chaincode, PeerEndpoint gateway, Path tlsCaCertificate,
            Optional<String> tlsServerName, Path clientCertificate, Path clientPrivateKey) implements Ledger {
        /** The chaincode's usual name. */
        public static final String DEFAULT_CHAINCODE = ChaincodeFunctions.CHAINCODE;

        public FabricLedger {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(chaincode, "chaincode");
            Objects.requireNonNull(gateway, "gateway");
            Objects.requireNonNull(tlsCaCertificate, "tlsCaCertificate");
            Objects.requireNonNull(tlsServerName, "tlsServerName");
            Objects.requireNonNull(clientCertificate, "clientCertificate");
            Objects.requireNonNull(clientPrivateKey, "clientPrivateKey");
        }

        /** The section that names {@code config}'s channel, chaincode, Gateway peer and client identity. */
        public static FabricLedger of(FabricLedgerConfig config) {
            return new FabricLedger(config.channel(), config.chaincode(),
                    new PeerEndpoint(config.gatewayHost(), config.gatewayPort()), config.tlsCaCertificate(),
                    config.tlsServerName(), config.clientCertificate(), config.clientPrivateKey());
        }

        /** How {@code institution} reaches the ledger with these settings, with the default deadlines. */
        public FabricLedgerConfig config(InstitutionId institution) {
            return new FabricLedgerConfig(institution, channel, chaincode, gateway.host(), gateway.port(),
                    tlsCaCertificate, tlsServerName, clientCertificate, clientPrivateKey,
                    FabricLedgerConfig.Timeouts.DEFAULT);
        }

        /** The section as a node file writes it (absolute paths). */
        public String yaml() {
            return "ledger:\n  type: fabric\n  channel: " + channel + "\n  chaincode: " + chaincode + "\n  gateway: "
                    + gateway.host() + ":" + gateway.port() + "\n  tlsCaCertificate: " + tlsCaCertificate
                    + tlsServerName.map(name -> "\n  tlsServerName: " + name).orElse("")
                    + "\n  clientCertificate: " + clientCertificate + "\n  clientPrivateKey: " + clientPrivateKey
                    + "\n";
        }
    }

    /**
     * Tuning of the exchange engine.
     *
     * @param pullOnGrant whether the recipient of a grant pulls from every named source as soon as it learns of it
     * @param workers the most threads advancing queued exchanges (1 to 1024). As many run at once as the machine
     *     has processors; a step waiting for a peer or the ledger holds no thread (a pull, an acceptance) or lets
     *     another worker run meanwhile (a push's delivery, a ledger read), up to this many threads in all
     * @param peerDeadlineMillis deadline of a call to another node, milliseconds (1 to 600,000)
     * @param retryInitialMillis first backoff after a peer or the ledger failed, milliseconds (1 to retryMaxMillis)
     * @param retryMaxMillis longest backoff, milliseconds (up to 3,600,000)
     */
    public record Exchange(boolean pullOnGrant, int workers, long peerDeadlineMillis, long retryInitialMillis,
            long retryMaxMillis) {
        public Exchange {
            if (workers < 1 || workers > 1024) {
                throw new IllegalArgumentException("workers " + workers + " is not between 1 and 1024");
            }
            if (peerDeadlineMillis < 1 || peerDeadlineMillis > 600_000) {
                throw new IllegalArgumentException("peerDeadlineMillis " + peerDeadlineMillis
                        + " is not between 1 and 600000");
            }
            if (retryMaxMillis < 1 || retryMaxMillis > 3_600_000) {
                throw new IllegalArgumentException("retryMaxMillis " + retryMaxMillis + " is not between 1 and 3600000");
            }
            if (retryInitialMillis < 1 || retryInitialMillis > retryMaxMillis) {
                throw new IllegalArgumentException("retryInitialMillis " + retryInitialMillis
                        + " is not between 1 and retryMaxMillis (" + retryMaxMillis + ")");
            }
        }

        /** Pull on grant, 256 workers, 10 s deadlines, backoff from 200 ms to 30 s. */
        public static Exchange defaults() {
            return new Exchange(true, 256, 10_000, 200, 30_000);
        }
    }

    /**
     * The record store.
     *
     * @param dataKeyFile the file holding the key the store encrypts sensitive fields with; created on first start
     */
    public record Store(Path dataKeyFile) {
        public Store {
            Objects.requireNonNull(dataKeyFile, "dataKeyFile");
        }
    }

    /**
     * The portal (HTTPS, served with the node's TLS certificate).
     *
     * @param host the address to bind; {@code 0.0.0.0} for every interface
     * @param port the port; 0 picks a free one
     */
    public record Portal(String host, int port) {
        public Portal {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("host is blank");
            }
            checkPort(port);
        }
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 0 and 65535");
        }
    }
}
