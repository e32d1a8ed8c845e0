package org.baton.trust;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

final class MemberList implements Consortium {

    private final String name;
    private final long version;
    private final Instant issuedAt;
    private final List<Member> members;
    private final Map<InstitutionId, Member> byId;
    private final Map<Fingerprint, Member> byTlsCertificate;

    MemberList(String name, long version, Instant issuedAt, List<Member> members) {
        if (name.isBlank() || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("consortium name is blank or contains control characters");
        }
        if (version < 1) {
            throw new IllegalArgumentException("consortium version must be at least 1, got " + version);
        }
        if (members.isEmpty()) {
            throw new IllegalArgumentException("consortium has no members");
        }
        this.name = name;
        this.version = version;
        this.issuedAt = issuedAt.truncatedTo(ChronoUnit.SECONDS);
        this.members = members.stream().sorted(Comparator.comparing(Member::id)).toList();
        this.byId = index(this.members, Member::id, "institution id");
        this.byTlsCertificate = index(this.members, Member::tlsCertificate, "TLS certificate");
        index(this.members, Member::signingCertificate, "signing certificate");
        index(this.members, Member::signingKey, "signing key");
        index(this.members, Member::endpoint, "endpoint");
    }

    private static <K> Map<K, Member> index(List<Member> members, Function<Member, K> key, String what) {
        Map<K, Member> index = new HashMap<>();
        for (Member member : members) {
            Member previous = index.putIfAbsent(key.apply(member), member);
            if (previous != null) {
                throw new IllegalArgumentException("members " + previous.id() + " and " + member.id()
                        + " have the same " + what + " " + key.apply(member));
            }
        }
        return Map.copyOf(index);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    public Instant issuedAt() {
        return issuedAt;
    }

    @Override
    public List<Member> members() {
        return members;
    }

    @Override
    public Optional<Member> member(InstitutionId id) {
        Objects.requireNonNull(id, "id");
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Optional<Member> memberForTlsCertificate(X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        return Optional.ofNullable(byTlsCertificate.get(Fingerprint.of(certificate)));
    }

    @Override
    public String toString() {
        return "Consortium[" + name + " v" + version + ", " + members.size() + " members]";
    }
}
