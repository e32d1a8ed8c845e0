package org.baton.ledger.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.baton.ledger.Acknowledged;
import org.baton.ledger.Acknowledgment;
import org.baton.ledger.Committed;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.EventType;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantRecord;
import org.baton.ledger.GrantorRole;
import org.baton.ledger.LedgerEvent;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.Purpose;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.RejectionReason;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.ledger.Sources;
import org.baton.ledger.SubjectCommitment;
import org.baton.ledger.TxId;
import org.baton.ledger.testing.LedgerFixtures;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The exact bytes every backend stores: a change here is a change of the ledger's data format. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LedgerJsonTest {

    static final String HASH_A = "a".repeat(64);
    static final String HASH_B = "b".repeat(64);
    static final String HASH_C = "c".repeat(64);
    static final String TX_1 = "1".repeat(64);
    static final String TX_2 = "2".repeat(64);
    static final GrantId GRANT = GrantId.of("0123456789abcdef0123456789abcdef");
    static final ReceiptId RECEIPT = ReceiptId.of("fedcba9876543210fedcba9876543210");

    static ConsentGrant grant() {
        return new ConsentGrant(GRANT, SubjectCommitment.ofHex(HASH_A), GrantorRole.GUARDIAN,
                LedgerFixtures.DISTRICT, LedgerFixtures.UNIVERSITY,
                Sources.named(LedgerFixtures.OTHER_DISTRICT, LedgerFixtures.DISTRICT),
                EnumSet.of(Scope.TRANSCRIPT, Scope.AG_STATUS, Scope.ELIGIBILITY_FOSTER_YOUTH), Purpose.ADMISSION,
                Instant.ofEpochMilli(1772470800000L), Instant.ofEpochMilli(1780246800000L), Sha256.ofHex(HASH_B));
    }

    @Nested
    class A_grant_record {

        @Test
        void is_written_as_exactly_these_bytes() {
            GrantRecord record = new GrantRecord(grant(),
                    new Committed(TxId.of(TX_1), 7, Instant.ofEpochMilli(1772470801234L)),
                    Optional.of(new Committed(TxId.of(TX_2), 9, Instant.ofEpochMilli(1772470809999L))));

            assertThat(new String(LedgerJson.encodeGrantRecord(record), StandardCharsets.UTF_8)).isEqualTo(
                    "{\"created\":{\"committedAt\":1772470801234,\"sequence\":7,\"txId\":\"" + TX_1 + "\"},"
                    + "\"grant\":{\"attester\":\"19647330000000\",\"consentDocumentHash\":\"" + HASH_B + "\","
                    + "\"expiresAt\":1780246800000,\"grantor\":\"GUARDIAN\",\"id\":\"0123456789abcdef0123456789abcdef\","
                    + "\"issuedAt\":1772470800000,\"purpose\":\"ADMISSION\",\"recipient\":\"110662\","
                    + "\"scopes\":[\"AG_STATUS\",\"ELIGIBILITY_FOSTER_YOUTH\",\"TRANSCRIPT\"],"
                    + "\"sources\":{\"everyInstitutionAttended\":false,\"named\":[\"01611920000000\",\"19647330000000\"]},"
                    + "\"subjectCommitment\":\"" + HASH_A + "\"},"
                    + "\"revoked\":{\"committedAt\":1772470809999,\"sequence\":9,\"txId\":\"" + TX_2 + "\"}}");
        }

        @Test
        void reads_back_equal() {
            GrantRecord record = new GrantRecord(grant(),
                    new Committed(TxId.of(TX_1), 7, Instant.ofEpochMilli(1772470801234L)), Optional.empty());

            assertThat(LedgerJson.decodeGrantRecord(LedgerJson.encodeGrantRecord(record))).isEqualTo(record);
        }

        @Test
        void names_the_bad_field_when_it_cannot_be_read() {
            byte[] bad = new String(LedgerJson.encodeGrantRecord(new GrantRecord(grant(),
                    new Committed(TxId.of(TX_1), 7, Instant.ofEpochMilli(1)), Optional.empty())),
                    StandardCharsets.UTF_8).replace("\"GUARDIAN\"", "\"UNCLE\"").getBytes(StandardCharsets.UTF_8);

            assertThatThrownBy(() -> LedgerJson.decodeGrantRecord(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("$.grant.grantor is invalid");
        }
    }

    @Nested
    class A_receipt_record {

        @Test
        void is_written_as_exactly_these_bytes() {
            ExchangeReceipt receipt = ExchangeReceipt.underGrant(RECEIPT, GRANT, LedgerFixtures.DISTRICT,
                    LedgerFixtures.UNIVERSITY, Set.of(Scope.GPA, Scope.TRANSCRIPT), Sha256.ofHex(HASH_C),
                    Instant.ofEpochMilli(1772470900000L));
            ReceiptRecord record = new ReceiptRecord(receipt,
                    new Committed(TxId.of(TX_1), 10, Instant.ofEpochMilli(1772470900001L)),
                    Optional.of(new Acknowledged(Acknowledgment.rejected(RECEIPT, RejectionReason.SCOPE_MISMATCH),
                            new Committed(TxId.of(TX_2), 11, Instant.ofEpochMilli(1772470900002L)))));

            assertThat(new String(LedgerJson.encodeReceiptRecord(record), StandardCharsets.UTF_8)).isEqualTo(
                    "{\"acknowledged\":{\"acknowledgment\":{\"reason\":\"SCOPE_MISMATCH\","
                    + "\"receipt\":\"fedcba9876543210fedcba9876543210\",\"verdict\":\"REJECTED\"},"
                    + "\"committed\":{\"committedAt\":1772470900002,\"sequence\":11,\"txId\":\"" + TX_2 + "\"}},"
                    + "\"receipt\":{\"basis\":\"CONSENT\",\"grant\":\"0123456789abcdef0123456789abcdef\","
                    + "\"id\":\"fedcba9876543210fedcba9876543210\",\"packageHash\":\"" + HASH_C + "\","
                    + "\"recipient\":\"110662\",\"scopes\":[\"GPA\",\"TRANSCRIPT\"],\"sender\":\"19647330000000\","
                    + "\"sentAt\":1772470900000},"
                    + "\"recorded\":{\"committedAt\":1772470900001,\"sequence\":10,\"txId\":\"" + TX_1 + "\"}}");
            assertThat(LedgerJson.decodeReceiptRecord(LedgerJson.encodeReceiptRecord(record))).isEqualTo(record);
        }

        @Test
        void is_written_as_the_canonical_json_of_its_fields_in_every_shape() {
            Committed recorded = new Committed(TxId.of(TX_1), 10, Instant.ofEpochMilli(1772470900001L));
            Committed acked = new Committed(TxId.of(TX_2), 11, Instant.ofEpochMilli(1772470900002L));
            ExchangeReceipt underGrant = ExchangeReceipt.underGrant(RECEIPT, GRANT, LedgerFixtures.DISTRICT,
                    LedgerFixtures.UNIVERSITY, EnumSet.allOf(Scope.class), Sha256.ofHex(HASH_C),
                    Instant.ofEpochMilli(1772470900000L));
            ExchangeReceipt underBasis = ExchangeReceipt.underBasis(RECEIPT, LegalBasis.SEEKS_ENROLLMENT,
                    LedgerFixtures.DISTRICT, LedgerFixtures.OTHER_DISTRICT, Set.of(Scope.TRANSCRIPT),
                    Sha256.ofHex(HASH_A), Instant.ofEpochMilli(0));
            for (ExchangeReceipt receipt : List.of(underGrant, underBasis)) {
                for (Optional<Acknowledged> ack : List.of(Optional.<Acknowledged>empty(),
                        Optional.of(new Acknowledged(Acknowledgment.accepted(RECEIPT), acked)),
                        Optional.of(new Acknowledged(Acknowledgment.rejected(RECEIPT, RejectionReason.SCOPE_MISMATCH),
                                acked)))) {
                    ReceiptRecord record = new ReceiptRecord(receipt, recorded, ack);

                    assertThat(new String(LedgerJson.encodeReceiptRecord(record), StandardCharsets.UTF_8))
                            .isEqualTo(new String(CanonicalJson.write(LedgerJson.fields(record)), StandardCharsets.UTF_8));
                }
            }
        }
    }

    @Nested
    class An_event {

        @Test
        void is_written_as_exactly_these_bytes() {
            LedgerEvent event = new LedgerEvent(11, EventType.RECEIPT_ACKNOWLEDGED, TxId.of(TX_2),
                    Instant.ofEpochMilli(1772470900002L), LedgerFixtures.UNIVERSITY, Optional.of(GRANT),
                    Optional.of(RECEIPT));

            assertThat(new String(LedgerJson.encodeEvent(event), StandardCharsets.UTF_8)).isEqualTo(
                    "{\"committedAt\":1772470900002,\"grant\":\"0123456789abcdef0123456789abcdef\","
                    + "\"receipt\":\"fedcba9876543210fedcba9876543210\",\"sequence\":11,\"submitter\":\"110662\","
                    + "\"txId\":\"" + TX_2 + "\",\"type\":\"RECEIPT_ACKNOWLEDGED\"}");
            assertThat(LedgerJson.decodeEvent(LedgerJson.encodeEvent(event))).isEqualTo(event);
        }

        @Test
        void of_an_acknowledgment_carries_its_verdict_first() {
            LedgerEvent event = new LedgerEvent(11, EventType.RECEIPT_ACKNOWLEDGED, TxId.of(TX_2),
                    Instant.ofEpochMilli(1772470900002L), LedgerFixtures.UNIVERSITY, Optional.of(GRANT),
                    Optional.of(RECEIPT), Optional.of(Acknowledgment.rejected(RECEIPT, RejectionReason.SCOPE_MISMATCH)));

            assertThat(new String(LedgerJson.encodeEvent(event), StandardCharsets.UTF_8)).isEqualTo(
                    "{\"acknowledgment\":{\"reason\":\"SCOPE_MISMATCH\","
                    + "\"receipt\":\"fedcba9876543210fedcba9876543210\",\"verdict\":\"REJECTED\"},"
                    + "\"committedAt\":1772470900002,\"grant\":\"0123456789abcdef0123456789abcdef\","
                    + "\"receipt\":\"fedcba9876543210fedcba9876543210\",\"sequence\":11,\"submitter\":\"110662\","
                    + "\"txId\":\"" + TX_2 + "\",\"type\":\"RECEIPT_ACKNOWLEDGED\"}");
            assertThat(LedgerJson.decodeEvent(LedgerJson.encodeEvent(event))).isEqualTo(event);
        }

        @Test
        void carries_only_the_acknowledgment_of_its_own_receipt() {
            ReceiptId other = ReceiptId.of("0".repeat(32));
            assertThatThrownBy(() -> new LedgerEvent(11, EventType.RECEIPT_ACKNOWLEDGED, TxId.of(TX_2),
                    Instant.ofEpochMilli(5), LedgerFixtures.UNIVERSITY, Optional.of(GRANT), Optional.of(RECEIPT),
                    Optional.of(Acknowledgment.accepted(other))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("only the acknowledgment of the event's own receipt");
            assertThatThrownBy(() -> new LedgerEvent(3, EventType.RECEIPT_RECORDED, TxId.of(TX_1),
                    Instant.ofEpochMilli(7), LedgerFixtures.DISTRICT, Optional.empty(), Optional.of(RECEIPT),
                    Optional.of(Acknowledgment.accepted(RECEIPT))))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void is_written_as_the_canonical_json_of_its_fields_for_every_type() {
            List<LedgerEvent> events = List.of(
                    new LedgerEvent(1, EventType.GRANT_CREATED, TxId.of(TX_1), Instant.ofEpochMilli(5),
                            LedgerFixtures.DISTRICT, Optional.of(GRANT), Optional.empty()),
                    new LedgerEvent(2, EventType.GRANT_REVOKED, TxId.of(TX_2), Instant.ofEpochMilli(6),
                            LedgerFixtures.DISTRICT, Optional.of(GRANT), Optional.empty()),
                    new LedgerEvent(3, EventType.RECEIPT_RECORDED, TxId.of(TX_1), Instant.ofEpochMilli(7),
                            LedgerFixtures.DISTRICT, Optional.empty(), Optional.of(RECEIPT)),
                    new LedgerEvent(Long.MAX_VALUE, EventType.RECEIPT_RECORDED, TxId.of(TX_1), Instant.ofEpochMilli(8),
                            LedgerFixtures.DISTRICT, Optional.of(GRANT), Optional.of(RECEIPT)),
                    new LedgerEvent(4, EventType.RECEIPT_ACKNOWLEDGED, TxId.of(TX_2), Instant.ofEpochMilli(9),
                            LedgerFixtures.UNIVERSITY, Optional.empty(), Optional.of(RECEIPT),
                            Optional.of(Acknowledgment.accepted(RECEIPT))),
                    new LedgerEvent(5, EventType.RECEIPT_ACKNOWLEDGED, TxId.of(TX_2), Instant.ofEpochMilli(9),
                            LedgerFixtures.UNIVERSITY, Optional.of(GRANT), Optional.of(RECEIPT),
                            Optional.of(Acknowledgment.rejected(RECEIPT, RejectionReason.OTHER))));
            for (LedgerEvent event : events) {
                assertThat(new String(LedgerJson.encodeEvent(event), StandardCharsets.UTF_8))
                        .isEqualTo(new String(CanonicalJson.write(LedgerJson.fields(event)), StandardCharsets.UTF_8));
            }
        }
    }
}
