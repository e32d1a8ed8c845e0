package org.baton.trust;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.baton.trust.testing.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Hostile consortium files: whatever the bytes, {@link Consortium#load} returns a validated member list or throws
 * {@link ConsortiumLoadException} with a reason, never anything else. The second target signs what it is given
 * with the test CA, so the fuzzer gets past the signature to the field validation.
 *
 * <p>Seeds: {@code src/test/resources/org/baton/trust/ConsortiumFileFuzzTestInputs/<method>/}. See
 * {@code docs/testing.md} for fuzzing longer.
 */
class ConsortiumFileFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path dir;
    private static X509Certificate caCertificate;
    private static PrivateKey caKey;

    @BeforeAll
    static void createCa() throws IOException {
        dir = Files.createTempDirectory("consortium-fuzz");
        TestPki pki = TestPki.create(dir, "Fuzz CA");
        caCertificate = pki.ca().certificate();
        caKey = Pem.readEcPrivateKey(dir.resolve("ca").resolve(ConsortiumCa.PRIVATE_KEY_FILE));
    }

    @AfterAll
    static void deleteCa() throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @FuzzTest(maxDuration = "2m")
    void any_file_loads_or_is_refused_with_a_reason(byte[] data) {
        loadOrRefuse(data);
    }

    @FuzzTest(maxDuration = "2m")
    void any_signed_member_list_loads_or_is_refused_with_a_reason(byte[] body) {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (IOException | RuntimeException e) {
            return; // not JSON: the first target covers unparsable files
        }
        if (tree == null) {
            return;
        }
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.set("consortium", tree);
        ObjectNode signature = document.putObject("signature");
        signature.put("algorithm", ConsortiumFile.SIGNATURE_ALGORITHM);
        signature.put("caCertificateSha256", Fingerprint.of(caCertificate).hex());
        signature.put("value", Base64.getEncoder().encodeToString(sign(ConsortiumFile.canonical(tree))));
        try {
            loadOrRefuse(JSON.writeValueAsBytes(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void loadOrRefuse(byte[] data) {
        Path file = dir.resolve("consortium.json");
        try {
            Files.write(file, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Consortium consortium = Consortium.load(file, caCertificate);
            assertThat(consortium.members()).isNotEmpty();
        } catch (ConsortiumLoadException e) {
            String prefix = "consortium file " + file + " refused: ";
            assertThat(e.getMessage()).startsWith(prefix);
            assertThat(e.getMessage().substring(prefix.length())).isNotBlank();
        }
    }

    private static byte[] sign(byte[] data) {
        try {
            Signature signer = Signature.getInstance(ConsortiumFile.SIGNATURE_ALGORITHM);
            signer.initSign(caKey);
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
