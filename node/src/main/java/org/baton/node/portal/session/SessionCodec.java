package org.baton.node.portal.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.baton.node.portal.accounts.AccountId;

/** Sessions to and from JSON bytes for the record store (format version 1). */
final class SessionCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SessionCodec() {
    }

    static byte[] encode(Session s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("v", 1);
        n.put("key", s.key());
        n.put("account", s.account().value());
        n.put("stage", s.stage().name());
        n.put("createdAt", s.createdAt().toString());
        n.put("lastSeenAt", s.lastSeenAt().toString());
        s.pendingTotp().ifPresent(t -> n.put("pendingTotp", t));
        try {
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException("encoding a portal session failed", e);
        }
    }

    static Session decode(byte[] bytes) {
        try {
            JsonNode n = JSON.readTree(bytes);
            if (n == null || n.path("v").asInt() != 1) {
                throw new IllegalArgumentException("stored portal session has an unknown format version");
            }
            return new Session(n.get("key").asText(), new AccountId(n.get("account").asText()),
                    Session.Stage.valueOf(n.get("stage").asText()), Instant.parse(n.get("createdAt").asText()),
                    Instant.parse(n.get("lastSeenAt").asText()),
                    n.hasNonNull("pendingTotp") ? Optional.of(n.get("pendingTotp").asText()) : Optional.empty());
        } catch (IOException e) {
            throw new IllegalArgumentException("stored portal session is not JSON", e);
        }
    }
}
