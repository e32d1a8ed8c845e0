package org.baton.node.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.baton.node.portal.accounts.AccountStore;
import org.baton.node.portal.accounts.Accounts;
import org.baton.node.portal.accounts.Role;
import org.baton.node.portal.session.SessionStore;
import org.baton.node.portal.student.StudentDirectory;
import org.baton.node.store.Column;
import org.baton.node.store.DataKey;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoreConfig;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.LocalId;
import org.baton.proto.v1.PersonName;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;
import org.baton.trust.InstitutionCredentials;
import org.baton.trust.PeerEndpoint;
import org.baton.trust.testing.TestPki;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The portal as a node runs it: the institution's TLS credentials from the consortium CA, accounts, sessions and
 * students in the node's record store. A browser that trusts the consortium CA connects without warnings.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PortalOnNodeCredentialsIT {

    @TempDir
    Path dir;

    @Test
    void serves_with_the_institution_certificate_and_keeps_accounts_in_the_record_store() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"), "Test consortium CA");
        InstitutionCredentials credentials = InstitutionCredentials.load(
                pki.issue("19647330000000", PeerEndpoint.parse("127.0.0.1:7443")));
        StoreConfig storeConfig = StoreConfig.of(dir.resolve("store"), DataKey.loadOrCreate(dir.resolve("data.key")))
                .withColumns(PortalServer.storeColumns().toArray(new Column<?, ?>[0]));
        try (RecordStore store = RecordStore.open(storeConfig)) {
            StudentId ana = store.writeStudents(java.util.List.of(StudentRecord.newBuilder().setStudent(Student
                    .newBuilder().setSsid("1234567890").addLocalIds(LocalId.newBuilder().setIssuer("19647330000000")
                            .setValue("S-1")).setLegalName(PersonName.newBuilder().setFirst("Ana").setLast("Martínez"))
                    .setBirthDate("2007-09-01").setGradeLevel(12)).build())).get(0);
            FakeBackends fakes = new FakeBackends(Clock.systemUTC());
            PortalBackends backends = new PortalBackends(AccountStore.inRecordStore(store),
                    SessionStore.inRecordStore(store), StudentDirectory.inRecordStore(store), fakes.readiness,
                    fakes.consent, fakes.registrar, fakes.audit);
            PortalConfig config = PortalConfig.defaults("127.0.0.1", 0, "Sierra Unified School District");
            try (PortalServer portal = new PortalServer(config, PortalTls.from(credentials), backends,
                    Clock.systemUTC()).start()) {
                Accounts.IssuedAccount issued = portal.accounts().issue(Role.STUDENT, "Ana", Set.of(ana));
                portal.accounts().activate(issued.activationCode(), "ana", PortalHarness.PASSWORD,
                        PortalHarness.PASSWORD);

                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                trust.setCertificateEntry("ca", credentials.caCertificate());
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(null, tmf.getTrustManagers(), null);
                HttpClient http = HttpClient.newBuilder().sslContext(tls).build();
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(
                        URI.create("https://127.0.0.1:" + portal.port() + "/sign-in")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.sslSession()).hasValueSatisfying(s ->
                        assertThat(s.getProtocol()).isIn("TLSv1.3", "TLSv1.2"));

                PortalClient.Response signedIn;
                PortalClient client = new PortalClient(portal.port(), tls);
                client.get("/sign-in");
                signedIn = client.post("/sign-in", java.util.Map.of("username", "ana",
                        "password", PortalHarness.PASSWORD));
                assertThat(signedIn.status()).isEqualTo(303);
                PortalClient.Response records = client.get("/students/" + ana + "/records");
                assertThat(records.status()).isEqualTo(200);
                assertThat(records.body()).contains("Records of Ana Martínez");
            }
            assertThat(AccountStore.inRecordStore(store).findByUsername("ana")).isPresent();
        }
    }
}
