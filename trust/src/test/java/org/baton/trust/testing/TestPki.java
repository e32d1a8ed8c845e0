package org.baton.trust.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.baton.trust.Consortium;
import org.baton.trust.ConsortiumCa;
import org.baton.trust.InstitutionCredentials;
import org.baton.trust.InstitutionId;
import org.baton.trust.InstitutionKind;
import org.baton.trust.Member;
import org.baton.trust.PeerEndpoint;
import org.baton.trust.Validity;

/**
 * Key material for tests, made through the same code {@code baton pki} uses: a consortium CA, institutions
 * issued by it, and signed consortium files, all written below one directory.
 */
public final class TestPki {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final ConsortiumCa ca;

    private TestPki(Path dir, ConsortiumCa ca) {
        this.dir = dir;
        this.ca = ca;
    }

    /** A new CA named {@code name}, valid from now for ten years, written into {@code dir/ca}. */
    public static TestPki create(Path dir, String name) {
        ConsortiumCa ca = ConsortiumCa.create(name, Validity.startingAt(Instant.now(), Duration.ofDays(3650)), RANDOM);
        try {
            ca.write(dir.resolve("ca"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestPki(dir, ca);
    }

    public ConsortiumCa ca() {
        return ca;
    }

    /** The CA certificate file ({@code ca/ca.pem}). */
    public Path caCertificateFile() {
        return dir.resolve("ca").resolve(ConsortiumCa.CERTIFICATE_FILE);
    }

    /** Issues credentials valid from now for a year and writes them into {@code dir/<id>}; returns that directory. */
    public Path issue(String id, PeerEndpoint endpoint) {
        return issue(id, endpoint, Validity.startingAt(Instant.now(), Duration.ofDays(365)), id);
    }

    /** Issues credentials with the given validity and writes them into {@code dir/<directoryName>}. */
    public Path issue(String id, PeerEndpoint endpoint, Validity validity, String directoryName) {
        InstitutionCredentials credentials = ca.issue(InstitutionId.of(id), endpoint, validity);
        Path target = dir.resolve(directoryName);
        try {
            credentials.write(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** The consortium entry for the credentials in {@code credentialsDir}. */
    public static Member member(Path credentialsDir, InstitutionKind kind, String displayName, PeerEndpoint endpoint) {
        return Member.of(InstitutionCredentials.load(credentialsDir), kind, displayName, endpoint, Optional.empty());
    }

    /** Signs a consortium file (version 1) listing {@code members} and writes it to {@code dir/fileName}. */
    public Path writeConsortium(String fileName, List<Member> members) {
        Path file = dir.resolve(fileName);
        try {
            ca.writeConsortium(Consortium.of("Test Consortium", 1, Instant.now(), members), file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
