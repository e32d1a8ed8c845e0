package org.baton.ledger.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.baton.ledger.testing.LedgerFixtures;
import org.baton.trust.Consortium;
import org.baton.trust.InstitutionCredentials;
import org.baton.trust.InstitutionId;
import org.baton.trust.InstitutionKind;
import org.baton.trust.Member;
import org.baton.trust.PeerEndpoint;
import org.baton.trust.testing.TestPki;

/**
 * Credentials for every institution of {@link LedgerFixtures#MEMBERS} and a signed consortium file listing them,
 * issued once per test JVM by the same code {@code baton pki} uses. {@link LedgerFixtures#CDE} operates the
 * ledger.
 */
public final class LedgerPki {

    public static final InstitutionId OPERATOR = LedgerFixtures.CDE;
    private static LedgerPki shared;

    private final Path directory;
    private final Path consortiumFile;
    private final Path caCertificateFile;
    private final Consortium consortium;
    private final Map<InstitutionId, InstitutionCredentials> credentials;
    private final Map<InstitutionId, Path> credentialDirectories;

    private LedgerPki(Path directory, Path consortiumFile, Path caCertificateFile, Consortium consortium,
            Map<InstitutionId, InstitutionCredentials> credentials, Map<InstitutionId, Path> credentialDirectories) {
        this.directory = directory;
        this.consortiumFile = consortiumFile;
        this.caCertificateFile = caCertificateFile;
        this.consortium = consortium;
        this.credentials = credentials;
        this.credentialDirectories = credentialDirectories;
    }

    public static synchronized LedgerPki shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("ledger-pki");
                // Shared by every test of the JVM: removed when the JVM exits, not by any one test.
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir), "ledger-pki-cleanup"));
                shared = create(dir, LedgerFixtures.MEMBERS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Left in the temporary directory; nothing else depends on it.
        }
    }

    /** Issues credentials for {@code members} below {@code dir} and a consortium file listing them. */
    public static LedgerPki create(Path dir, List<InstitutionId> members) {
        TestPki pki = TestPki.create(dir, "Ledger Test CA");
        Map<InstitutionId, InstitutionCredentials> credentials = new LinkedHashMap<>();
        Map<InstitutionId, Path> directories = new LinkedHashMap<>();
        List<Member> entries = new ArrayList<>();
        int port = 17000;
        for (InstitutionId id : members) {
            PeerEndpoint endpoint = PeerEndpoint.parse("127.0.0.1:" + port++);
            Path credentialsDir = pki.issue(id.value(), endpoint);
            directories.put(id, credentialsDir);
            credentials.put(id, InstitutionCredentials.load(credentialsDir));
            entries.add(TestPki.member(credentialsDir, kindOf(id), "Test " + id, endpoint));
        }
        Path file = pki.writeConsortium("consortium.json", entries);
        Consortium consortium = Consortium.load(file, pki.ca().certificate());
        return new LedgerPki(dir, file, pki.caCertificateFile(), consortium, credentials, directories);
    }

    private static InstitutionKind kindOf(InstitutionId id) {
        if (id.value().length() == 14) {
            return InstitutionKind.K12_DISTRICT;
        }
        if (id.equals(LedgerFixtures.COLLEGE)) {
            return InstitutionKind.COMMUNITY_COLLEGE;
        }
        if (id.value().length() == 6) {
            return InstitutionKind.UC;
        }
        return InstitutionKind.valueOf(id.value());
    }

    public Path directory() {
        return directory;
    }

    public Consortium consortium() {
        return consortium;
    }

    public Path consortiumFile() {
        return consortiumFile;
    }

    /** The consortium CA certificate (PEM). */
    public Path caCertificateFile() {
        return caCertificateFile;
    }

    public InstitutionCredentials credentials(InstitutionId id) {
        InstitutionCredentials found = credentials.get(id);
        if (found == null) {
            throw new IllegalArgumentException("no test credentials for " + id);
        }
        return found;
    }

    public Path credentialsDirectory(InstitutionId id) {
        return credentialDirectories.get(id);
    }

    public InstitutionCredentials operator() {
        return credentials(OPERATOR);
    }

    public Member operatorMember() {
        return consortium.member(OPERATOR).orElseThrow();
    }
}
