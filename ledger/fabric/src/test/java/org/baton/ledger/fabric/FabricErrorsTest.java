package org.baton.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import io.grpc.protobuf.StatusProto;
import org.baton.ledger.LedgerRejectedException;
import org.baton.ledger.RefusalReason;
import org.baton.ledger.TxId;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.junit.jupiter.api.Test;

class FabricErrorsTest {

    private static final TxId TX = TxId.of("ab".repeat(32));

    private static GatewayException failure(int code, String message, String... details) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder().setCode(code).setMessage(message);
        for (String detail : details) {
            status.addDetails(Any.pack(ErrorDetail.newBuilder()
                    .setAddress("127.0.0.1:27051").setMspId("19647330000000MSP").setMessage(detail).build()));
        }
        return new GatewayException(StatusProto.toStatusRuntimeException(status.build()));
    }

    @Test
    void finds_the_chaincodes_refusal_in_a_peers_detail() {
        GatewayException e = failure(10, "failed to endorse transaction, see attached details for more info",
                "chaincode response 500, GRANT_NOT_FOUND: grant 0123 of receipt 4567 is not on the ledger");

        LedgerRejectedException refused = FabricErrors.refusal(e, TX).orElseThrow();

        assertThat(refused.reason()).isEqualTo(RefusalReason.GRANT_NOT_FOUND);
        assertThat(refused).hasMessageContaining("ledger refused transaction " + TX)
                .hasMessageContaining("grant 0123 of receipt 4567 is not on the ledger");
    }

    @Test
    void skips_upper_case_words_that_name_no_refusal() {
        GatewayException e = failure(10, "failed",
                "ERROR: chaincode response 500, NOT_ATTESTER: institution 110662 is not the attester");

        assertThat(FabricErrors.refusal(e, TX).orElseThrow().reason()).isEqualTo(RefusalReason.NOT_ATTESTER);
    }

    @Test
    void finds_no_refusal_when_the_peer_could_not_be_reached() {
        GatewayException e = failure(14, "UNAVAILABLE: io exception");

        assertThat(FabricErrors.refusal(e, TX)).isEmpty();
        assertThat(FabricErrors.unreachable(e)).isTrue();
    }

    @Test
    void finds_a_malformed_query() {
        GatewayException e = failure(2, "evaluate call to endorser returned error",
                "chaincode response 500, MALFORMED_QUERY: page size 0 is outside 1..1000");

        assertThat(FabricErrors.malformedQuery(e)).contains("page size 0 is outside 1..1000");
        assertThat(FabricErrors.refusal(e, TX)).isEmpty();
        assertThat(FabricErrors.unreachable(e)).isFalse();
    }
}
