package org.baton.ledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.baton.ledger.testing.LedgerFixtures.CSAC;
import static org.baton.ledger.testing.LedgerFixtures.DISTRICT;
import static org.baton.ledger.testing.LedgerFixtures.OTHER_DISTRICT;
import static org.baton.ledger.testing.LedgerFixtures.START;
import static org.baton.ledger.testing.LedgerFixtures.UNIVERSITY;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.baton.ledger.Acknowledged;
import org.baton.ledger.Acknowledgment;
import org.baton.ledger.Committed;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantRecord;
import org.baton.ledger.GrantorRole;
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
import org.baton.ledger.json.LedgerJson;
import org.baton.ledger.testing.LedgerFixtures;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code Submit} of accepted transactions: the exact keys and bytes written, the event, and the result. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SubmitTest {

    static final GrantId GRANT = GrantId.of("0123456789abcdef0123456789abcdef");
    static final ReceiptId RECEIPT = ReceiptId.of("fedcba9876543210fedcba9876543210");
    static final String HASH_A = "a".repeat(64);
    static final String HASH_B = "b".repeat(64);
    static final String HASH_C = "c".repeat(64);
    /** {@link Peer#FIRST_TIMESTAMP} in nanoseconds, 20 digits. */
    static final String FIRST_ORDER_TIME = "01772470800123456789";
    /** {@link Peer#FIRST_TIMESTAMP} truncated to the millisecond. */
    static final long FIRST_MILLIS = 1772470800123L;

    Peer peer;

    @BeforeEach
    void newChannel() {
        peer = new Peer();
    }

    static ConsentGrant grant() {
        return new ConsentGrant(GRANT, SubjectCommitment.ofHex(HASH_A), GrantorRole.STUDENT, DISTRICT, UNIVERSITY,
                Sources.named(DISTRICT, OTHER_DISTRICT), EnumSet.of(Scope.TRANSCRIPT, Scope.GPA), Purpose.ADMISSION,
                START, START.plus(Duration.ofDays(90)), Sha256.ofHex(HASH_B));
    }

    static ExchangeReceipt receipt() {
        return ExchangeReceipt.underGrant(RECEIPT, GRANT, OTHER_DISTRICT, UNIVERSITY, EnumSet.of(Scope.GPA),
                Sha256.ofHex(HASH_C), START.plusSeconds(30));
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The world state as text, for exact comparison. */
    static Map<String, String> texts(Map<String, byte[]> values) {
        Map<String, String> texts = new LinkedHashMap<>();
        values.forEach((key, value) -> texts.put(key, value == null ? null : text(value)));
        return texts;
    }

    static String txDocument(long committedAt, String fabricTx, TxId txId) {
        return "{\"committedAt\":" + committedAt + ",\"fabricTx\":\"" + fabricTx + "\",\"txId\":\"" + txId + "\"}";
    }

    /** {@code {"<baton tx id>":"<fabric tx id>",…}} in canonical (key) order. */
    static String fabricTxJson(Map<TxId, String> fabricTx) {
        return new TreeMap<>(fabricTx).entrySet().stream()
                .map(entry -> "\"" + entry.getKey() + "\":\"" + entry.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    static void assertEvent(ChaincodeEvent event, String name, String payload) {
        assertThat(event).isNotNull();
        assertThat(event.getEventName()).isEqualTo(name);
        assertThat(event.getPayload().toStringUtf8()).isEqualTo(payload);
    }

    @Nested
    class Creating_a_grant {

        @Test
        void writes_the_grant_document_the_transaction_document_and_one_index_entry_per_institution() {
            byte[] tx = Transactions.createGrant(grant());
            TxId txId = Transactions.id(tx);

            String result = peer.submit(DISTRICT, tx);

            String fabricTx = peer.last().getTxId();
            String order = FIRST_ORDER_TIME + "." + fabricTx;
            String created = "{\"committedAt\":" + FIRST_MILLIS + ",\"sequence\":1,\"txId\":\"" + txId + "\"}";
            String grantJson = "{\"attester\":\"19647330000000\",\"consentDocumentHash\":\"" + HASH_B + "\","
                    + "\"expiresAt\":1780246800000,\"grantor\":\"STUDENT\",\"id\":\"" + GRANT + "\","
                    + "\"issuedAt\":1772470800000,\"purpose\":\"ADMISSION\",\"recipient\":\"110662\","
                    + "\"scopes\":[\"GPA\",\"TRANSCRIPT\"],"
                    + "\"sources\":{\"everyInstitutionAttended\":false,"
                    + "\"named\":[\"01611920000000\",\"19647330000000\"]},"
                    + "\"subjectCommitment\":\"" + HASH_A + "\"}";
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("grant/" + GRANT, "{\"fabricTx\":{\"" + txId + "\":\"" + fabricTx + "\"},"
                    + "\"record\":{\"created\":" + created + ",\"grant\":" + grantJson + "}}");
            expected.put("ix/grant-inst/01611920000000/" + order + "/" + GRANT, "\u0001");
            expected.put("ix/grant-inst/110662/" + order + "/" + GRANT, "\u0001");
            expected.put("ix/grant-inst/19647330000000/" + order + "/" + GRANT, "\u0001");
            expected.put("tx/" + txId, txDocument(FIRST_MILLIS, fabricTx, txId));
            assertThat(texts(peer.last().writes())).containsExactlyEntriesOf(expected);
            assertThat(texts(peer.channel.state())).containsExactlyEntriesOf(expected);
            assertThat(result).isEqualTo(txDocument(FIRST_MILLIS, fabricTx, txId));
            assertEvent(peer.last().getEvent(), "GRANT_CREATED", "{\"committedAt\":" + FIRST_MILLIS + ",\"grant\":\""
                    + GRANT + "\",\"sequence\":1,\"submitter\":\"19647330000000\",\"txId\":\"" + txId
                    + "\",\"type\":\"GRANT_CREATED\"}");
        }

        @Test
        void indexes_a_grant_of_every_institution_attended_under_its_attester_and_recipient_only() {
            ConsentGrant grant = LedgerFixtures.grant(START).sources(Sources.everyInstitutionAttended()).build();

            peer.submit(DISTRICT, Transactions.createGrant(grant));

            String order = FIRST_ORDER_TIME + "." + peer.last().getTxId();
            assertThat(peer.last().writes().keySet()).filteredOn(key -> key.startsWith("ix/")).containsExactly(
                    "ix/grant-inst/110662/" + order + "/" + grant.id(),
                    "ix/grant-inst/19647330000000/" + order + "/" + grant.id());
        }

        @Test
        void indexes_an_attester_that_is_also_a_source_once() {
            ConsentGrant grant = LedgerFixtures.grant(START).sources(Sources.named(DISTRICT)).build();

            peer.submit(DISTRICT, Transactions.createGrant(grant));

            assertThat(peer.last().writes().keySet()).filteredOn(key -> key.startsWith("ix/")).hasSize(2)
                    .allMatch(key -> key.startsWith("ix/grant-inst/110662/")
                            || key.startsWith("ix/grant-inst/19647330000000/"));
        }

        @Test
        void evaluates_the_grant_at_the_fabric_transaction_time_not_the_clock() {
            ConsentGrant grant = LedgerFixtures.grant(Instant.parse("2031-01-01T00:00:00Z")).build();
            peer.setClock(Instant.parse("2031-01-01T00:00:00.000999999Z"));

            String result = peer.submit(DISTRICT, Transactions.createGrant(grant));

            assertThat(result).startsWith("{\"committedAt\":" + Instant.parse("2031-01-01T00:00:00Z").toEpochMilli()
                    + ",");
            assertThat(peer.last().writes().keySet()).filteredOn(key -> key.startsWith("ix/")).hasSize(2)
                    .allMatch(key -> key.contains("/01924992000000999999." + peer.last().getTxId() + "/"));
        }
    }

    @Nested
    class Revoking_a_grant {

        @Test
        void rewrites_the_grant_document_with_both_fabric_transactions_and_indexes_nothing() {
            byte[] create = Transactions.createGrant(grant());
            peer.submit(DISTRICT, create);
            String createdIn = peer.last().getTxId();
            byte[] revoke = Transactions.revokeGrant(DISTRICT, GRANT);
            TxId revokeId = Transactions.id(revoke);
            Instant revokedAt = peer.nextTimestamp();

            String result = peer.submit(DISTRICT, revoke);

            String revokedIn = peer.last().getTxId();
            long millis = revokedAt.toEpochMilli();
            GrantRecord record = new GrantRecord(grant(), new Committed(Transactions.id(create), 1,
                    Instant.ofEpochMilli(FIRST_MILLIS)), Optional.of(new Committed(revokeId, 1, revokedAt)));
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("grant/" + GRANT, "{\"fabricTx\":"
                    + fabricTxJson(Map.of(Transactions.id(create), createdIn, revokeId, revokedIn)) + ",\"record\":"
                    + text(LedgerJson.encodeGrantRecord(record)) + "}");
            expected.put("tx/" + revokeId, txDocument(millis, revokedIn, revokeId));
            assertThat(texts(peer.last().writes())).containsExactlyEntriesOf(expected);
            assertThat(result).isEqualTo(txDocument(millis, revokedIn, revokeId));
            assertEvent(peer.last().getEvent(), "GRANT_REVOKED", "{\"committedAt\":" + millis + ",\"grant\":\"" + GRANT
                    + "\",\"sequence\":1,\"submitter\":\"19647330000000\",\"txId\":\"" + revokeId
                    + "\",\"type\":\"GRANT_REVOKED\"}");
            assertThat(peer.channel.state().keySet()).filteredOn(key -> key.startsWith("ix/")).hasSize(3);
        }
    }

    @Nested
    class Recording_a_receipt {

        @Test
        void under_consent_writes_the_receipt_document_and_indexes_it_by_sender_recipient_and_grant() {
            peer.submit(DISTRICT, Transactions.createGrant(grant()));
            byte[] record = Transactions.recordReceipt(receipt());
            TxId txId = Transactions.id(record);
            Instant at = peer.nextTimestamp();

            String result = peer.submit(OTHER_DISTRICT, record);

            String fabricTx = peer.last().getTxId();
            String order = "01772470801123456789." + fabricTx;
            ReceiptRecord expectedRecord = new ReceiptRecord(receipt(), new Committed(txId, 1, at), Optional.empty());
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("ix/receipt-grant/" + GRANT + "/" + order + "/" + RECEIPT, "\u0001");
            expected.put("ix/receipt-inst/01611920000000/" + order + "/" + RECEIPT, "\u0001");
            expected.put("ix/receipt-inst/110662/" + order + "/" + RECEIPT, "\u0001");
            expected.put("receipt/" + RECEIPT, "{\"fabricTx\":{\"" + txId + "\":\"" + fabricTx + "\"},\"record\":"
                    + text(LedgerJson.encodeReceiptRecord(expectedRecord)) + "}");
            expected.put("tx/" + txId, txDocument(at.toEpochMilli(), fabricTx, txId));
            assertThat(texts(peer.last().writes())).containsExactlyEntriesOf(expected);
            assertThat(expected.get("receipt/" + RECEIPT)).contains("\"recorded\":{\"committedAt\":1772470801123,"
                    + "\"sequence\":1,\"txId\":\"" + txId + "\"}");
            assertThat(result).isEqualTo(txDocument(at.toEpochMilli(), fabricTx, txId));
            assertEvent(peer.last().getEvent(), "RECEIPT_RECORDED", "{\"committedAt\":1772470801123,\"grant\":\""
                    + GRANT + "\",\"receipt\":\"" + RECEIPT + "\",\"sequence\":1,\"submitter\":\"01611920000000\","
                    + "\"txId\":\"" + txId + "\",\"type\":\"RECEIPT_RECORDED\"}");
        }

        @Test
        void under_another_legal_basis_indexes_it_by_sender_and_recipient_only() {
            ExchangeReceipt upload = ExchangeReceipt.underBasis(RECEIPT, LegalBasis.CAL_GRANT_GPA_UPLOAD, DISTRICT,
                    CSAC, EnumSet.of(Scope.GPA), Sha256.ofHex(HASH_C), START);
            byte[] record = Transactions.recordReceipt(upload);

            peer.submit(DISTRICT, record);

            String order = FIRST_ORDER_TIME + "." + peer.last().getTxId();
            assertThat(peer.last().writes().keySet()).containsExactly(
                    "ix/receipt-inst/19647330000000/" + order + "/" + RECEIPT,
                    "ix/receipt-inst/CSAC/" + order + "/" + RECEIPT,
                    "receipt/" + RECEIPT,
                    "tx/" + Transactions.id(record));
            assertThat(peer.last().getEvent().getPayload().toStringUtf8()).doesNotContain("\"grant\"");
        }
    }

    @Nested
    class Acknowledging_a_receipt {

        byte[] recordTx;
        String recordedIn;
        Instant recordedAt;

        @BeforeEach
        void recorded() {
            peer.submit(DISTRICT, Transactions.createGrant(grant()));
            recordTx = Transactions.recordReceipt(receipt());
            recordedAt = peer.nextTimestamp();
            peer.submit(OTHER_DISTRICT, recordTx);
            recordedIn = peer.last().getTxId();
        }

        @Test
        void rewrites_the_receipt_document_with_the_acknowledgment_and_indexes_nothing() {
            Acknowledgment rejection = Acknowledgment.rejected(RECEIPT, RejectionReason.values()[0]);
            byte[] ack = Transactions.acknowledge(UNIVERSITY, rejection);
            TxId ackId = Transactions.id(ack);
            TxId recordId = Transactions.id(recordTx);
            Instant at = peer.nextTimestamp();

            String result = peer.submit(UNIVERSITY, ack);

            String ackIn = peer.last().getTxId();
            ReceiptRecord expectedRecord = new ReceiptRecord(receipt(), new Committed(recordId, 1, recordedAt),
                    Optional.of(new Acknowledged(rejection, new Committed(ackId, 1, at))));
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("receipt/" + RECEIPT, "{\"fabricTx\":"
                    + fabricTxJson(Map.of(recordId, recordedIn, ackId, ackIn)) + ",\"record\":"
                    + text(LedgerJson.encodeReceiptRecord(expectedRecord)) + "}");
            expected.put("tx/" + ackId, txDocument(at.toEpochMilli(), ackIn, ackId));
            assertThat(texts(peer.last().writes())).containsExactlyEntriesOf(expected);
            assertThat(expected.get("receipt/" + RECEIPT))
                    .contains("\"acknowledged\":{\"acknowledgment\":{\"reason\":\"" + RejectionReason.values()[0]
                            + "\",\"receipt\":\"" + RECEIPT + "\",\"verdict\":\"REJECTED\"}");
            assertThat(result).isEqualTo(txDocument(at.toEpochMilli(), ackIn, ackId));
            assertEvent(peer.last().getEvent(), "RECEIPT_ACKNOWLEDGED", "{\"acknowledgment\":{\"reason\":\""
                    + RejectionReason.values()[0] + "\",\"receipt\":\"" + RECEIPT + "\",\"verdict\":\"REJECTED\"},"
                    + "\"committedAt\":" + at.toEpochMilli()
                    + ",\"grant\":\"" + GRANT + "\",\"receipt\":\"" + RECEIPT + "\",\"sequence\":1,"
                    + "\"submitter\":\"110662\",\"txId\":\"" + ackId + "\",\"type\":\"RECEIPT_ACKNOWLEDGED\"}");
        }

        @Test
        void accepts_the_package_when_the_receipt_on_the_ledger_is_the_one_expected() {
            String result = peer.submit(UNIVERSITY, Transactions.accept(UNIVERSITY, receipt()));

            assertThat(result).contains("\"fabricTx\":\"" + peer.last().getTxId() + "\"");
            assertThat(text(peer.channel.value("receipt/" + RECEIPT)))
                    .contains("\"acknowledgment\":{\"receipt\":\"" + RECEIPT + "\",\"verdict\":\"ACCEPTED\"}");
        }
    }

    @Test
    void reads_the_submitter_from_the_client_identity_not_the_peer() {
        assertThat(peer.channel.state()).isEmpty();
        // The peer running the chaincode belongs to PeerOrgMSP, which names no institution: an accepted submission
        // shows the chaincode named the submitter by the client's MSP.
        peer.submit(DISTRICT, Transactions.createGrant(grant()));

        assertThat(peer.last().getMspId()).isEqualTo(InMemoryChannel.PEER_MSP_ID);
        assertThat(peer.channel.value("grant/" + GRANT)).isNotNull();
    }
}
