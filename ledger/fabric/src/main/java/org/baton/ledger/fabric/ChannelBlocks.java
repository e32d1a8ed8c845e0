package org.baton.ledger.fabric;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.baton.ledger.EventCheckpoint;
import org.baton.ledger.EventPage;
import org.baton.ledger.LedgerEvent;
import org.baton.ledger.LedgerUnavailableException;
import org.baton.ledger.json.LedgerJson;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Where transactions sit in the channel's blocks, read through the peer's query system chaincode ({@code qscc}).
 *
 * <p>A transaction's {@link org.baton.ledger.Committed#sequence() sequence} on Fabric is its position:
 * {@code (block number << 20) | index in the block}. It is strictly increasing in commit order, with gaps (for
 * configuration blocks, lifecycle transactions and invalid transactions), and known only once the orderer has placed
 * the transaction — so the chaincode cannot write it, and this class supplies it. Positions never change once
 * committed, so they are cached.
 *
 * <p>Events are read the same way: the valid transactions of each block after a checkpoint, and the chaincode event
 * each of the {@code baton} chaincode's transactions set.
 */
final class ChannelBlocks {

    /** Index bits of a sequence: a block holds far fewer than 2^20 transactions. */
    static final int INDEX_BITS = 20;
    private static final int CACHED_POSITIONS = 200_000;
    /** How many blocks one call of {@link #events} reads at most, so a far-behind reader returns in good time. */
    private static final int MAX_BLOCKS_PER_READ = 256;

    private final Contract qscc;
    private final String channel;
    private final String chaincode;
    /** Blocks being read for {@link #sequenceIn}, by number. */
    private final Map<Long, CompletableFuture<Block>> reads = new ConcurrentHashMap<>();
    private final Map<String, Long> positions = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > CACHED_POSITIONS;
        }
    };

    ChannelBlocks(Contract qscc, String channel, String chaincode) {
        this.qscc = Objects.requireNonNull(qscc, "qscc");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.chaincode = Objects.requireNonNull(chaincode, "chaincode");
    }

    /** The sequence of a block's transaction at {@code index}. */
    static long sequence(long block, int index) {
        return block << INDEX_BITS | index;
    }

    /** The sequence of the committed Fabric transaction {@code fabricTxId}. */
    long sequenceOf(String fabricTxId) {
        Optional<Long> cached = cached(fabricTxId);
        if (cached.isPresent()) {
            return cached.get();
        }
        Block block = parseBlock(evaluate("GetBlockByTxID", fabricTxId), "the block of transaction " + fabricTxId);
        return remember(block, fabricTxId);
    }

    /**
     * The sequence of the Fabric transaction {@code fabricTxId}, known to be committed in block {@code number}. The
     * transactions of one block commit together, so their writers ask at once: one of them reads the block, the
     * others wait for it and find their positions cached.
     */
    long sequenceIn(long number, String fabricTxId) {
        Optional<Long> cached = cached(fabricTxId);
        if (cached.isPresent()) {
            return cached.get();
        }
        CompletableFuture<Block> mine = new CompletableFuture<>();
        CompletableFuture<Block> reading = reads.putIfAbsent(number, mine);
        if (reading == null) {
            try {
                Block block = block(number);
                cacheAll(block);
                mine.complete(block);
                return remember(block, fabricTxId);
            } catch (RuntimeException e) {
                mine.completeExceptionally(e);
                throw e;
            } finally {
                reads.remove(number, mine);
            }
        }
        Block block;
        try {
            block = reading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        return cached(fabricTxId).orElseGet(() -> remember(block, fabricTxId));
    }

    /**
     * Up to {@code max} events of the chaincode after {@code after}, reading at most {@value #MAX_BLOCKS_PER_READ}
     * blocks. An empty page continues from {@code after} when the chain ends, and from past the blocks it read when
     * they held no event.
     */
    EventPage events(EventCheckpoint after, int max) {
        long height = height();
        long first = after.sequence() >>> INDEX_BITS;
        long last = Math.min(height, first + MAX_BLOCKS_PER_READ);
        List<LedgerEvent> events = new ArrayList<>();
        for (long number = first; number < last && events.size() < max; number++) {
            Block block = block(number);
            ByteString validity = validity(block);
            for (int index = 0; index < block.getData().getDataCount() && events.size() < max; index++) {
                long sequence = sequence(number, index);
                if (sequence <= after.sequence() || !valid(validity, index)) {
                    continue;
                }
                eventOf(block.getData().getData(index), number, index).ifPresent(event -> events.add(
                        event.at(sequence)));
            }
        }
        EventCheckpoint next;
        if (!events.isEmpty()) {
            next = events.get(events.size() - 1).checkpoint();
        } else if (last < height) {
            // Blocks without an event of this chaincode (other chaincodes', configuration): the next read starts past
            // them, or a reader behind more than a read's worth of them would never move.
            next = EventCheckpoint.after(Math.max(after.sequence(), sequence(last - 1, (1 << INDEX_BITS) - 1)));
        } else {
            next = after;
        }
        return new EventPage(events, next);
    }

    private synchronized Optional<Long> cached(String fabricTxId) {
        return Optional.ofNullable(positions.get(fabricTxId));
    }

    /** Caches the position of every valid transaction of {@code block}, and returns {@code fabricTxId}'s. */
    private long remember(Block block, String fabricTxId) {
        cacheAll(block);
        return cached(fabricTxId).orElseThrow(() -> new IllegalStateException("block " + block.getHeader().getNumber()
                + " of channel " + channel + " holds no valid transaction " + fabricTxId));
    }

    /** Caches the position of every valid transaction of {@code block}. */
    private void cacheAll(Block block) {
        long number = block.getHeader().getNumber();
        ByteString validity = validity(block);
        synchronized (this) {
            for (int index = 0; index < block.getData().getDataCount(); index++) {
                if (valid(validity, index)) {
                    positions.put(channelHeader(block.getData().getData(index), number, index).getTxId(),
                            sequence(number, index));
                }
            }
        }
    }

    private Optional<LedgerEvent> eventOf(ByteString envelope, long number, int index) {
        try {
            Payload payload = Payload.parseFrom(Envelope.parseFrom(envelope).getPayload());
            ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            if (header.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
                return Optional.empty();
            }
            Transaction transaction = Transaction.parseFrom(payload.getData());
            for (TransactionAction action : transaction.getActionsList()) {
                ChaincodeActionPayload actionPayload = ChaincodeActionPayload.parseFrom(action.getPayload());
                ProposalResponsePayload response = ProposalResponsePayload.parseFrom(
                        actionPayload.getAction().getProposalResponsePayload());
                ChaincodeEvent event = ChaincodeEvent.parseFrom(
                        ChaincodeAction.parseFrom(response.getExtension()).getEvents());
                if (event.getChaincodeId().equals(chaincode) && !event.getEventName().isEmpty()) {
                    synchronized (this) {
                        positions.put(header.getTxId(), sequence(number, index));
                    }
                    return Optional.of(LedgerJson.decodeEvent(event.getPayload().toByteArray()));
                }
            }
            return Optional.empty();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("transaction " + index + " of block " + number + " of channel " + channel
                    + " cannot be parsed", e);
        }
    }

    private ChannelHeader channelHeader(ByteString envelope, long number, int index) {
        try {
            Payload payload = Payload.parseFrom(Envelope.parseFrom(envelope).getPayload());
            return ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("transaction " + index + " of block " + number + " of channel " + channel
                    + " cannot be parsed", e);
        }
    }

    private static ByteString validity(Block block) {
        return block.getMetadata().getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
                ? block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE)
                : ByteString.EMPTY;
    }

    private static boolean valid(ByteString validity, int index) {
        return index < validity.size() && validity.byteAt(index) == TxValidationCode.VALID_VALUE;
    }

    private long height() {
        try {
            return BlockchainInfo.parseFrom(evaluate("GetChainInfo")).getHeight();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("the chain information of channel " + channel + " cannot be parsed", e);
        }
    }

    private Block block(long number) {
        return parseBlock(evaluate("GetBlockByNumber", Long.toString(number)), "block " + number);
    }

    private Block parseBlock(byte[] bytes, String what) {
        try {
            return Block.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(what + " of channel " + channel + " cannot be parsed", e);
        }
    }

    private byte[] evaluate(String function, String... arguments) {
        String[] all = new String[arguments.length + 1];
        all[0] = channel;
        System.arraycopy(arguments, 0, all, 1, arguments.length);
        try {
            return qscc.evaluateTransaction(function, all);
        } catch (GatewayException e) {
            throw new LedgerUnavailableException("qscc " + function, Optional.empty(), e);
        }
    }
}
