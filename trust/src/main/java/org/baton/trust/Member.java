package org.baton.trust;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One member of the consortium, as listed in the signed consortium file.
 *
 * @param id the institution's id; its form matches {@code kind}
 * @param kind what the institution is
 * @param displayName human-readable name, e.g. "Sacramento City Unified"
 * @param endpoint where the institution's node accepts peers over mutual TLS
 * @param portalUrl the student portal of the institution's node, if it runs one
 * @param tlsCertificate SHA-256 fingerprint of the institution's TLS certificate (DER)
 * @param signingCertificate SHA-256 fingerprint of the institution's signing certificate (DER)
 * @param signingKey the institution's Ed25519 public key, certified by {@code signingCertificate}
 */
public record Member(
        InstitutionId id,
        InstitutionKind kind,
        String displayName,
        PeerEndpoint endpoint,
        Optional<URI> portalUrl,
        Fingerprint tlsCertificate,
        Fingerprint signingCertificate,
        VerifyingKey signingKey) {

    static final int MAX_DISPLAY_NAME_LENGTH = 200;

    public Member {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(portalUrl, "portalUrl");
        Objects.requireNonNull(tlsCertificate, "tlsCertificate");
        Objects.requireNonNull(signingCertificate, "signingCertificate");
        Objects.requireNonNull(signingKey, "signingKey");
        if (!kind.accepts(id)) {
            throw new IllegalArgumentException(
                    "institution id " + id + " is not valid for kind " + kind + ": expected " + kind.idDescription());
        }
        checkDisplayName(displayName);
        portalUrl.ifPresent(Member::checkPortalUrl);
    }

    /**
     * Builds the entry for the institution whose certificates are {@code credentials}.
     */
    public static Member of(InstitutionCredentials credentials, InstitutionKind kind, String displayName,
            PeerEndpoint endpoint, Optional<URI> portalUrl) {
        Objects.requireNonNull(credentials, "credentials");
        return new Member(credentials.institutionId(), kind, displayName, endpoint, portalUrl,
                Fingerprint.of(credentials.tlsCertificate()), Fingerprint.of(credentials.signingCertificate()),
                credentials.signingKey().publicKey());
    }

    static void checkDisplayName(String displayName) {
        if (displayName.isBlank()) {
            throw new IllegalArgumentException("display name is blank");
        }
        if (displayName.length() > MAX_DISPLAY_NAME_LENGTH) {
            throw new IllegalArgumentException(
                    "display name is longer than " + MAX_DISPLAY_NAME_LENGTH + " characters");
        }
        if (displayName.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("display name contains a control character");
        }
        if (!displayName.strip().equals(displayName)) {
            throw new IllegalArgumentException("display name starts or ends with white space");
        }
    }

    static void checkPortalUrl(URI url) {
        String scheme = url.getScheme();
        if (!url.isAbsolute() || !("https".equals(scheme) || "http".equals(scheme)) || url.getHost() == null) {
            throw new IllegalArgumentException("portal URL '" + url + "' is not an absolute http(s) URL with a host");
        }
    }
}
