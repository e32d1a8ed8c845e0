package org.baton.node.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.baton.node.quality.QualityOptions;
import org.baton.trust.InstitutionId;
import org.baton.trust.InstitutionKind;
import org.baton.trust.PeerEndpoint;

/** Reads the YAML tree key by key so every error names its key; no binding annotations on the records. */
final class NodeConfigReader {

    private static final ObjectMapper YAML = new YAMLMapper(YAMLFactory.builder().build())
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Path file;
    private final Path base;

    private NodeConfigReader(Path file) {
        this.file = file;
        Path parent = file.toAbsolutePath().normalize().getParent();
        this.base = parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    static NodeConfig read(Path file) {
        return new NodeConfigReader(file).read();
    }

    private NodeConfig read() {
        JsonNode root = parse();
        only(root, "", "institution", "dataDir", "peer", "admin", "pki", "consortium", "ledger", "store", "exchange",
                "portal", "dataQuality");

        JsonNode institutionNode = section(root, "institution");
        only(institutionNode, "institution", "id", "kind", "name");
        InstitutionId id = value(institutionNode, "institution", "id", text -> InstitutionId.of(text));
        InstitutionKind kind = value(institutionNode, "institution", "kind", NodeConfigReader::kind);
        String name = text(institutionNode, "institution", "name");
        NodeConfig.Institution institution = build("institution.id", () -> new NodeConfig.Institution(id, kind, name));

        Path dataDir = path(root, "", "dataDir");

        JsonNode peerNode = section(root, "peer");
        only(peerNode, "peer", "host", "port");
        String host = text(peerNode, "peer", "host");
        int peerPort = port(peerNode, "peer", "port");
        NodeConfig.Peer peer = build("peer.host", () -> new NodeConfig.Peer(host, peerPort));

        JsonNode adminNode = section(root, "admin");
        only(adminNode, "admin", "port");
        NodeConfig.Admin admin = new NodeConfig.Admin(port(adminNode, "admin", "port"));

        JsonNode pkiNode = section(root, "pki");
        only(pkiNode, "pki", "dir");
        Path pkiDir = path(pkiNode, "pki", "dir");

        JsonNode consortiumNode = section(root, "consortium");
        only(consortiumNode, "consortium", "file", "caCertificate");
        NodeConfig.ConsortiumFiles consortium = new NodeConfig.ConsortiumFiles(
                path(consortiumNode, "consortium", "file"), path(consortiumNode, "consortium", "caCertificate"));

        Optional<NodeConfig.Ledger> ledger = Optional.empty();
        if (root.has("ledger") && !root.get("ledger").isNull()) {
            ledger = Optional.of(ledger(section(root, "ledger")));
        }

        JsonNode storeNode = section(root, "store");
        only(storeNode, "store", "dataKeyFile");
        NodeConfig.Store store = new NodeConfig.Store(path(storeNode, "store", "dataKeyFile"));

        NodeConfig.Exchange exchange = NodeConfig.Exchange.defaults();
        if (root.has("exchange") && !root.get("exchange").isNull()) {
            JsonNode node = section(root, "exchange");
            only(node, "exchange", "pullOnGrant", "workers", "peerDeadlineMillis", "retryInitialMillis",
                    "retryMaxMillis");
            NodeConfig.Exchange d = exchange;
            boolean pullOnGrant = bool(node, "exchange", "pullOnGrant", d.pullOnGrant());
            long workerCount = number(node, "exchange", "workers", d.workers());
            int workers = workerCount > Integer.MAX_VALUE || workerCount < 0 ? -1 : (int) workerCount;
            long deadline = number(node, "exchange", "peerDeadlineMillis", d.peerDeadlineMillis());
            long retryInitial = number(node, "exchange", "retryInitialMillis", d.retryInitialMillis());
            long retryMax = number(node, "exchange", "retryMaxMillis", d.retryMaxMillis());
            exchange = build("exchange", () -> new NodeConfig.Exchange(pullOnGrant, workers, deadline, retryInitial,
                    retryMax));
        }

        Optional<NodeConfig.Portal> portal = Optional.empty();
        if (root.has("portal") && !root.get("portal").isNull()) {
            JsonNode portalNode = section(root, "portal");
            only(portalNode, "portal", "host", "port");
            String portalHost = text(portalNode, "portal", "host");
            int portalPort = port(portalNode, "portal", "port");
            portal = Optional.of(build("portal.host", () -> new NodeConfig.Portal(portalHost, portalPort)));
        }

        QualityOptions quality = QualityOptions.defaults();
        if (root.has("dataQuality") && !root.get("dataQuality").isNull()) {
            JsonNode node = section(root, "dataQuality");
            only(node, "dataQuality", "ssidCheckDigit", "gpaTolerance");
            if (node.has("ssidCheckDigit") && !node.get("ssidCheckDigit").isNull()) {
                String digit = text(node, "dataQuality", "ssidCheckDigit");
                if (!digit.equals("none") && !digit.equals("luhn")) {
                    throw fail("dataQuality.ssidCheckDigit", "'" + digit + "' is not none or luhn");
                }
                quality = quality.withSsidCheckDigit(digit.equals("luhn"));
            }
            JsonNode tolerance = node.get("gpaTolerance");
            if (tolerance != null && !tolerance.isNull()) {
                if (!tolerance.isNumber()) {
                    throw fail("dataQuality.gpaTolerance", "'" + tolerance.asText() + "' is not a number");
                }
                boolean checkDigit = quality.ssidCheckDigit();
                quality = build("dataQuality.gpaTolerance",
                        () -> new QualityOptions(checkDigit, tolerance.decimalValue()));
            }
        }

        if (peerPort != 0 && peerPort == admin.port()) {
            throw fail("admin.port", "is the same as peer.port (" + peerPort + ")");
        }
        if (portal.isPresent() && portal.get().port() != 0) {
            int portalPort = portal.get().port();
            if (portalPort == peerPort) {
                throw fail("portal.port", "is the same as peer.port (" + peerPort + ")");
            }
            if (portalPort == admin.port()) {
                throw fail("portal.port", "is the same as admin.port (" + admin.port() + ")");
            }
        }
        return new NodeConfig(file, institution, dataDir, peer, admin, pkiDir, consortium, ledger, store, exchange,
                portal, quality);
    }

    private JsonNode parse() {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new NodeConfigException(file, "", "file does not exist", e);
        } catch (IOException e) {
            throw new NodeConfigException(file, "", "cannot read: " + e.getMessage(), e);
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new NodeConfigException(file, "", "not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()), e);
        }
        if (root == null || !root.isObject()) {
            throw new NodeConfigException(file, "", "must be a YAML mapping with the keys institution, dataDir, peer, "
                    + "admin, pki, consortium, store");
        }
        return root;
    }

    private void only(JsonNode node, String path, String... keys) {
        Set<String> allowed = Set.of(keys);
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw fail(join(path, name), "unknown key (expected one of "
                        + Arrays.stream(keys).map(k -> join(path, k)).collect(Collectors.joining(", ")) + ")");
            }
        }
    }

    private JsonNode section(JsonNode parent, String key) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            throw fail(key, "is missing");
        }
        if (!node.isObject()) {
            throw fail(key, "must be a mapping");
        }
        return node;
    }

    private String text(JsonNode parent, String path, String key) {
        String full = join(path, key);
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            throw fail(full, "is missing");
        }
        if (node.isNumber()) {
            throw fail(full, "write the value in quotes (\"" + node.asText() + "\"): unquoted, YAML reads it as a "
                    + "number, which drops leading zeros");
        }
        if (!node.isTextual()) {
            throw fail(full, "must be a string");
        }
        if (node.textValue().isBlank()) {
            throw fail(full, "is blank");
        }
        return node.textValue();
    }

    private <T> T value(JsonNode parent, String path, String key, Function<String, T> parser) {
        String text = text(parent, path, key);
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw fail(join(path, key), e.getMessage());
        }
    }

    private int port(JsonNode parent, String path, String key) {
        String full = join(path, key);
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            throw fail(full, "is missing");
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0 || node.intValue() > 65535) {
            throw fail(full, "'" + node.asText() + "' is not a port number between 0 and 65535");
        }
        return node.intValue();
    }

    private boolean bool(JsonNode parent, String path, String key, boolean fallback) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw fail(join(path, key), "'" + node.asText() + "' is not true or false");
        }
        return node.booleanValue();
    }

    private long number(JsonNode parent, String path, String key, long fallback) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw fail(join(path, key), "'" + node.asText() + "' is not a whole number");
        }
        return node.longValue();
    }

    /** The {@code ledger} section: the embedded ledger's service, or ({@code type: fabric}) a Fabric channel. */
    private NodeConfig.Ledger ledger(JsonNode node) {
        String type = node.has("type") ? text(node, "ledger", "type") : "embedded";
        switch (type) {
            case "embedded":
                only(node, "ledger", "type", "endpoint", "operator");
                PeerEndpoint endpoint = value(node, "ledger", "endpoint", PeerEndpoint::parse);
                InstitutionId operator = node.has("operator")
                        ? value(node, "ledger", "operator", InstitutionId::of)
                        : NodeConfig.EmbeddedLedger.DEFAULT_OPERATOR;
                return new NodeConfig.EmbeddedLedger(endpoint, operator);
            case "fabric":
                only(node, "ledger", "type", "channel", "chaincode", "gateway", "tlsCaCertificate", "tlsServerName",
                        "clientCertificate", "clientPrivateKey");
                String channel = text(node, "ledger", "channel");
                String chaincode = node.has("chaincode")
                        ? text(node, "ledger", "chaincode")
                        : NodeConfig.FabricLedger.DEFAULT_CHAINCODE;
                return new NodeConfig.FabricLedger(channel, chaincode,
                        value(node, "ledger", "gateway", PeerEndpoint::parse),
                        path(node, "ledger", "tlsCaCertificate"),
                        node.has("tlsServerName") ? Optional.of(text(node, "ledger", "tlsServerName")) : Optional.empty(),
                        path(node, "ledger", "clientCertificate"),
                        path(node, "ledger", "clientPrivateKey"));
            default:
                throw fail("ledger.type", "'" + type + "' is not embedded or fabric");
        }
    }

    private Path path(JsonNode parent, String path, String key) {
        String text = text(parent, path, key);
        try {
            return base.resolve(text).normalize();
        } catch (InvalidPathException e) {
            throw fail(join(path, key), "'" + text + "' is not a valid path: " + e.getReason());
        }
    }

    private <T> T build(String key, java.util.function.Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw fail(key, e.getMessage());
        }
    }

    private static InstitutionKind kind(String text) {
        return Arrays.stream(InstitutionKind.values()).filter(k -> k.name().equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not one of "
                        + Arrays.stream(InstitutionKind.values()).map(Enum::name).collect(Collectors.joining(", "))));
    }

    private NodeConfigException fail(String key, String reason) {
        return new NodeConfigException(file, key, reason);
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
