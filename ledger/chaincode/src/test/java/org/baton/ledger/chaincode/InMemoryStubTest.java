package org.baton.ledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The in-memory stub behaves as Fabric does where the chaincode can tell. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class InMemoryStubTest {

    InMemoryChannel channel;

    @BeforeEach
    void seeded() {
        channel = new InMemoryChannel();
        InMemoryStub seed = stub();
        for (String key : List.of("a", "a/1", "a/2", "a0", "b", "\u00e9", "\uffff", "\ud83d\ude00")) {
            seed.putState(key, bytes(key));
        }
        channel.commit(seed);
    }

    InMemoryStub stub() {
        return channel.propose("CSACMSP", Peer.FIRST_TIMESTAMP, "Test", List.of());
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static List<String> keys(QueryResultsIterator<KeyValue> results) {
        List<String> keys = new ArrayList<>();
        try (results) {
            for (KeyValue entry : results) {
                keys.add(entry.getKey());
            }
        }
        return keys;
    }

    @Test
    void does_not_let_a_transaction_read_its_own_writes() {
        InMemoryStub stub = stub();

        stub.putState("c", bytes("new"));
        stub.putState("a", bytes("changed"));

        assertThat(stub.getState("c")).isEmpty();
        assertThat(stub.getState("a")).isEqualTo(bytes("a"));
        assertThat(keys(stub.getStateByRange("c", ""))).doesNotContain("c");
        channel.commit(stub);
        assertThat(stub().getState("c")).isEqualTo(bytes("new"));
    }

    @Test
    void ranges_from_start_included_to_end_excluded_in_utf8_byte_order() {
        InMemoryStub stub = stub();

        assertThat(keys(stub.getStateByRange("a/", "a0"))).containsExactly("a/1", "a/2");
        assertThat(keys(stub.getStateByRange("a", "b"))).containsExactly("a", "a/1", "a/2", "a0");
        // UTF-16 would put U+FFFF after the surrogate pair of U+1F600; UTF-8 bytes do not.
        assertThat(keys(stub.getStateByRange("", ""))).containsExactly("a", "a/1", "a/2", "a0", "b", "\u00e9",
                "\uffff", "\ud83d\ude00");
        assertThat(keys(stub.getStateByRange("b", "a"))).isEmpty();
        assertThat(stub.openIterators()).isZero();
    }

    @Test
    void refuses_empty_values_and_keys_and_composite_range_keys() {
        InMemoryStub stub = stub();

        assertThatThrownBy(() -> stub.putState("a", new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stub.putState("", bytes("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stub.getStateByRange("\u0000a", "")).isInstanceOf(IllegalArgumentException.class);
        assertThat(stub.writes()).isEmpty();
    }

    @Test
    void keeps_the_last_event_and_the_last_write_of_a_key() {
        InMemoryStub stub = stub();

        stub.setEvent("FIRST", bytes("1"));
        stub.setEvent("SECOND", bytes("2"));
        stub.putState("k", bytes("1"));
        stub.putState("k", bytes("2"));
        channel.commit(stub);

        assertThat(channel.events()).hasSize(1);
        assertThat(channel.events().get(0).getEventName()).isEqualTo("SECOND");
        assertThat(channel.value("k")).isEqualTo(bytes("2"));
    }

    @Test
    void names_the_client_by_its_serialized_identity_and_the_peer_by_its_own_msp() {
        InMemoryStub stub = channel.propose("110662MSP", Peer.FIRST_TIMESTAMP, "Grant", List.of(bytes("x")));

        assertThat(new Context(stub).getClientIdentity().getMSPID()).isEqualTo("110662MSP");
        assertThat(stub.getMspId()).isEqualTo(InMemoryChannel.PEER_MSP_ID);
        assertThat(stub.getFunction()).isEqualTo("Grant");
        assertThat(stub.getParameters()).containsExactly("x");
        assertThat(stub.getTxId()).matches("[0-9a-f]{64}");
        assertThat(stub.getTxTimestamp()).isEqualTo(Peer.FIRST_TIMESTAMP);
    }
}
