package org.baton.ledger.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.baton.ledger.Acknowledgment;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantorRole;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.Purpose;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.RejectionReason;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.ledger.Sources;
import org.baton.ledger.SubjectCommitment;
import org.baton.ledger.json.CanonicalJson;
import org.baton.ledger.json.LedgerJson;
import org.baton.ledger.testing.LedgerFixtures;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TransactionCodecTest {

    private static final String NONCE = "00112233445566778899aabbccddeeff";
    private static final Instant CREATED = Instant.ofEpochMilli(1772470800000L);

    private static LedgerTransaction revoke() {
        return new LedgerTransaction(1, LedgerFixtures.DISTRICT, NONCE, CREATED,
                new TxBody.RevokeGrant(GrantId.of("0123456789abcdef0123456789abcdef")));
    }

    @Nested
    class Encoding {

        @Test
        void writes_exactly_these_bytes() {
            assertThat(new String(TransactionCodec.encode(revoke()), StandardCharsets.UTF_8)).isEqualTo(
                    "{\"body\":{\"grant\":\"0123456789abcdef0123456789abcdef\"},\"createdAt\":1772470800000,"
                    + "\"nonce\":\"00112233445566778899aabbccddeeff\",\"submitter\":\"19647330000000\","
                    + "\"type\":\"REVOKE_GRANT\",\"version\":1}");
        }

        @Test
        void writes_an_acceptance_with_the_digest_of_the_receipt_it_expects_after_the_acknowledgment() {
            ExchangeReceipt receipt = new ExchangeReceipt(ReceiptId.of("0123456789abcdef0123456789abcdef"),
                    LegalBasis.CAL_GRANT_GPA_UPLOAD, Optional.empty(), LedgerFixtures.DISTRICT, LedgerFixtures.CSAC,
                    EnumSet.of(Scope.GPA), Sha256.ofHex("c".repeat(64)), CREATED);
            String canonicalReceipt = "{\"basis\":\"CAL_GRANT_GPA_UPLOAD\",\"id\":\"0123456789abcdef0123456789abcdef\","
                    + "\"packageHash\":\"" + "c".repeat(64) + "\",\"recipient\":\"CSAC\",\"scopes\":[\"GPA\"],"
                    + "\"sender\":\"19647330000000\",\"sentAt\":1772470800000}";
            String digest = Sha256.hash(canonicalReceipt.getBytes(StandardCharsets.UTF_8)).hex();

            LedgerTransaction tx = new LedgerTransaction(1, LedgerFixtures.CSAC, NONCE, CREATED,
                    TxBody.AcknowledgeReceipt.accepting(receipt));

            assertThat(new String(TransactionCodec.encode(tx), StandardCharsets.UTF_8)).isEqualTo(
                    "{\"body\":{\"acknowledgment\":{\"receipt\":\"0123456789abcdef0123456789abcdef\","
                    + "\"verdict\":\"ACCEPTED\"},\"expectedReceipt\":\"" + digest + "\"},\"createdAt\":1772470800000,"
                    + "\"nonce\":\"00112233445566778899aabbccddeeff\",\"submitter\":\"CSAC\","
                    + "\"type\":\"ACKNOWLEDGE_RECEIPT\",\"version\":1}");
        }

        @Test
        void derives_the_id_from_the_bytes() {
            byte[] bytes = TransactionCodec.encode(revoke());

            assertThat(TransactionCodec.txId(bytes).value()).isEqualTo(Sha256.hash(bytes).hex());
        }

        @Test
        void gives_two_otherwise_equal_transactions_different_ids() {
            TxBody body = new TxBody.RevokeGrant(GrantId.random());
            byte[] first = TransactionCodec.encode(LedgerTransaction.create(LedgerFixtures.DISTRICT, body, CREATED));
            byte[] second = TransactionCodec.encode(LedgerTransaction.create(LedgerFixtures.DISTRICT, body, CREATED));

            assertThat(TransactionCodec.txId(first)).isNotEqualTo(TransactionCodec.txId(second));
        }

        @Test
        void prefixes_the_signed_bytes_with_a_context() {
            byte[] bytes = TransactionCodec.encode(revoke());

            assertThat(new String(TransactionCodec.signingPayload(bytes), StandardCharsets.UTF_8))
                    .isEqualTo("baton.ledger.tx.v1\n" + new String(bytes, StandardCharsets.UTF_8));
        }
    }

    @Nested
    class Decoding {

        @Test
        void reads_back_every_kind_of_transaction() {
            ConsentGrant grant = new ConsentGrant(GrantId.random(), SubjectCommitment.ofHex("a".repeat(64)),
                    GrantorRole.STUDENT, LedgerFixtures.DISTRICT, LedgerFixtures.UNIVERSITY,
                    Sources.everyInstitutionAttended(), EnumSet.of(Scope.GPA), Purpose.FINANCIAL_AID, CREATED,
                    CREATED.plusSeconds(3600), Sha256.ofHex("b".repeat(64)));
            ExchangeReceipt receipt = new ExchangeReceipt(ReceiptId.random(), LegalBasis.CAL_GRANT_GPA_UPLOAD,
                    Optional.empty(), LedgerFixtures.DISTRICT, LedgerFixtures.CSAC, EnumSet.of(Scope.GPA),
                    Sha256.ofHex("c".repeat(64)), CREATED);
            for (TxBody body : new TxBody[] {
                new TxBody.CreateGrant(grant),
                new TxBody.RevokeGrant(grant.id()),
                new TxBody.RecordReceipt(receipt),
                new TxBody.AcknowledgeReceipt(Acknowledgment.rejected(receipt.id(), RejectionReason.NOT_EXPECTED)),
                TxBody.AcknowledgeReceipt.accepting(receipt),
            }) {
                LedgerTransaction tx = LedgerTransaction.create(LedgerFixtures.CSAC, body, CREATED);

                assertThat(TransactionCodec.decode(TransactionCodec.encode(tx))).isEqualTo(tx);
                // The receipt reader takes its own kind and tells every other kind apart by its first bytes.
                assertThat(ReceiptTransactionReader.read(TransactionCodec.encode(tx)))
                        .isEqualTo(body instanceof TxBody.RecordReceipt ? tx : null);
            }
        }

        @Test
        void refuses_an_expected_receipt_on_a_rejection() {
            assertThatThrownBy(() -> new TxBody.AcknowledgeReceipt(
                    Acknowledgment.rejected(ReceiptId.random(), RejectionReason.OTHER),
                    Optional.of(Sha256.ofHex("d".repeat(64)))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("only an acceptance");
        }

        @Test
        void refuses_bytes_that_are_not_canonical() {
            String canonical = new String(TransactionCodec.encode(revoke()), StandardCharsets.UTF_8);
            byte[] spaced = canonical.replace(",", ", ").getBytes(StandardCharsets.UTF_8);

            assertThatThrownBy(() -> TransactionCodec.decode(spaced))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("transaction is not in canonical form");
        }

        @Test
        void refuses_unknown_fields() {
            String canonical = new String(TransactionCodec.encode(revoke()), StandardCharsets.UTF_8);
            byte[] extra = canonical.replace("\"version\":1}", "\"version\":1,\"x\":1}").getBytes(StandardCharsets.UTF_8);

            assertThatThrownBy(() -> TransactionCodec.decode(extra))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("transaction is not in canonical form");
        }

        @Test
        void refuses_an_unknown_type_or_version() {
            String canonical = new String(TransactionCodec.encode(revoke()), StandardCharsets.UTF_8);

            assertThatThrownBy(() -> TransactionCodec.decode(
                    canonical.replace("REVOKE_GRANT", "BURN").getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("$.type 'BURN' is not a known transaction type");
            assertThatThrownBy(() -> TransactionCodec.decode(
                    canonical.replace("\"version\":1", "\"version\":2").getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("transaction version 2 is not 1");
        }

        @Test
        void refuses_oversized_input() {
            assertThatThrownBy(() -> TransactionCodec.decode(new byte[TransactionCodec.MAX_BYTES + 1]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("transaction has 16385 bytes, over the limit of 16384");
        }
    }

    @Nested
    class A_receipt_transaction {

        private ExchangeReceipt underGrant() {
            return ExchangeReceipt.underGrant(ReceiptId.of("fedcba9876543210fedcba9876543210"),
                    GrantId.of("0123456789abcdef0123456789abcdef"), LedgerFixtures.DISTRICT, LedgerFixtures.UNIVERSITY,
                    EnumSet.of(Scope.TRANSCRIPT, Scope.GPA, Scope.AG_STATUS), Sha256.ofHex("c".repeat(64)), CREATED);
        }

        private LedgerTransaction tx(ExchangeReceipt receipt) {
            return new LedgerTransaction(1, LedgerFixtures.DISTRICT, NONCE, CREATED, new TxBody.RecordReceipt(receipt));
        }

        private String canonical() {
            return new String(TransactionCodec.encode(tx(underGrant())), StandardCharsets.UTF_8);
        }

        @Test
        void is_written_as_the_canonical_json_of_its_fields() {
            ExchangeReceipt underBasis = new ExchangeReceipt(ReceiptId.of("fedcba9876543210fedcba9876543210"),
                    LegalBasis.CAL_GRANT_GPA_UPLOAD, Optional.empty(), LedgerFixtures.DISTRICT, LedgerFixtures.CSAC,
                    EnumSet.of(Scope.GPA), Sha256.ofHex("c".repeat(64)), Instant.ofEpochMilli(0));
            for (ExchangeReceipt receipt : List.of(underGrant(), underBasis)) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("version", 1);
                fields.put("type", "RECORD_RECEIPT");
                fields.put("submitter", LedgerFixtures.DISTRICT.value());
                fields.put("nonce", NONCE);
                fields.put("createdAt", CREATED.toEpochMilli());
                fields.put("body", Map.of("receipt", LedgerJson.fields(receipt)));

                assertThat(new String(TransactionCodec.encode(tx(receipt)), StandardCharsets.UTF_8))
                        .isEqualTo(new String(CanonicalJson.write(fields), StandardCharsets.UTF_8));
                assertThat(TransactionCodec.decode(TransactionCodec.encode(tx(receipt)))).isEqualTo(tx(receipt));
                assertThat(ReceiptTransactionReader.read(TransactionCodec.encode(tx(receipt)))).isEqualTo(tx(receipt));
            }
        }

        @Test
        void is_refused_when_it_is_well_formed_but_not_canonical() {
            List<String> variants = List.of(
                    canonical().replace(",", ", "),
                    canonical().replace("[\"AG_STATUS\",\"GPA\"", "[\"GPA\",\"AG_STATUS\""),
                    canonical().replace("\"sender\":\"1", "\"sender\":\"\\u0031"),
                    canonical().replace("\"basis\":\"CONSENT\",", "\"basis\":\"CONSENT\",\"a\":1,"));
            for (String variant : variants) {
                assertThatThrownBy(() -> TransactionCodec.decode(variant.getBytes(StandardCharsets.UTF_8)))
                        .as(variant)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("transaction is not in canonical form");
            }
        }

        @Test
        void is_refused_when_it_is_not_well_formed() {
            List<String> variants = List.of(
                    canonical() + "}",
                    canonical().replace("\"version\":1}", "\"version\":01}"),
                    canonical().substring(0, canonical().length() - 1));
            for (String variant : variants) {
                assertThatThrownBy(() -> TransactionCodec.decode(variant.getBytes(StandardCharsets.UTF_8)))
                        .as(variant)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("not well-formed JSON");
            }
        }
    }
}
