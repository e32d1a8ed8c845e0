package org.baton.trust;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads and writes the signed consortium file (JSON). See {@link Consortium} for the format. */
final class ConsortiumFile {

    static final String FORMAT = "baton-consortium/1";
    static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper PRETTY = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private static final Set<String> TOP_FIELDS = Set.of("consortium", "signature");
    private static final Set<String> SIGNATURE_FIELDS = Set.of("algorithm", "caCertificateSha256", "value");
    private static final Set<String> BODY_FIELDS = Set.of("format", "name", "version", "issuedAt", "members");
    private static final Set<String> MEMBER_FIELDS = Set.of("institutionId", "kind", "displayName", "endpoint",
            "portalUrl", "tlsCertificateSha256", "signingCertificateSha256", "signingPublicKey");

    private ConsortiumFile() {
    }

    // ---------------------------------------------------------------------------------------------- writing

    static void write(Consortium consortium, Path file, X509Certificate caCertificate, PrivateKey caKey)
            throws IOException {
        Path target = file.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "refusing to overwrite a consortium file");
        }
        ObjectNode body = body(consortium);
        byte[] signature = sign(canonical(body), caKey);

        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.set("consortium", body);
        ObjectNode signatureNode = document.putObject("signature");
        signatureNode.put("algorithm", SIGNATURE_ALGORITHM);
        signatureNode.put("caCertificateSha256", Fingerprint.of(caCertificate).hex());
        signatureNode.put("value", Base64.getEncoder().encodeToString(signature));
        byte[] bytes = PRETTY.writeValueAsBytes(document);

        Files.createDirectories(target.getParent());
        Path staging = target.resolveSibling("." + target.getFileName() + ".partial-" + UUID.randomUUID());
        try {
            Files.write(staging, bytes);
            // What we wrote must load with the CA we signed it with; never leave a file that nodes would refuse.
            read(staging, caCertificate);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(staging);
        }
    }

    private static ObjectNode body(Consortium consortium) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("format", FORMAT);
        body.put("name", consortium.name());
        body.put("version", consortium.version());
        body.put("issuedAt", consortium.issuedAt().toString());
        ArrayNode members = body.putArray("members");
        for (Member member : consortium.members()) {
            ObjectNode node = members.addObject();
            node.put("institutionId", member.id().value());
            node.put("kind", member.kind().name());
            node.put("displayName", member.displayName());
            node.put("endpoint", member.endpoint().toString());
            member.portalUrl().ifPresent(url -> node.put("portalUrl", url.toString()));
            node.put("tlsCertificateSha256", member.tlsCertificate().hex());
            node.put("signingCertificateSha256", member.signingCertificate().hex());
            node.put("signingPublicKey", HexFormat.of().formatHex(member.signingKey().raw()));
        }
        return body;
    }

    private static byte[] sign(byte[] data, PrivateKey caKey) {
        try {
            Signature signer = Signature.getInstance(SIGNATURE_ALGORITHM);
            signer.initSign(caKey);
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing the consortium file with the CA key failed", e);
        }
    }

    /** Keys sorted at every level, no white space, UTF-8: the bytes the signature covers. */
    static byte[] canonical(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(sorted(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("serializing canonical JSON failed", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            node.properties().forEach(field -> fields.put(field.getKey(), sorted(field.getValue())));
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            fields.forEach(copy::set);
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }

    // ---------------------------------------------------------------------------------------------- reading

    static Consortium read(Path file, X509Certificate ca) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConsortiumLoadException(file, "file does not exist", e);
        } catch (IOException e) {
            throw new ConsortiumLoadException(file, "cannot read: " + e.getMessage(), e);
        }
        JsonNode document;
        try {
            document = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            // Jackson's own limits (nesting depth, number and string length) fail with no location.
            throw new ConsortiumLoadException(file, "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()), e);
        } catch (IOException e) {
            throw new ConsortiumLoadException(file, "cannot read: " + e.getMessage(), e);
        }
        Reader reader = new Reader(file);
        if (document == null || !document.isObject()) {
            throw reader.fail("", "must be a JSON object with 'consortium' and 'signature'");
        }
        reader.onlyFields(document, "", TOP_FIELDS);
        JsonNode body = reader.object(document, "consortium");
        JsonNode signature = reader.object(document, "signature");
        verifySignature(reader, body, signature, ca);
        return reader.consortium(body);
    }

    private static void verifySignature(Reader reader, JsonNode body, JsonNode signature, X509Certificate ca) {
        reader.onlyFields(signature, "signature", SIGNATURE_FIELDS);
        String algorithm = reader.text(signature, "signature", "algorithm");
        if (!SIGNATURE_ALGORITHM.equals(algorithm)) {
            throw reader.fail("signature.algorithm", "'" + algorithm + "' is not " + SIGNATURE_ALGORITHM);
        }
        Fingerprint signer = reader.parse(signature, "signature", "caCertificateSha256", Fingerprint::parse);
        Fingerprint expected = Fingerprint.of(ca);
        if (!signer.equals(expected)) {
            throw reader.fail("signature.caCertificateSha256", "the file was signed by the CA with SHA-256 "
                    + signer + ", not by the configured consortium CA " + ca.getSubjectX500Principal()
                    + " (SHA-256 " + expected + ")");
        }
        byte[] value = reader.parse(signature, "signature", "value", text -> Base64.getDecoder().decode(text));
        boolean valid;
        try {
            Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM);
            verifier.initVerify(ca.getPublicKey());
            verifier.update(canonical(body));
            valid = verifier.verify(value);
        } catch (GeneralSecurityException e) {
            valid = false;
        }
        if (!valid) {
            throw new ConsortiumLoadException(reader.file, "signature does not verify against the consortium CA "
                    + ca.getSubjectX500Principal() + " (SHA-256 " + expected
                    + "): the member list was altered after signing");
        }
    }

    /** Field-by-field validation with the JSON path of every error. */
    private static final class Reader {

        private final Path file;

        Reader(Path file) {
            this.file = file;
        }

        ConsortiumLoadException fail(String path, String reason) {
            return new ConsortiumLoadException(file, path.isEmpty() ? reason : path + ": " + reason);
        }

        Consortium consortium(JsonNode body) {
            onlyFields(body, "consortium", BODY_FIELDS);
            String format = text(body, "consortium", "format");
            if (!FORMAT.equals(format)) {
                throw fail("consortium.format", "'" + format + "' is not " + FORMAT);
            }
            String name = text(body, "consortium", "name");
            JsonNode versionNode = required(body, "consortium", "version");
            if (!versionNode.isIntegralNumber() || !versionNode.canConvertToLong() || versionNode.asLong() < 1) {
                throw fail("consortium.version", "'" + versionNode + "' is not a whole number of at least 1");
            }
            Instant issuedAt = parse(body, "consortium", "issuedAt", Instant::parse);
            JsonNode membersNode = required(body, "consortium", "members");
            if (!membersNode.isArray() || membersNode.isEmpty()) {
                throw fail("consortium.members", "must be a non-empty array");
            }
            List<Member> members = new ArrayList<>();
            Iterator<JsonNode> elements = membersNode.elements();
            for (int i = 0; elements.hasNext(); i++) {
                members.add(member(elements.next(), "consortium.members[" + i + "]"));
            }
            try {
                return new MemberList(name, versionNode.asLong(), issuedAt, members);
            } catch (IllegalArgumentException e) {
                throw new ConsortiumLoadException(file, "consortium: " + e.getMessage(), e);
            }
        }

        private Member member(JsonNode node, String path) {
            if (!node.isObject()) {
                throw fail(path, "must be an object");
            }
            onlyFields(node, path, MEMBER_FIELDS);
            InstitutionId id = parse(node, path, "institutionId", InstitutionId::of);
            InstitutionKind kind = parse(node, path, "kind", text -> Arrays.stream(InstitutionKind.values())
                    .filter(k -> k.name().equals(text)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not one of "
                            + Arrays.stream(InstitutionKind.values()).map(Enum::name)
                                    .collect(Collectors.joining(", ")))));
            if (!kind.accepts(id)) {
                throw fail(path + ".institutionId", "'" + id + "' is not valid for kind " + kind + ": expected "
                        + kind.idDescription());
            }
            String displayName = parse(node, path, "displayName", text -> {
                Member.checkDisplayName(text);
                return text;
            });
            PeerEndpoint endpoint = parse(node, path, "endpoint", PeerEndpoint::parse);
            Optional<URI> portalUrl = node.has("portalUrl")
                    ? Optional.of(parse(node, path, "portalUrl", ConsortiumFile::portalUrl))
                    : Optional.empty();
            Fingerprint tls = parse(node, path, "tlsCertificateSha256", Fingerprint::parse);
            Fingerprint signing = parse(node, path, "signingCertificateSha256", Fingerprint::parse);
            VerifyingKey key = parse(node, path, "signingPublicKey", ConsortiumFile::verifyingKey);
            return new Member(id, kind, displayName, endpoint, portalUrl, tls, signing, key);
        }

        void onlyFields(JsonNode node, String path, Set<String> allowed) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw fail(path, "unknown field '" + name + "' (expected " + allowed.stream().sorted().toList()
                            + ")");
                }
            }
        }

        JsonNode object(JsonNode parent, String field) {
            JsonNode node = required(parent, "", field);
            if (!node.isObject()) {
                throw fail(field, "must be an object");
            }
            return node;
        }

        JsonNode required(JsonNode parent, String path, String field) {
            JsonNode node = parent.get(field);
            if (node == null || node.isNull()) {
                throw fail(join(path, field), "is missing");
            }
            return node;
        }

        String text(JsonNode parent, String path, String field) {
            JsonNode node = required(parent, path, field);
            if (!node.isTextual()) {
                throw fail(join(path, field), "must be a string, got " + node.getNodeType().name().toLowerCase());
            }
            return node.textValue();
        }

        <T> T parse(JsonNode parent, String path, String field, Function<String, T> parser) {
            String text = text(parent, path, field);
            try {
                return parser.apply(text);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw fail(join(path, field), e.getMessage());
            }
        }

        private static String join(String path, String field) {
            return path.isEmpty() ? field : path + "." + field;
        }
    }

    private static URI portalUrl(String text) {
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL: " + e.getReason(), e);
        }
        Member.checkPortalUrl(url);
        return url;
    }

    private static VerifyingKey verifyingKey(String hex) {
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("'" + hex + "' is not a 32-byte Ed25519 key in 64 lowercase hex digits");
        }
        return VerifyingKey.fromRaw(HexFormat.of().parseHex(hex));
    }
}
