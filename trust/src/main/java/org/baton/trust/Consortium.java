package org.baton.trust;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The members of a Baton consortium, as listed by the consortium file that the consortium CA signs
 * ({@code baton pki consortium}). Nodes load it at start and accept only peers listed in it.
 *
 * <p>The file is JSON: an object {@code consortium} (format, name, version, issuedAt, members) and an object
 * {@code signature} (algorithm {@code SHA256withECDSA}, {@code caCertificateSha256}, base64 {@code value}). The
 * signature covers the canonical form of {@code consortium}: keys sorted, no white space, UTF-8.
 */
public interface Consortium {

    /** Name of the consortium, e.g. "California Baton Consortium". */
    String name();

    /** Version of this member list; a newer file has a higher version. At least 1. */
    long version();

    /** When the CA signed this member list. */
    Instant issuedAt();

    /** Every member, ordered by institution id. Never empty. */
    List<Member> members();

    /** The member with this id, if listed. */
    Optional<Member> member(InstitutionId id);

    /** The member whose TLS certificate this is (by SHA-256 fingerprint of its DER encoding), if listed. */
    Optional<Member> memberForTlsCertificate(X509Certificate certificate);

    /**
     * A member list in memory, e.g. to be signed by {@link ConsortiumCa#writeConsortium(Consortium, Path)}.
     *
     * @throws IllegalArgumentException if the name is blank, the version below 1, the list empty, or two members
     *     share an id, a certificate, a signing key or an endpoint
     */
    static Consortium of(String name, long version, Instant issuedAt, List<Member> members) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(members, "members");
        return new MemberList(name, version, issuedAt, members);
    }

    /**
     * Loads {@code file}, verifies its signature against {@code caCertificate} and validates every field.
     *
     * @throws ConsortiumLoadException naming the file and, for an invalid field, the field
     */
    static Consortium load(Path file, X509Certificate caCertificate) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(caCertificate, "caCertificate");
        return ConsortiumFile.read(file, caCertificate);
    }
}
