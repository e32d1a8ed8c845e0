package org.baton.node.portal.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeSet;
import org.baton.node.student.StudentId;

/** Accounts to and from JSON bytes for the record store (format version 1). */
final class AccountCodec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int VERSION = 1;

    private AccountCodec() {
    }

    static byte[] encode(Account a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("v", VERSION);
        n.put("id", a.id().value());
        n.put("role", a.role().name());
        n.put("displayName", a.displayName());
        n.put("status", a.status().name());
        a.username().ifPresent(u -> n.put("username", u));
        a.passwordHash().ifPresent(h -> n.put("passwordHash", h));
        a.totpSecret().ifPresent(t -> n.put("totpSecret", t));
        n.put("lastTotpStep", a.lastTotpStep());
        ArrayNode students = n.putArray("students");
        a.students().forEach(s -> students.add(s.value()));
        a.activation().ifPresent(act -> {
            ObjectNode o = n.putObject("activation");
            o.put("codeHash", act.codeHash());
            o.put("expiresAt", act.expiresAt().toString());
        });
        n.put("failedSignIns", a.failedSignIns());
        a.lockedUntil().ifPresent(l -> n.put("lockedUntil", l.toString()));
        n.put("createdAt", a.createdAt().toString());
        try {
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException("encoding account " + a.id() + " failed", e);
        }
    }

    static Account decode(byte[] bytes) {
        JsonNode n;
        try {
            n = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("stored portal account is not JSON", e);
        }
        if (n == null || n.path("v").asInt() != VERSION) {
            throw new IllegalArgumentException("stored portal account has unknown format version "
                    + (n == null ? "none" : n.path("v").asText()));
        }
        TreeSet<StudentId> students = new TreeSet<>();
        n.path("students").forEach(s -> students.add(new StudentId(s.asLong())));
        Optional<Account.Activation> activation = n.has("activation")
                ? Optional.of(new Account.Activation(n.get("activation").get("codeHash").asText(),
                        Instant.parse(n.get("activation").get("expiresAt").asText())))
                : Optional.empty();
        return new Account(new AccountId(n.get("id").asText()), Role.valueOf(n.get("role").asText()),
                n.get("displayName").asText(), AccountStatus.valueOf(n.get("status").asText()), text(n, "username"),
                text(n, "passwordHash"), text(n, "totpSecret"), n.path("lastTotpStep").asLong(), students,
                activation, n.path("failedSignIns").asInt(), text(n, "lockedUntil").map(Instant::parse),
                Instant.parse(n.get("createdAt").asText()));
    }

    private static Optional<String> text(JsonNode n, String field) {
        return n.hasNonNull(field) ? Optional.of(n.get(field).asText()) : Optional.empty();
    }
}
