package org.baton.tools.pki;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.baton.trust.InstitutionCredentials;
import org.baton.trust.InstitutionId;
import org.baton.trust.InstitutionKind;
import org.baton.trust.Member;
import org.baton.trust.PeerEndpoint;

/**
 * {@code member.json}, written by {@code baton pki issue} next to an institution's key material: what the
 * consortium file will say about the institution besides its certificates.
 */
record MemberFile(InstitutionId id, InstitutionKind kind, String displayName, PeerEndpoint endpoint,
        Optional<URI> portalUrl) {

    static final String NAME = "member.json";

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    MemberFile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(portalUrl, "portalUrl");
    }

    /** The consortium entry: this description plus the certificates in {@code credentials}. */
    Member member(InstitutionCredentials credentials) {
        return Member.of(credentials, kind, displayName, endpoint, portalUrl);
    }

    void write(Path file) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("institutionId", id.value());
        node.put("kind", kind.name());
        node.put("displayName", displayName);
        node.put("endpoint", endpoint.toString());
        portalUrl.ifPresent(url -> node.put("portalUrl", url.toString()));
        Files.write(file, JSON.writeValueAsBytes(node), StandardOpenOption.CREATE_NEW);
    }

    static MemberFile read(Path file) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IOException(file + ": must be a JSON object");
        }
        InstitutionId id = field(file, node, "institutionId", InstitutionId::of);
        InstitutionKind kind = field(file, node, "kind", InstitutionKind::valueOf);
        String displayName = field(file, node, "displayName", Function.identity());
        PeerEndpoint endpoint = field(file, node, "endpoint", PeerEndpoint::parse);
        Optional<URI> portalUrl = node.hasNonNull("portalUrl")
                ? Optional.of(field(file, node, "portalUrl", URI::create))
                : Optional.empty();
        return new MemberFile(id, kind, displayName, endpoint, portalUrl);
    }

    private static <T> T field(Path file, JsonNode node, String name, Function<String, T> parser) throws IOException {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual()) {
            throw new IOException(file + ": field '" + name + "' is missing or not a string");
        }
        try {
            return parser.apply(value.textValue());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": field '" + name + "': " + e.getMessage(), e);
        }
    }
}
