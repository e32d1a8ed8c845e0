package org.baton.ledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.baton.ledger.testing.LedgerFixtures.COLLEGE;
import static org.baton.ledger.testing.LedgerFixtures.CSAC;
import static org.baton.ledger.testing.LedgerFixtures.DISTRICT;
import static org.baton.ledger.testing.LedgerFixtures.OTHER_DISTRICT;
import static org.baton.ledger.testing.LedgerFixtures.UNIVERSITY;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.GrantId;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.Scope;
import org.baton.ledger.Sources;
import org.baton.ledger.json.CanonicalJson;
import org.baton.ledger.json.JsonFields;
import org.baton.ledger.testing.LedgerFixtures;
import org.baton.trust.InstitutionId;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The queries: documents exactly as stored, lists and pages in transaction-time order, and argument checks. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class QueriesTest {

    static final String ALL_TIME_FROM = "0";
    static final String ALL_TIME_UNTIL = Long.toString(Long.MAX_VALUE);
    static final Instant NOW = Peer.FIRST_TIMESTAMP;

    Peer peer;

    @BeforeEach
    void newChannel() {
        peer = new Peer();
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    ConsentGrant create(ConsentGrant grant) {
        peer.submit(grant.attester(), Transactions.createGrant(grant));
        return grant;
    }

    ExchangeReceipt record(ExchangeReceipt receipt) {
        peer.submit(receipt.sender(), Transactions.recordReceipt(receipt));
        return receipt;
    }

    String stored(String key) {
        return text(peer.channel.value(key));
    }

    /** A page's items, as the stored documents' text, and its next token. */
    record Page(List<String> items, Optional<String> next) {
    }

    static Page page(String result) {
        JsonFields page = CanonicalJson.read(result.getBytes(StandardCharsets.UTF_8));
        List<String> items = new ArrayList<>();
        for (JsonNode item : page.node().get("items")) {
            items.add(item.toString());
        }
        return new Page(items, page.optionalString("next"));
    }

    ChaincodeException malformed(String function, String... arguments) {
        ChaincodeException e = catchThrowableOfType(ChaincodeException.class, () -> peer.evaluate(function, arguments));
        assertThat(e).as("MALFORMED_QUERY of " + function).isNotNull();
        assertThat(e.getMessage()).startsWith("MALFORMED_QUERY: ");
        assertThat(text(e.getPayload())).isEqualTo("MALFORMED_QUERY");
        return e;
    }

    @Nested
    class By_id {

        @Test
        void returns_the_grant_receipt_and_transaction_documents_exactly_as_stored() {
            ConsentGrant grant = create(LedgerFixtures.grant(NOW).build());
            byte[] record = Transactions.recordReceipt(LedgerFixtures.receiptUnder(grant, EnumSet.of(Scope.GPA), NOW));
            peer.submit(DISTRICT, record);
            String receiptKey = peer.channel.state().keySet().stream().filter(key -> key.startsWith("receipt/"))
                    .findFirst().orElseThrow();

            assertThat(peer.evaluate("Grant", grant.id().value())).isEqualTo(stored("grant/" + grant.id()))
                    .startsWith("{\"fabricTx\":{");
            assertThat(peer.evaluate("Receipt", receiptKey.substring("receipt/".length())))
                    .isEqualTo(stored(receiptKey)).startsWith("{\"fabricTx\":{");
            assertThat(peer.evaluate("Transaction", Transactions.id(record).value()))
                    .isEqualTo(stored("tx/" + Transactions.id(record))).startsWith("{\"committedAt\":");
        }

        @Test
        void returns_the_empty_string_for_what_is_not_on_the_ledger() {
            create(LedgerFixtures.grant(NOW).build());

            assertThat(peer.evaluate("Grant", GrantId.random().value())).isEmpty();
            assertThat(peer.evaluate("Receipt", ReceiptId.random().value())).isEmpty();
            assertThat(peer.evaluate("Transaction", "0".repeat(64))).isEmpty();
        }

        @Test
        void refuses_malformed_ids() {
            assertThat(malformed("Grant", "../grant").getMessage())
                    .isEqualTo("MALFORMED_QUERY: grant id '../grant' is not 32 lowercase hex digits");
            assertThat(malformed("Receipt", "").getMessage())
                    .isEqualTo("MALFORMED_QUERY: receipt id '' is not 32 lowercase hex digits");
            assertThat(malformed("Transaction", "A".repeat(64)).getMessage())
                    .isEqualTo("MALFORMED_QUERY: transaction id '" + "A".repeat(64)
                            + "' is not 64 lowercase hex digits");
        }
    }

    @Nested
    class Receipts_by_grant {

        @Test
        void lists_the_receipts_under_the_grant_in_transaction_time_order() {
            ConsentGrant grant = create(LedgerFixtures.grant(NOW).sources(Sources.named(DISTRICT, OTHER_DISTRICT))
                    .build());
            ConsentGrant other = create(LedgerFixtures.grant(NOW).build());
            List<String> expected = new ArrayList<>();
            for (InstitutionId sender : List.of(OTHER_DISTRICT, DISTRICT, OTHER_DISTRICT)) {
                ExchangeReceipt receipt = record(ExchangeReceipt.underGrant(ReceiptId.random(), grant.id(), sender,
                        UNIVERSITY, EnumSet.of(Scope.GPA), LedgerFixtures.hashOf("package"), NOW));
                expected.add(stored("receipt/" + receipt.id()));
                record(LedgerFixtures.receiptUnder(other, EnumSet.of(Scope.GPA), NOW));
            }

            String result = peer.evaluate("ReceiptsByGrant", grant.id().value());

            assertThat(result).isEqualTo("{\"items\":[" + String.join(",", expected) + "]}");
        }

        @Test
        void is_an_empty_list_for_a_grant_without_receipts_or_no_grant() {
            ConsentGrant grant = create(LedgerFixtures.grant(NOW).build());

            assertThat(peer.evaluate("ReceiptsByGrant", grant.id().value())).isEqualTo("{\"items\":[]}");
            assertThat(peer.evaluate("ReceiptsByGrant", GrantId.random().value())).isEqualTo("{\"items\":[]}");
        }

        @Test
        void refuses_a_malformed_grant_id() {
            malformed("ReceiptsByGrant", "0123456789abcdef0123456789abcde/");
        }
    }

    @Nested
    class Grants_by_institution {

        ConsentGrant attestedWithNamedSource;
        ConsentGrant ofEveryInstitutionAttended;
        ConsentGrant revoked;
        ConsentGrant forCollege;
        List<Instant> createdAt = new ArrayList<>();

        @BeforeEach
        void grants() {
            createdAt.add(peer.nextTimestamp());
            attestedWithNamedSource = create(LedgerFixtures.grant(NOW).sources(Sources.named(DISTRICT, OTHER_DISTRICT))
                    .build());
            createdAt.add(peer.nextTimestamp());
            ofEveryInstitutionAttended = create(LedgerFixtures.grant(NOW).sources(Sources.everyInstitutionAttended())
                    .build());
            createdAt.add(peer.nextTimestamp());
            revoked = create(LedgerFixtures.grant(NOW).build());
            peer.submit(DISTRICT, Transactions.revokeGrant(DISTRICT, revoked.id()));
            createdAt.add(peer.nextTimestamp());
            forCollege = create(LedgerFixtures.grant(NOW).attester(OTHER_DISTRICT).recipient(COLLEGE)
                    .sources(Sources.named(OTHER_DISTRICT)).build());
        }

        String document(ConsentGrant grant) {
            return stored("grant/" + grant.id());
        }

        Page query(InstitutionId institution, String from, String until, int size, String token) {
            return page(peer.evaluate("GrantsByInstitution", institution.value(), from, until, Integer.toString(size),
                    token));
        }

        Page all(InstitutionId institution, int size) {
            return query(institution, ALL_TIME_FROM, ALL_TIME_UNTIL, size, "");
        }

        @Test
        void finds_the_grants_an_institution_attests_receives_or_is_a_named_source_of_in_creation_order() {
            assertThat(all(DISTRICT, 10).items()).containsExactly(document(attestedWithNamedSource),
                    document(ofEveryInstitutionAttended), document(revoked));
            assertThat(all(UNIVERSITY, 10).items()).containsExactly(document(attestedWithNamedSource),
                    document(ofEveryInstitutionAttended), document(revoked));
            assertThat(all(OTHER_DISTRICT, 10).items()).containsExactly(document(attestedWithNamedSource),
                    document(forCollege));
            assertThat(all(COLLEGE, 10).items()).containsExactly(document(forCollege));
            assertThat(all(CSAC, 10)).isEqualTo(new Page(List.of(), Optional.empty()));
        }

        @Test
        void returns_the_documents_as_stored_including_a_revocation() {
            String result = peer.evaluate("GrantsByInstitution", "110662", "0", ALL_TIME_UNTIL, "3", "");

            assertThat(result).isEqualTo("{\"items\":[" + document(attestedWithNamedSource) + ","
                    + document(ofEveryInstitutionAttended) + "," + document(revoked) + "]}");
            assertThat(document(revoked)).contains("\"revoked\":");
        }

        @Test
        void pages_one_item_at_a_time_with_a_token_until_the_last_page() {
            Page first = all(UNIVERSITY, 1);
            Page second = query(UNIVERSITY, ALL_TIME_FROM, ALL_TIME_UNTIL, 1, first.next().orElseThrow());
            Page third = query(UNIVERSITY, ALL_TIME_FROM, ALL_TIME_UNTIL, 1, second.next().orElseThrow());

            assertThat(first.items()).containsExactly(document(attestedWithNamedSource));
            assertThat(second.items()).containsExactly(document(ofEveryInstitutionAttended));
            assertThat(third.items()).containsExactly(document(revoked));
            assertThat(third.next()).isEmpty();
        }

        @Test
        void pages_several_items_at_a_time() {
            Page first = all(DISTRICT, 2);
            Page second = query(DISTRICT, ALL_TIME_FROM, ALL_TIME_UNTIL, 2, first.next().orElseThrow());

            assertThat(first.items()).containsExactly(document(attestedWithNamedSource),
                    document(ofEveryInstitutionAttended));
            assertThat(second).isEqualTo(new Page(List.of(document(revoked)), Optional.empty()));
        }

        @Test
        void has_no_next_token_when_the_last_page_is_exactly_full() {
            assertThat(all(DISTRICT, 3).next()).isEmpty();
            assertThat(all(DISTRICT, 1000).items()).hasSize(3);
        }

        @Test
        void names_as_token_the_last_items_index_key_in_base64url_without_padding() {
            Page first = all(COLLEGE, 1);
            create(LedgerFixtures.grant(NOW).attester(OTHER_DISTRICT).recipient(COLLEGE)
                    .sources(Sources.named(OTHER_DISTRICT)).build());
            Page withMore = all(COLLEGE, 1);

            String indexKey = peer.channel.state().keySet().stream()
                    .filter(key -> key.startsWith("ix/grant-inst/117645/")).findFirst().orElseThrow();
            assertThat(first.next()).isEmpty();
            assertThat(withMore.next()).contains(Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(indexKey.getBytes(StandardCharsets.UTF_8)));
            assertThat(withMore.next().orElseThrow()).doesNotContain("=");
        }

        @Test
        void continues_after_the_token_when_grants_were_added_since() {
            Page first = all(UNIVERSITY, 2);
            ConsentGrant later = create(LedgerFixtures.grant(NOW).build());

            Page second = query(UNIVERSITY, ALL_TIME_FROM, ALL_TIME_UNTIL, 2, first.next().orElseThrow());

            assertThat(second.items()).containsExactly(document(revoked), document(later));
            assertThat(second.next()).isEmpty();
        }

        @Test
        void selects_by_the_creating_transaction_time_from_included_until_excluded_in_milliseconds() {
            String second = Long.toString(createdAt.get(1).toEpochMilli());
            String third = Long.toString(createdAt.get(2).toEpochMilli());
            // The timestamps have nanoseconds beyond the millisecond: [second ms, third ms) holds the second only.
            assertThat(createdAt.get(1).getNano() % 1_000_000).isNotZero();

            assertThat(query(UNIVERSITY, second, third, 10, "").items()).containsExactly(
                    document(ofEveryInstitutionAttended));
            assertThat(query(UNIVERSITY, second, Long.toString(createdAt.get(2).toEpochMilli() + 1), 10, "").items())
                    .containsExactly(document(ofEveryInstitutionAttended), document(revoked));
            assertThat(query(UNIVERSITY, Long.toString(createdAt.get(1).toEpochMilli() + 1), third, 10, "").items())
                    .isEmpty();
        }

        @Test
        void pages_within_a_time_range() {
            String from = Long.toString(createdAt.get(1).toEpochMilli());
            Page first = query(DISTRICT, from, ALL_TIME_UNTIL, 1, "");
            Page second = query(DISTRICT, from, ALL_TIME_UNTIL, 1, first.next().orElseThrow());

            assertThat(first.items()).containsExactly(document(ofEveryInstitutionAttended));
            assertThat(second).isEqualTo(new Page(List.of(document(revoked)), Optional.empty()));
        }

        @Test
        void finds_nothing_before_the_first_grant_or_far_in_the_future() {
            assertThat(query(UNIVERSITY, "0", Long.toString(createdAt.get(0).toEpochMilli()), 10, "").items())
                    .isEmpty();
            assertThat(query(UNIVERSITY, "99999999999999", ALL_TIME_UNTIL, 10, "").items()).isEmpty();
            assertThat(query(UNIVERSITY, "100000000000000", ALL_TIME_UNTIL, 10, "").items()).isEmpty();
        }

        @Test
        void refuses_a_token_of_another_query() {
            String districtToken = all(DISTRICT, 1).next().orElseThrow();
            // The second grant's key, outside a range that ends when the second grant was created.
            String secondToken = all(DISTRICT, 2).next().orElseThrow();

            assertThat(malformed("GrantsByInstitution", "110662", "0", ALL_TIME_UNTIL, "1", districtToken).getMessage())
                    .isEqualTo("MALFORMED_QUERY: page token is not one of this query's (another institution, time"
                            + " range or index)");
            malformed("ReceiptsByInstitution", "19647330000000", "0", ALL_TIME_UNTIL, "1", districtToken);
            malformed("GrantsByInstitution", "19647330000000", "0", Long.toString(createdAt.get(1).toEpochMilli()),
                    "1", secondToken);
        }

        @ParameterizedTest
        @ValueSource(strings = {"not a token", "abc=", "A", "_w", "////", "aXgvZ3JhbnQtaW5zdC8xMTA2NjIv"})
        void refuses_a_malformed_token(String token) {
            malformed("GrantsByInstitution", "110662", "0", ALL_TIME_UNTIL, "1", token);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "CSACX|0|1|1|institution id 'CSACX' is not a 14-digit CDS code, a 6-digit IPEDS id, CSAC or CDE",
            "110662|-1|1|1|from '-1' is not a time in epoch milliseconds from 0 to 9223372036854775807",
            "110662|x|1|1|from 'x' is not a time in epoch milliseconds from 0 to 9223372036854775807",
            "110662|0|9223372036854775808|1|"
                    + "until '9223372036854775808' is not a time in epoch milliseconds from 0 to 9223372036854775807",
            "110662|5|5|1|until 5 is not after from 5",
            "110662|6|5|1|until 5 is not after from 6",
            "110662|0|1|0|page size '0' is not a number from 1 to 1000",
            "110662|0|1|1001|page size '1001' is not a number from 1 to 1000",
            "110662|0|1|+1|page size '+1' is not a number from 1 to 1000",
            "110662|0|1|''|page size '' is not a number from 1 to 1000",
        })
        void refuses_malformed_arguments_naming_the_first(String institution, String from, String until, String size,
                String expected) {
            ChaincodeException e = malformed("GrantsByInstitution", institution, from, until, size, "");

            assertThat(e.getMessage()).isEqualTo("MALFORMED_QUERY: " + expected);
        }
    }

    @Nested
    class Receipts_by_institution {

        @Test
        void finds_the_receipts_an_institution_sent_or_received_page_by_page() {
            ConsentGrant grant = create(LedgerFixtures.grant(NOW).sources(Sources.named(DISTRICT, OTHER_DISTRICT))
                    .build());
            ExchangeReceipt fromDistrict = record(ExchangeReceipt.underGrant(ReceiptId.random(), grant.id(), DISTRICT,
                    UNIVERSITY, EnumSet.of(Scope.GPA), LedgerFixtures.hashOf("d"), NOW));
            ExchangeReceipt upload = record(ExchangeReceipt.underBasis(ReceiptId.random(),
                    LegalBasis.CAL_GRANT_GPA_UPLOAD, DISTRICT, CSAC, EnumSet.of(Scope.GPA),
                    LedgerFixtures.hashOf("gpa"), NOW));
            ExchangeReceipt fromOther = record(ExchangeReceipt.underGrant(ReceiptId.random(), grant.id(),
                    OTHER_DISTRICT, UNIVERSITY, EnumSet.of(Scope.TRANSCRIPT), LedgerFixtures.hashOf("p"), NOW));

            Page sent = page(peer.evaluate("ReceiptsByInstitution", "19647330000000", "0", ALL_TIME_UNTIL, "1", ""));
            Page sentNext = page(peer.evaluate("ReceiptsByInstitution", "19647330000000", "0", ALL_TIME_UNTIL, "1",
                    sent.next().orElseThrow()));
            Page received = page(peer.evaluate("ReceiptsByInstitution", "110662", "0", ALL_TIME_UNTIL, "5", ""));

            assertThat(sent.items()).containsExactly(stored("receipt/" + fromDistrict.id()));
            assertThat(sentNext).isEqualTo(new Page(List.of(stored("receipt/" + upload.id())), Optional.empty()));
            assertThat(received).isEqualTo(new Page(List.of(stored("receipt/" + fromDistrict.id()),
                    stored("receipt/" + fromOther.id())), Optional.empty()));
            assertThat(page(peer.evaluate("ReceiptsByInstitution", "CSAC", "0", ALL_TIME_UNTIL, "5", "")).items())
                    .containsExactly(stored("receipt/" + upload.id()));
            assertThat(page(peer.evaluate("GrantsByInstitution", "CSAC", "0", ALL_TIME_UNTIL, "5", "")).items())
                    .isEmpty();
        }

        @Test
        void refuses_a_grant_token_for_receipts() {
            create(LedgerFixtures.grant(NOW).build());
            create(LedgerFixtures.grant(NOW).build());
            String grantToken = page(peer.evaluate("GrantsByInstitution", "110662", "0", ALL_TIME_UNTIL, "1", ""))
                    .next().orElseThrow();

            malformed("ReceiptsByInstitution", "110662", "0", ALL_TIME_UNTIL, "1", grantToken);
        }
    }
}
