package org.baton.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConsortiumTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Validity YEAR = Validity.startingAt(Instant.now(), Duration.ofDays(365));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private ConsortiumCa ca;
    private InstitutionCredentials berkeley;
    private InstitutionCredentials sacramento;
    private Member berkeleyMember;
    private Member sacramentoMember;
    private Path file;

    @BeforeEach
    void sign() throws Exception {
        ca = ConsortiumCa.create("Test CA", YEAR, RANDOM);
        ca.write(dir.resolve("ca"));
        berkeley = ca.issue(InstitutionId.of("110635"), PeerEndpoint.parse("berkeley.example:7443"), YEAR);
        sacramento = ca.issue(InstitutionId.of("34674390000000"), PeerEndpoint.parse("127.0.0.1:7444"), YEAR);
        berkeleyMember = Member.of(berkeley, InstitutionKind.UC, "University of California-Berkeley",
                PeerEndpoint.parse("berkeley.example:7443"), Optional.of(URI.create("https://berkeley.example/")));
        sacramentoMember = Member.of(sacramento, InstitutionKind.K12_DISTRICT, "Sacramento City Unified",
                PeerEndpoint.parse("127.0.0.1:7444"), Optional.empty());
        file = dir.resolve("consortium.json");
        ca.writeConsortium(Consortium.of("California Baton Consortium", 3, Instant.parse("2026-02-01T10:00:00Z"),
                List.of(sacramentoMember, berkeleyMember)), file);
    }

    @Nested
    class Load {

        @Test
        void reads_back_every_member_and_field() {
            Consortium consortium = Consortium.load(file, ca.certificate());

            assertThat(consortium.name()).isEqualTo("California Baton Consortium");
            assertThat(consortium.version()).isEqualTo(3);
            assertThat(consortium.issuedAt()).isEqualTo(Instant.parse("2026-02-01T10:00:00Z"));
            assertThat(consortium.members()).containsExactly(berkeleyMember, sacramentoMember);
        }

        @Test
        void finds_members_by_id_and_by_tls_certificate() {
            Consortium consortium = Consortium.load(file, ca.certificate());

            assertThat(consortium.member(InstitutionId.of("110635"))).contains(berkeleyMember);
            assertThat(consortium.member(InstitutionId.of("110644"))).isEmpty();
            assertThat(consortium.memberForTlsCertificate(sacramento.tlsCertificate())).contains(sacramentoMember);
            assertThat(consortium.memberForTlsCertificate(sacramento.signingCertificate())).isEmpty();
        }

        @Test
        void refuses_a_file_altered_after_signing() throws Exception {
            Files.writeString(file, Files.readString(file).replace("Sacramento City Unified", "Sacramento City"));

            assertThatThrownBy(() -> Consortium.load(file, ca.certificate()))
                    .isInstanceOf(ConsortiumLoadException.class)
                    .hasMessageStartingWith("consortium file " + file + " refused: signature does not verify against "
                            + "the consortium CA CN=Test CA (SHA-256 ")
                    .hasMessageEndingWith("): the member list was altered after signing");
        }

        @Test
        void refuses_a_member_added_after_signing() throws Exception {
            ObjectNode document = (ObjectNode) JSON.readTree(file.toFile());
            ObjectNode copy = ((ObjectNode) document.get("consortium").get("members").get(0)).deepCopy();
            copy.put("institutionId", "110644");
            ((com.fasterxml.jackson.databind.node.ArrayNode) document.get("consortium").get("members")).add(copy);
            JSON.writeValue(file.toFile(), document);

            assertThatThrownBy(() -> Consortium.load(file, ca.certificate()))
                    .isInstanceOf(ConsortiumLoadException.class)
                    .hasMessageContaining("signature does not verify");
        }

        @Test
        void refuses_a_file_signed_by_another_ca() throws Exception {
            ConsortiumCa other = ConsortiumCa.create("Other CA", YEAR, RANDOM);
            Path otherFile = dir.resolve("other.json");
            other.writeConsortium(Consortium.of("Other", 1, Instant.now(), List.of(berkeleyMember)), otherFile);

            assertThatThrownBy(() -> Consortium.load(otherFile, ca.certificate()))
                    .isInstanceOf(ConsortiumLoadException.class)
                    .hasMessage("consortium file " + otherFile + " refused: signature.caCertificateSha256: the file "
                            + "was signed by the CA with SHA-256 " + Fingerprint.of(other.certificate())
                            + ", not by the configured consortium CA CN=Test CA (SHA-256 "
                            + Fingerprint.of(ca.certificate()) + ")");
        }

        @Test
        void refuses_another_cas_signature_claiming_to_be_ours() throws Exception {
            ConsortiumCa other = ConsortiumCa.create("Other CA", YEAR, RANDOM);
            Path otherFile = dir.resolve("other.json");
            other.writeConsortium(Consortium.of("Other", 1, Instant.now(), List.of(berkeleyMember)), otherFile);
            ObjectNode document = (ObjectNode) JSON.readTree(otherFile.toFile());
            ((ObjectNode) document.get("signature")).put("caCertificateSha256", Fingerprint.of(ca.certificate()).hex());
            JSON.writeValue(otherFile.toFile(), document);

            assertThatThrownBy(() -> Consortium.load(otherFile, ca.certificate()))
                    .isInstanceOf(ConsortiumLoadException.class)
                    .hasMessageEndingWith("the member list was altered after signing");
        }

        @Test
        void names_a_missing_file() {
            Path missing = dir.resolve("missing.json");

            assertThatThrownBy(() -> Consortium.load(missing, ca.certificate()))
                    .isInstanceOf(ConsortiumLoadException.class)
                    .hasMessage("consortium file " + missing + " refused: file does not exist");
        }

        @Test
        void refuses_malformed_json() throws Exception {
            Files.writeString(file, "{\"consortium\": ");

            assertThatThrownBy(() -> Consortium.load(file, ca.certificate()))
                    .isInstanceOf(ConsortiumLoadException.class)
                    .hasMessageStartingWith("consortium file " + file + " refused: not valid JSON: ");
        }

        @Test
        void refuses_duplicate_keys_which_would_make_the_signed_content_ambiguous() throws Exception {
            String text = Files.readString(file);
            Files.writeString(file, text.replaceFirst("\"name\"", "\"name\" : \"Evil\", \"name\""));

            assertThatThrownBy(() -> Consortium.load(file, ca.certificate()))
                    .isInstanceOf(ConsortiumLoadException.class)
                    .hasMessageContaining("not valid JSON: Duplicate field 'name'");
        }

        @Test
        void refuses_a_missing_signature() throws Exception {
            ObjectNode document = (ObjectNode) JSON.readTree(file.toFile());
            document.remove("signature");
            JSON.writeValue(file.toFile(), document);

            assertThatThrownBy(() -> Consortium.load(file, ca.certificate()))
                    .isInstanceOf(ConsortiumLoadException.class)
                    .hasMessage("consortium file " + file + " refused: signature: is missing");
        }
    }

    /** Files correctly signed by the CA whose content is invalid: every error names the field. */
    @Nested
    class Validation {

        @Test
        void names_an_invalid_institution_id() throws Exception {
            resign(body -> member(body, 0).put("institutionId", "12345"));

            assertRefused("consortium.members[0].institutionId: institution id '12345' is not a 14-digit CDS code, "
                    + "a 6-digit IPEDS id, CSAC or CDE");
        }

        @Test
        void names_an_unknown_kind() throws Exception {
            resign(body -> member(body, 1).put("kind", "PRIVATE"));

            assertRefused("consortium.members[1].kind: 'PRIVATE' is not one of K12_DISTRICT, COMMUNITY_COLLEGE, CSU, "
                    + "UC, CSAC, CDE");
        }

        @Test
        void names_an_id_that_does_not_fit_the_kind() throws Exception {
            resign(body -> member(body, 0).put("kind", "K12_DISTRICT"));

            assertRefused("consortium.members[0].institutionId: '110635' is not valid for kind K12_DISTRICT: "
                    + "expected a 14-digit CDS code");
        }

        @Test
        void names_a_bad_endpoint() throws Exception {
            resign(body -> member(body, 1).put("endpoint", "127.0.0.1"));

            assertRefused("consortium.members[1].endpoint: endpoint '127.0.0.1' is not host:port");
        }

        @Test
        void names_a_bad_fingerprint() throws Exception {
            resign(body -> member(body, 1).put("tlsCertificateSha256", "00"));

            assertRefused("consortium.members[1].tlsCertificateSha256: fingerprint '00' is not 64 lowercase hex "
                    + "digits (SHA-256)");
        }

        @Test
        void names_a_bad_portal_url() throws Exception {
            resign(body -> member(body, 0).put("portalUrl", "ftp://berkeley.example/"));

            assertRefused("consortium.members[0].portalUrl: portal URL 'ftp://berkeley.example/' is not an absolute "
                    + "http(s) URL with a host");
        }

        @Test
        void names_a_blank_display_name() throws Exception {
            resign(body -> member(body, 0).put("displayName", " "));

            assertRefused("consortium.members[0].displayName: display name is blank");
        }

        @Test
        void names_a_missing_field() throws Exception {
            resign(body -> member(body, 1).remove("signingPublicKey"));

            assertRefused("consortium.members[1].signingPublicKey: is missing");
        }

        @Test
        void names_an_unknown_field() throws Exception {
            resign(body -> member(body, 1).put("role", "admin"));

            assertRefused("consortium.members[1]: unknown field 'role' (expected [displayName, endpoint, institutionId,"
                    + " kind, portalUrl, signingCertificateSha256, signingPublicKey, tlsCertificateSha256])");
        }

        @Test
        void names_a_version_that_is_not_a_positive_whole_number() throws Exception {
            resign(body -> body.put("version", 0));

            assertRefused("consortium.version: '0' is not a whole number of at least 1");
        }

        @Test
        void names_an_unparseable_issue_time() throws Exception {
            resign(body -> body.put("issuedAt", "yesterday"));

            assertRefused("consortium.issuedAt: Text 'yesterday' could not be parsed at index 0");
        }

        @Test
        void refuses_two_members_with_the_same_id() throws Exception {
            resign(body -> ((com.fasterxml.jackson.databind.node.ArrayNode) body.get("members"))
                    .add(member(body, 0).deepCopy().put("endpoint", "other.example:1")));

            assertRefused("consortium: members 110635 and 110635 have the same institution id 110635");
        }

        private ObjectNode member(ObjectNode body, int index) {
            return (ObjectNode) body.get("members").get(index);
        }

        private void resign(Consumer<ObjectNode> change) throws Exception {
            ObjectNode document = (ObjectNode) JSON.readTree(file.toFile());
            ObjectNode body = (ObjectNode) document.get("consortium");
            change.accept(body);
            PrivateKey key = Pem.readEcPrivateKey(dir.resolve("ca").resolve("ca.key.pem"));
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key);
            signer.update(ConsortiumFile.canonical(body));
            ((ObjectNode) document.get("signature")).put("value", Base64.getEncoder().encodeToString(signer.sign()));
            Files.writeString(file, JSON.writeValueAsString(document), StandardCharsets.UTF_8);
        }

        private void assertRefused(String reason) {
            assertThatThrownBy(() -> Consortium.load(file, ca.certificate()))
                    .isInstanceOf(ConsortiumLoadException.class)
                    .hasMessage("consortium file " + file + " refused: " + reason);
        }
    }

    @Nested
    class Write {

        @Test
        void refuses_to_overwrite_a_file() {
            assertThatThrownBy(() -> ca.writeConsortium(Consortium.load(file, ca.certificate()), file))
                    .isInstanceOf(FileAlreadyExistsException.class)
                    .hasMessageContaining("refusing to overwrite a consortium file");
        }

        @Test
        void signs_keys_in_sorted_order_so_field_order_in_the_file_does_not_matter() throws Exception {
            ObjectNode document = (ObjectNode) JSON.readTree(file.toFile());
            ObjectNode body = (ObjectNode) document.get("consortium");
            ObjectNode reordered = JSON.createObjectNode();
            reordered.set("members", body.get("members"));
            reordered.set("version", body.get("version"));
            reordered.set("name", body.get("name"));
            reordered.set("issuedAt", body.get("issuedAt"));
            reordered.set("format", body.get("format"));
            document.set("consortium", reordered);
            JSON.writeValue(file.toFile(), document);

            assertThat(Consortium.load(file, ca.certificate()).members()).hasSize(2);
        }

        @Test
        void refuses_two_members_sharing_an_endpoint() {
            Member clash = new Member(sacramentoMember.id(), sacramentoMember.kind(), sacramentoMember.displayName(),
                    berkeleyMember.endpoint(), Optional.empty(), sacramentoMember.tlsCertificate(),
                    sacramentoMember.signingCertificate(), sacramentoMember.signingKey());

            assertThatThrownBy(() -> Consortium.of("C", 1, Instant.now(), List.of(berkeleyMember, clash)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("members 110635 and 34674390000000 have the same endpoint berkeley.example:7443");
        }

        @Test
        void refuses_an_empty_member_list() {
            assertThatThrownBy(() -> Consortium.of("C", 1, Instant.now(), List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("consortium has no members");
        }
    }
}
