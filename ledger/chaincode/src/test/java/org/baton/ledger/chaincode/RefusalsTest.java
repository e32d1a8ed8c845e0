package org.baton.ledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.baton.ledger.testing.LedgerFixtures.COLLEGE;
import static org.baton.ledger.testing.LedgerFixtures.CSAC;
import static org.baton.ledger.testing.LedgerFixtures.DISTRICT;
import static org.baton.ledger.testing.LedgerFixtures.OTHER_DISTRICT;
import static org.baton.ledger.testing.LedgerFixtures.UNIVERSITY;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.baton.ledger.Acknowledgment;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.GrantId;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.RefusalReason;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.ledger.Sources;
import org.baton.ledger.testing.LedgerFixtures;
import org.baton.ledger.tx.TransactionCodec;
import org.baton.trust.InstitutionId;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code Submit} of refused transactions: each refusal is a {@link ChaincodeException} with message
 * {@code <REASON>: <detail>} and payload {@code <REASON>}, and nothing is written or committed.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RefusalsTest {

    static final Instant NOW = Peer.FIRST_TIMESTAMP;

    Peer peer;

    @BeforeEach
    void newChannel() {
        peer = new Peer();
    }

    /** One refused submission: what is on the ledger before it, and the submission itself. */
    record Scenario(RefusalReason reason, String description, Function<Peer, Submitted> refused) {
        @Override
        public String toString() {
            return reason + " (" + description + ")";
        }
    }

    /** A submission: by a client of {@code mspId}, these bytes. */
    record Submitted(String mspId, byte[] transaction) {
        static Submitted by(InstitutionId institution, byte[] transaction) {
            return new Submitted(Peer.msp(institution), transaction);
        }
    }

    static ConsentGrant grant() {
        return LedgerFixtures.grant(NOW).sources(Sources.named(DISTRICT, OTHER_DISTRICT)).build();
    }

    static ExchangeReceipt receiptUnder(ConsentGrant grant, InstitutionId sender, InstitutionId recipient,
            Set<Scope> scopes) {
        return ExchangeReceipt.underGrant(ReceiptId.random(), grant.id(), sender, recipient, scopes,
                LedgerFixtures.hashOf("package"), NOW);
    }

    static ExchangeReceipt receiptUnder(ConsentGrant grant) {
        return receiptUnder(grant, DISTRICT, UNIVERSITY, EnumSet.of(Scope.GPA));
    }

    /** Creates {@code grant} on the ledger, and returns it. */
    static ConsentGrant created(Peer peer, ConsentGrant grant) {
        peer.submit(grant.attester(), Transactions.createGrant(grant));
        return grant;
    }

    /** Records {@code receipt} on the ledger, and returns it. */
    static ExchangeReceipt recorded(Peer peer, ExchangeReceipt receipt) {
        peer.submit(receipt.sender(), Transactions.recordReceipt(receipt));
        return receipt;
    }

    static Stream<Scenario> scenarios() {
        return Stream.of(
                new Scenario(RefusalReason.MALFORMED_TRANSACTION, "not JSON",
                        peer -> new Submitted(Peer.msp(DISTRICT),
                                "not a transaction".getBytes(StandardCharsets.UTF_8))),
                new Scenario(RefusalReason.UNKNOWN_SUBMITTER, "the orderer's MSP",
                        peer -> new Submitted("OrdererMSP", Transactions.createGrant(grant()))),
                new Scenario(RefusalReason.SUBMITTER_NOT_CALLER, "a district's grant submitted by the university",
                        peer -> Submitted.by(UNIVERSITY, Transactions.createGrant(grant()))),
                new Scenario(RefusalReason.DUPLICATE_TRANSACTION, "the same bytes again", peer -> {
                    byte[] create = Transactions.createGrant(grant());
                    peer.submit(DISTRICT, create);
                    return Submitted.by(DISTRICT, create);
                }),
                new Scenario(RefusalReason.NOT_ATTESTER, "a grant created by its recipient",
                        peer -> Submitted.by(UNIVERSITY, Transactions.createGrant(UNIVERSITY, grant()))),
                new Scenario(RefusalReason.GRANT_ALREADY_EXISTS, "a second grant with the same id", peer -> {
                    ConsentGrant grant = created(peer, grant());
                    return Submitted.by(DISTRICT, Transactions.createGrant(grant));
                }),
                new Scenario(RefusalReason.GRANT_ISSUED_IN_FUTURE, "issued six minutes after the transaction time",
                        peer -> Submitted.by(DISTRICT, Transactions.createGrant(LedgerFixtures.grant(
                                peer.nextTimestamp().plus(Duration.ofMinutes(6))).build()))),
                new Scenario(RefusalReason.GRANT_ALREADY_EXPIRED, "expired a millisecond before the transaction time",
                        peer -> Submitted.by(DISTRICT, Transactions.createGrant(
                                LedgerFixtures.grant(NOW.minusSeconds(60))
                                        .expiresAt(peer.nextTimestamp().minusMillis(1)).build()))),
                new Scenario(RefusalReason.GRANT_NOT_FOUND, "a revocation of no grant",
                        peer -> Submitted.by(DISTRICT, Transactions.revokeGrant(DISTRICT, GrantId.random()))),
                new Scenario(RefusalReason.GRANT_REVOKED, "a second revocation", peer -> {
                    ConsentGrant grant = created(peer, grant());
                    peer.submit(DISTRICT, Transactions.revokeGrant(DISTRICT, grant.id()));
                    return Submitted.by(DISTRICT, Transactions.revokeGrant(DISTRICT, grant.id()));
                }),
                new Scenario(RefusalReason.GRANT_EXPIRED, "a receipt after the grant expired", peer -> {
                    ConsentGrant grant = created(peer,
                            LedgerFixtures.grant(NOW).expiresAt(NOW.plusSeconds(10)).build());
                    peer.setClock(NOW.plusSeconds(10));
                    return Submitted.by(DISTRICT, Transactions.recordReceipt(receiptUnder(grant)));
                }),
                new Scenario(RefusalReason.GRANT_NOT_YET_VALID, "a receipt before the grant is issued", peer -> {
                    ConsentGrant grant = created(peer, LedgerFixtures.grant(NOW.plus(Duration.ofMinutes(4))).build());
                    return Submitted.by(DISTRICT, Transactions.recordReceipt(receiptUnder(grant)));
                }),
                new Scenario(RefusalReason.RECEIPT_ALREADY_EXISTS, "a second receipt with the same id", peer -> {
                    ExchangeReceipt receipt = recorded(peer, receiptUnder(created(peer, grant())));
                    return Submitted.by(DISTRICT, Transactions.recordReceipt(receipt));
                }),
                new Scenario(RefusalReason.NOT_SENDER, "a receipt recorded by its recipient", peer -> {
                    ExchangeReceipt receipt = receiptUnder(created(peer, grant()));
                    return Submitted.by(UNIVERSITY, Transactions.recordReceipt(UNIVERSITY, receipt));
                }),
                new Scenario(RefusalReason.SENDER_NOT_A_SOURCE, "a receipt from an institution the grant does not name",
                        peer -> Submitted.by(COLLEGE, Transactions.recordReceipt(
                                receiptUnder(created(peer, grant()), COLLEGE, UNIVERSITY, EnumSet.of(Scope.GPA))))),
                new Scenario(RefusalReason.RECIPIENT_NOT_GRANTED, "a receipt to another recipient",
                        peer -> Submitted.by(DISTRICT, Transactions.recordReceipt(
                                receiptUnder(created(peer, grant()), DISTRICT, COLLEGE, EnumSet.of(Scope.GPA))))),
                new Scenario(RefusalReason.SCOPE_NOT_GRANTED, "a receipt with a scope the grant lacks",
                        peer -> Submitted.by(DISTRICT, Transactions.recordReceipt(receiptUnder(created(peer, grant()),
                                DISTRICT, UNIVERSITY, EnumSet.of(Scope.GPA, Scope.AWARDS))))),
                new Scenario(RefusalReason.BASIS_NOT_APPLICABLE, "a Cal Grant upload by a college",
                        peer -> Submitted.by(COLLEGE, Transactions.recordReceipt(ExchangeReceipt.underBasis(
                                ReceiptId.random(), LegalBasis.CAL_GRANT_GPA_UPLOAD, COLLEGE, CSAC,
                                EnumSet.of(Scope.GPA), LedgerFixtures.hashOf("package"), NOW)))),
                new Scenario(RefusalReason.RECEIPT_NOT_FOUND, "an acknowledgment of no receipt",
                        peer -> Submitted.by(UNIVERSITY, Transactions.acknowledge(UNIVERSITY,
                                Acknowledgment.accepted(ReceiptId.random())))),
                new Scenario(RefusalReason.NOT_RECIPIENT, "an acknowledgment by the sender", peer -> {
                    ExchangeReceipt receipt = recorded(peer, receiptUnder(created(peer, grant())));
                    return Submitted.by(DISTRICT, Transactions.acknowledge(DISTRICT,
                            Acknowledgment.accepted(receipt.id())));
                }),
                new Scenario(RefusalReason.ALREADY_ACKNOWLEDGED, "a second acknowledgment", peer -> {
                    ExchangeReceipt receipt = recorded(peer, receiptUnder(created(peer, grant())));
                    peer.submit(UNIVERSITY,
                            Transactions.acknowledge(UNIVERSITY, Acknowledgment.accepted(receipt.id())));
                    return Submitted.by(UNIVERSITY, Transactions.accept(UNIVERSITY, receipt));
                }),
                new Scenario(RefusalReason.RECEIPT_MISMATCH, "an acceptance of another package", peer -> {
                    ExchangeReceipt receipt = recorded(peer, receiptUnder(created(peer, grant())));
                    ExchangeReceipt other = ExchangeReceipt.underGrant(receipt.id(), receipt.grant().orElseThrow(),
                            receipt.sender(), receipt.recipient(), receipt.scopes(),
                            LedgerFixtures.hashOf("another package"), receipt.sentAt());
                    return Submitted.by(UNIVERSITY, Transactions.accept(UNIVERSITY, other));
                }));
    }

    /** Submits {@code submitted} and returns the refusal, checking that nothing was written or committed. */
    ChaincodeException refusalOf(Submitted submitted) {
        Map<String, byte[]> before = new HashMap<>(peer.channel.state());
        int events = peer.channel.events().size();
        ChaincodeException refusal = catchThrowableOfType(ChaincodeException.class,
                () -> peer.submit(submitted.mspId(), submitted.transaction()));
        assertThat(refusal).as("a refusal").isNotNull();
        assertThat(peer.last().writes()).as("writes of the refused proposal").isEmpty();
        assertThat(peer.last().getEvent()).as("event of the refused proposal").isNull();
        assertThat(peer.channel.state()).as("world state").containsOnlyKeys(before.keySet())
                .allSatisfy((key, value) -> assertThat(value).isEqualTo(before.get(key)));
        assertThat(peer.channel.events()).hasSize(events);
        return refusal;
    }

    static String payload(ChaincodeException e) {
        return new String(e.getPayload(), StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void refuses_with_the_reason_as_message_prefix_and_payload_and_writes_nothing(Scenario scenario) {
        Submitted submitted = scenario.refused().apply(peer);

        ChaincodeException refusal = refusalOf(submitted);

        assertThat(refusal.getMessage()).startsWith(scenario.reason().name() + ": ");
        assertThat(refusal.getMessage().length()).isGreaterThan(scenario.reason().name().length() + 2);
        assertThat(payload(refusal)).isEqualTo(scenario.reason().name());
    }

    @Test
    void every_refusal_but_a_bad_signature_has_a_scenario() {
        // Fabric authenticates the client's signature on the proposal; the chaincode never refuses BAD_SIGNATURE.
        assertThat(scenarios().map(Scenario::reason).collect(Collectors.toSet()))
                .isEqualTo(EnumSet.complementOf(EnumSet.of(RefusalReason.BAD_SIGNATURE)));
    }

    @Nested
    class The_submitter {

        @Test
        void is_unknown_when_the_client_msp_names_no_institution() {
            byte[] create = Transactions.createGrant(grant());

            ChaincodeException refusal = refusalOf(new Submitted("CSAC", create));

            assertThat(refusal.getMessage()).isEqualTo("UNKNOWN_SUBMITTER: the client of transaction "
                    + Transactions.id(create) + " belongs to MSP CSAC, which names no institution");
            assertThat(payload(refusal)).isEqualTo("UNKNOWN_SUBMITTER");
        }

        @Test
        void must_be_the_institution_the_transaction_is_signed_for() {
            byte[] create = Transactions.createGrant(grant());

            ChaincodeException refusal = refusalOf(Submitted.by(OTHER_DISTRICT, create));

            assertThat(refusal.getMessage()).isEqualTo("SUBMITTER_NOT_CALLER: transaction " + Transactions.id(create)
                    + " is submitted for 19647330000000 by a client of 01611920000000");
        }

        @Test
        void is_checked_after_the_transaction_is_read() {
            ChaincodeException refusal = refusalOf(new Submitted("OrdererMSP", new byte[] {'{'}));

            assertThat(payload(refusal)).isEqualTo("MALFORMED_TRANSACTION");
        }
    }

    @Nested
    class A_replay {

        @Test
        void of_the_same_bytes_is_a_duplicate_even_when_its_rules_would_pass_again() {
            byte[] revoke = Transactions.revokeGrant(DISTRICT, created(peer, grant()).id());
            peer.submit(DISTRICT, revoke);

            ChaincodeException refusal = refusalOf(Submitted.by(DISTRICT, revoke));

            assertThat(refusal.getMessage()).isEqualTo("DUPLICATE_TRANSACTION: transaction " + Transactions.id(revoke)
                    + " is already on the ledger");
            assertThat(payload(refusal)).isEqualTo("DUPLICATE_TRANSACTION");
        }

        @Test
        void of_a_refused_transaction_is_decided_again() {
            ConsentGrant grant = LedgerFixtures.grant(NOW.plus(Duration.ofMinutes(6))).build();
            byte[] create = Transactions.createGrant(grant);
            assertThat(payload(refusalOf(Submitted.by(DISTRICT, create)))).isEqualTo("GRANT_ISSUED_IN_FUTURE");
            peer.setClock(NOW.plus(Duration.ofMinutes(2)));

            peer.submit(DISTRICT, create);

            assertThat(peer.channel.value("tx/" + Transactions.id(create))).isNotNull();
        }
    }

    @Nested
    class A_malformed_transaction {

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "{}", "[]", "null", "{\"version\":1}"})
        void is_refused_when_it_is_no_transaction(String text) {
            ChaincodeException refusal = refusalOf(new Submitted(Peer.msp(DISTRICT),
                    text.getBytes(StandardCharsets.UTF_8)));

            assertThat(refusal.getMessage()).startsWith("MALFORMED_TRANSACTION: ");
            assertThat(payload(refusal)).isEqualTo("MALFORMED_TRANSACTION");
        }

        @Test
        void is_refused_when_it_is_not_canonical() {
            String canonical = new String(Transactions.createGrant(grant()), StandardCharsets.UTF_8);

            ChaincodeException refusal = refusalOf(new Submitted(Peer.msp(DISTRICT),
                    canonical.replaceFirst(",", ", ").getBytes(StandardCharsets.UTF_8)));

            assertThat(refusal.getMessage()).isEqualTo("MALFORMED_TRANSACTION: transaction is not in canonical form"
                    + " (field order, spacing, unknown fields, or unsorted sets)");
        }

        @Test
        void is_refused_when_it_is_over_the_size_limit() {
            byte[] padded = new byte[TransactionCodec.MAX_BYTES + 1];
            Arrays.fill(padded, (byte) ' ');

            ChaincodeException refusal = refusalOf(new Submitted(Peer.msp(DISTRICT), padded));

            assertThat(refusal.getMessage()).isEqualTo("MALFORMED_TRANSACTION: transaction has "
                    + (TransactionCodec.MAX_BYTES + 1) + " bytes, over the limit of " + TransactionCodec.MAX_BYTES);
        }

        @Test
        void is_refused_when_it_is_not_utf8() {
            byte[] canonical = Transactions.createGrant(grant());
            byte[] broken = Arrays.copyOf(canonical, canonical.length);
            // Inside the nonce's value: a byte no UTF-8 text contains.
            int nonce = new String(canonical, StandardCharsets.UTF_8).indexOf("\"nonce\":\"") + 9;
            broken[nonce] = (byte) 0xff;

            ChaincodeException refusal = refusalOf(new Submitted(Peer.msp(DISTRICT), broken));

            assertThat(payload(refusal)).isEqualTo("MALFORMED_TRANSACTION");
        }

        @Test
        void is_refused_when_it_names_an_unknown_type() {
            String canonical = new String(Transactions.revokeGrant(DISTRICT, GrantId.random()), StandardCharsets.UTF_8);

            ChaincodeException refusal = refusalOf(new Submitted(Peer.msp(DISTRICT),
                    canonical.replace("REVOKE_GRANT", "DELETE_GRANT").getBytes(StandardCharsets.UTF_8)));

            assertThat(refusal.getMessage()).isEqualTo(
                    "MALFORMED_TRANSACTION: $.type 'DELETE_GRANT' is not a known transaction type");
        }
    }

    @Nested
    class A_receipt_under_consent {

        @Test
        void is_refused_from_the_grant_recipient_even_under_every_institution_attended() {
            ConsentGrant grant = created(peer, LedgerFixtures.grant(NOW).sources(Sources.everyInstitutionAttended())
                    .build());
            ExchangeReceipt fromCollege = receiptUnder(grant, COLLEGE, UNIVERSITY, EnumSet.of(Scope.GPA));

            peer.submit(COLLEGE, Transactions.recordReceipt(fromCollege));
            ChaincodeException refusal = refusalOf(Submitted.by(UNIVERSITY, Transactions.recordReceipt(
                    receiptUnder(grant, UNIVERSITY, OTHER_DISTRICT, EnumSet.of(Scope.GPA)))));

            assertThat(peer.channel.value("receipt/" + fromCollege.id())).isNotNull();
            assertThat(payload(refusal)).isEqualTo("SENDER_NOT_A_SOURCE");
        }
    }

    @Test
    void a_genuine_failure_is_not_turned_into_a_refusal() {
        ConsentGrant grant = created(peer, grant());
        // A world state this chaincode did not write: a grant document that is not one.
        InMemoryStub vandal = peer.channel.propose(Peer.msp(DISTRICT), NOW, "Vandalize", java.util.List.of());
        vandal.putState("grant/" + grant.id(), "{\"not\":\"a grant\"}".getBytes(StandardCharsets.UTF_8));
        peer.channel.commit(vandal);

        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
                () -> peer.submit(DISTRICT, Transactions.revokeGrant(DISTRICT, grant.id())));

        assertThat(failure).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("world state key grant/" + grant.id() + " holds no grant document: ");
        assertThat(peer.last().writes()).isEmpty();
    }
}
