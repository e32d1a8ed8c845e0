package org.baton.ledger.chaincode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;

/**
 * A channel's world state in memory, and the proposals run against it, with Fabric's semantics as far as the
 * chaincode can observe them:
 *
 * <ul>
 *   <li>keys are ordered by their UTF-8 bytes (as LevelDB orders them);
 *   <li>a proposal reads the committed state only, never its own writes;
 *   <li>its writes (last write of a key wins) and its one chaincode event (the last one set) take effect only when
 *       the transaction commits, which the caller does for an endorsed transaction ({@link #commit}).
 * </ul>
 */
final class InMemoryChannel {

    static final String CHANNEL_ID = "baton";
    /** The MSP of the peer running the chaincode: {@code ChaincodeStub.getMspId()}, never the client's. */
    static final String PEER_MSP_ID = "PeerOrgMSP";

    private final NavigableMap<String, byte[]> state = new TreeMap<>(InMemoryChannel::utf8Order);
    private final List<ChaincodeEvent> events = new ArrayList<>();

    /** A proposal of {@code function} with {@code arguments}, signed by a client of {@code clientMspId}. */
    InMemoryStub propose(String clientMspId, Instant timestamp, String function, List<byte[]> arguments) {
        List<byte[]> args = new ArrayList<>();
        args.add(function.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        args.addAll(arguments);
        return new InMemoryStub(this, randomFabricTxId(), timestamp, ClientIdentities.creator(clientMspId), args);
    }

    /** Applies the proposal's writes and event, as the peers do when its transaction is valid. */
    void commit(InMemoryStub stub) {
        for (Map.Entry<String, byte[]> write : stub.writes().entrySet()) {
            if (write.getValue() == null) {
                state.remove(write.getKey());
            } else {
                state.put(write.getKey(), write.getValue().clone());
            }
        }
        if (stub.getEvent() != null) {
            events.add(stub.getEvent());
        }
    }

    /** The committed value of {@code key}, or null. */
    byte[] value(String key) {
        byte[] value = state.get(key);
        return value == null ? null : value.clone();
    }

    /** The committed world state. */
    NavigableMap<String, byte[]> state() {
        return Collections.unmodifiableNavigableMap(state);
    }

    /** Every committed chaincode event, in commit order. */
    List<ChaincodeEvent> events() {
        return List.copyOf(events);
    }

    /** The committed entries from {@code start} (included) to {@code end} (excluded; null for no end). */
    List<Map.Entry<String, byte[]>> range(String start, String end) {
        if (end != null && utf8Order(start, end) >= 0) {
            return List.of();
        }
        NavigableMap<String, byte[]> range = end == null
                ? state.tailMap(start, true)
                : state.subMap(start, true, end, false);
        List<Map.Entry<String, byte[]>> entries = new ArrayList<>(range.size());
        range.forEach((key, value) -> entries.add(Map.entry(key, value.clone())));
        return entries;
    }

    /** Orders strings as their UTF-8 encodings compare bytewise: by code point. */
    static int utf8Order(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static String randomFabricTxId() {
        byte[] id = new byte[32];
        ThreadLocalRandom.current().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
