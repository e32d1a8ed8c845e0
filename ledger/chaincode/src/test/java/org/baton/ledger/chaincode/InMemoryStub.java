package org.baton.ledger.chaincode;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * One proposal's view of an {@link InMemoryChannel}, as the Java shim and the peer present it: reads come from the
 * committed state (an absent key reads as no bytes), writes are collected for the commit, an empty value or key is
 * refused, a range query skips composite keys and must be closed. What the baton chaincode does not use is
 * unsupported.
 */
final class InMemoryStub implements ChaincodeStub {

    /** The shim's start of a range with no start: the first simple key (composite keys start with U+0000). */
    private static final String FIRST_SIMPLE_KEY = "\u0001";

    private final InMemoryChannel channel;
    private final String txId;
    private final Instant timestamp;
    private final byte[] creator;
    private final List<byte[]> args;
    private final NavigableMap<String, byte[]> writes = new TreeMap<>(InMemoryChannel::utf8Order);
    private final List<String> reads = new ArrayList<>();
    private ChaincodeEvent event;
    private int openIterators;

    InMemoryStub(InMemoryChannel channel, String txId, Instant timestamp, byte[] creator, List<byte[]> args) {
        this.channel = channel;
        this.txId = txId;
        this.timestamp = timestamp;
        this.creator = creator.clone();
        this.args = List.copyOf(args);
    }

    /** What the proposal wrote, by key; a null value is a delete. */
    NavigableMap<String, byte[]> writes() {
        return Collections.unmodifiableNavigableMap(writes);
    }

    /** The keys the proposal read, in order. */
    List<String> reads() {
        return List.copyOf(reads);
    }

    /** Range queries opened and not yet closed. */
    int openIterators() {
        return openIterators;
    }

    // ---- the invocation ----

    @Override
    public List<byte[]> getArgs() {
        List<byte[]> copy = new ArrayList<>(args.size());
        args.forEach(arg -> copy.add(arg.clone()));
        return copy;
    }

    @Override
    public List<String> getStringArgs() {
        List<String> strings = new ArrayList<>(args.size());
        args.forEach(arg -> strings.add(new String(arg, StandardCharsets.UTF_8)));
        return strings;
    }

    @Override
    public String getFunction() {
        return args.isEmpty() ? null : getStringArgs().get(0);
    }

    @Override
    public List<String> getParameters() {
        return args.isEmpty() ? List.of() : getStringArgs().subList(1, args.size());
    }

    @Override
    public String getTxId() {
        return txId;
    }

    @Override
    public String getChannelId() {
        return InMemoryChannel.CHANNEL_ID;
    }

    @Override
    public Instant getTxTimestamp() {
        return timestamp;
    }

    @Override
    public byte[] getCreator() {
        return creator.clone();
    }

    @Override
    public String getMspId() {
        return InMemoryChannel.PEER_MSP_ID;
    }

    @Override
    public Map<String, byte[]> getTransient() {
        return Map.of();
    }

    // ---- world state ----

    @Override
    public byte[] getState(String key) {
        checkKey(key);
        reads.add(key);
        byte[] value = channel.value(key);
        return value == null ? new byte[0] : value;
    }

    @Override
    public void putState(String key, byte[] value) {
        checkKey(key);
        if (value == null || value.length == 0) {
            throw new IllegalArgumentException("empty value for key " + key + ": Fabric records it as a delete");
        }
        writes.put(key, value.clone());
    }

    @Override
    public void delState(String key) {
        checkKey(key);
        writes.put(key, null);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByRange(String startKey, String endKey) {
        String start = startKey == null || startKey.isEmpty() ? FIRST_SIMPLE_KEY : startKey;
        String end = endKey == null || endKey.isEmpty() ? null : endKey;
        for (String key : new String[] {start, end}) {
            if (key != null && key.startsWith("\u0000")) {
                throw new IllegalArgumentException("range key " + key.substring(1) + " is a composite key");
            }
        }
        List<KeyValue> entries = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : channel.range(start, end)) {
            entries.add(new Entry(entry.getKey(), entry.getValue()));
        }
        openIterators++;
        return new QueryResultsIterator<>() {
            private boolean closed;

            @Override
            public Iterator<KeyValue> iterator() {
                if (closed) {
                    throw new IllegalStateException("range query is closed");
                }
                return entries.iterator();
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    openIterators--;
                }
            }
        };
    }

    // ---- events ----

    @Override
    public void setEvent(String name, byte[] payload) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("event name can not be nil string");
        }
        ChaincodeEvent.Builder builder = ChaincodeEvent.newBuilder().setEventName(name);
        if (payload != null) {
            builder.setPayload(ByteString.copyFrom(payload));
        }
        event = builder.build();
    }

    @Override
    public ChaincodeEvent getEvent() {
        return event;
    }

    private static void checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key cannot be null or empty");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("key " + key + " is not a UTF-8 string");
            }
        }
    }

    private record Entry(String key, byte[] value) implements KeyValue {
        @Override
        public String getKey() {
            return key;
        }

        @Override
        public byte[] getValue() {
            return value.clone();
        }

        @Override
        public String getStringValue() {
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    // ---- not used by the baton chaincode ----

    private static UnsupportedOperationException unused() {
        return new UnsupportedOperationException("not used by the baton chaincode");
    }

    @Override
    public Chaincode.Response invokeChaincode(String chaincodeName, List<byte[]> args, String channel) {
        throw unused();
    }

    @Override
    public byte[] getStateValidationParameter(String key) {
        throw unused();
    }

    @Override
    public void setStateValidationParameter(String key, byte[] value) {
        throw unused();
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(String startKey, String endKey,
            int pageSize, String bookmark) {
        throw unused();
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String compositeKey) {
        throw unused();
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String objectType, String... attributes) {
        throw unused();
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(CompositeKey compositeKey) {
        throw unused();
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
            CompositeKey compositeKey, int pageSize, String bookmark) {
        throw unused();
    }

    @Override
    public CompositeKey createCompositeKey(String objectType, String... attributes) {
        throw unused();
    }

    @Override
    public CompositeKey splitCompositeKey(String compositeKey) {
        throw unused();
    }

    @Override
    public QueryResultsIterator<KeyValue> getQueryResult(String query) {
        throw unused();
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(String query, int pageSize,
            String bookmark) {
        throw unused();
    }

    @Override
    public QueryResultsIterator<KeyModification> getHistoryForKey(String key) {
        throw unused();
    }

    @Override
    public byte[] getPrivateData(String collection, String key) {
        throw unused();
    }

    @Override
    public byte[] getPrivateDataHash(String collection, String key) {
        throw unused();
    }

    @Override
    public byte[] getPrivateDataValidationParameter(String collection, String key) {
        throw unused();
    }

    @Override
    public void putPrivateData(String collection, String key, byte[] value) {
        throw unused();
    }

    @Override
    public void setPrivateDataValidationParameter(String collection, String key, byte[] value) {
        throw unused();
    }

    @Override
    public void delPrivateData(String collection, String key) {
        throw unused();
    }

    @Override
    public void purgePrivateData(String collection, String key) {
        throw unused();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByRange(String collection, String startKey, String endKey) {
        throw unused();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, String compositeKey) {
        throw unused();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection,
            CompositeKey prefix) {
        throw unused();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, String objectType,
            String... attributes) {
        throw unused();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(String collection, String query) {
        throw unused();
    }

    @Override
    public SignedProposal getSignedProposal() {
        throw unused();
    }

    @Override
    public byte[] getBinding() {
        throw unused();
    }
}
