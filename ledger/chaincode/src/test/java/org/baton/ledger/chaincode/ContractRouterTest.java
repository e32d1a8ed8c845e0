package org.baton.ledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.baton.ledger.testing.LedgerFixtures.DISTRICT;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.testing.LedgerFixtures;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The chaincode as the peer reaches it: through the shim's router, which finds the contract on the class path,
 * routes by function name, converts the arguments and the result, and turns exceptions into error responses.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ContractRouterTest {

    private static ContractRouter router;

    private InMemoryChannel channel;

    @BeforeAll
    static void startRouter() throws Exception {
        router = new ContractRouter(new String[] {"-i", "baton"});
        router.startRouterWithChaincodeServer(new ChaincodeServer() {
            @Override
            public void start() {
                // The peer connection is not under test.
            }

            @Override
            public void stop() {
            }
        });
    }

    @BeforeEach
    void newChannel() {
        channel = new InMemoryChannel();
    }

    /** Invokes {@code function} as a client of {@code institution}'s MSP; commits the writes of a success. */
    InvokeResult invoke(String function, byte[]... arguments) {
        InMemoryStub stub = channel.propose(Peer.msp(DISTRICT), Peer.FIRST_TIMESTAMP, function, List.of(arguments));
        Chaincode.Response response = router.invoke(stub);
        if (response.getStatusCode() == 200) {
            channel.commit(stub);
        }
        return new InvokeResult(response, stub);
    }

    record InvokeResult(Chaincode.Response response, InMemoryStub stub) {
        String payload() {
            return response.getPayload() == null ? null : new String(response.getPayload(), StandardCharsets.UTF_8);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void submits_through_the_default_contract_by_function_name_with_or_without_the_contract_name() {
        ConsentGrant grant = LedgerFixtures.grant(LedgerFixtures.START).build();
        byte[] create = Transactions.createGrant(grant);

        InvokeResult created = invoke("Submit", create);
        InvokeResult revoked = invoke("baton:Submit", Transactions.revokeGrant(DISTRICT, grant.id()));

        assertThat(created.response().getStatusCode()).isEqualTo(200);
        assertThat(created.payload()).isEqualTo("{\"committedAt\":1772470800123,\"fabricTx\":\""
                + created.stub().getTxId() + "\",\"txId\":\"" + Transactions.id(create) + "\"}");
        assertThat(revoked.response().getStatusCode()).isEqualTo(200);
        assertThat(new String(channel.value("grant/" + grant.id()), StandardCharsets.UTF_8)).contains("\"revoked\":");
        assertThat(channel.events()).extracting(event -> event.getEventName())
                .containsExactly("GRANT_CREATED", "GRANT_REVOKED");
    }

    @Test
    void answers_a_refusal_with_status_500_the_reason_as_message_prefix_and_as_payload() {
        byte[] create = Transactions.createGrant(LedgerFixtures.grant(LedgerFixtures.START).build());
        invoke("Submit", create);

        InvokeResult replay = invoke("Submit", create);

        assertThat(replay.response().getStatusCode()).isEqualTo(500);
        assertThat(replay.response().getMessage()).isEqualTo("DUPLICATE_TRANSACTION: transaction "
                + Transactions.id(create) + " is already on the ledger");
        assertThat(replay.payload()).isEqualTo("DUPLICATE_TRANSACTION");
        assertThat(replay.stub().writes()).isEmpty();
    }

    @Test
    void evaluates_queries_returning_the_document_or_nothing() {
        ConsentGrant grant = LedgerFixtures.grant(LedgerFixtures.START).build();
        invoke("Submit", Transactions.createGrant(grant));

        InvokeResult found = invoke("Grant", utf8(grant.id().value()));
        InvokeResult absent = invoke("baton:Grant", utf8("0".repeat(32)));
        InvokeResult page = invoke("GrantsByInstitution", utf8("110662"), utf8("0"),
                utf8(Long.toString(Long.MAX_VALUE)), utf8("10"), utf8(""));

        assertThat(found.response().getStatusCode()).isEqualTo(200);
        assertThat(found.payload()).isEqualTo(new String(channel.value("grant/" + grant.id()), StandardCharsets.UTF_8));
        assertThat(absent.response().getStatusCode()).isEqualTo(200);
        assertThat(absent.response().getPayload()).isEmpty();
        assertThat(page.payload()).isEqualTo("{\"items\":[" + found.payload() + "]}");
    }

    @Test
    void answers_a_malformed_query_with_status_500_and_its_code() {
        InvokeResult result = invoke("ReceiptsByInstitution", utf8("110662"), utf8("0"), utf8("1"), utf8("0"),
                utf8(""));

        assertThat(result.response().getStatusCode()).isEqualTo(500);
        assertThat(result.response().getMessage())
                .isEqualTo("MALFORMED_QUERY: page size '0' is not a number from 1 to 1000");
        assertThat(result.payload()).isEqualTo("MALFORMED_QUERY");
    }

    @Test
    void answers_a_genuine_failure_as_an_unexpected_error_not_a_refusal() {
        ConsentGrant grant = LedgerFixtures.grant(LedgerFixtures.START).build();
        invoke("Submit", Transactions.createGrant(grant));
        InMemoryStub vandal = channel.propose(Peer.msp(DISTRICT), Peer.FIRST_TIMESTAMP, "Vandalize", List.of());
        vandal.putState("grant/" + grant.id(), utf8("[]"));
        channel.commit(vandal);

        InvokeResult result = invoke("Submit", Transactions.revokeGrant(DISTRICT, grant.id()));

        assertThat(result.response().getStatusCode()).isEqualTo(500);
        assertThat(result.response().getMessage()).isEqualTo("Error during contract method execution");
        assertThat(result.response().getPayload()).isNullOrEmpty();
        assertThat(result.stub().writes()).isEmpty();
    }

    @Test
    void answers_an_unknown_function_with_an_error() {
        InvokeResult result = invoke("Delete", utf8("0".repeat(32)));

        assertThat(result.response().getStatusCode()).isEqualTo(500);
        assertThat(result.stub().writes()).isEmpty();
    }

    @Test
    void describes_its_functions_and_which_are_submitted_in_its_metadata() {
        InvokeResult metadata = invoke("org.hyperledger.fabric:GetMetadata");

        assertThat(metadata.response().getStatusCode()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        for (String function : List.of("Submit", "Grant", "Receipt", "Transaction", "ReceiptsByGrant",
                "GrantsByInstitution", "ReceiptsByInstitution")) {
            if (metadata.payload().contains("\"name\":\"" + function + "\"")) {
                names.add(function);
            }
        }
        assertThat(names).hasSize(7);
        assertThat(metadata.payload()).contains("\"baton\"");
    }
}
