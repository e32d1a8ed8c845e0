package org.baton.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.baton.ledger.EventCheckpoint;
import org.baton.ledger.EventPage;
import org.baton.ledger.EventType;
import org.baton.ledger.GrantId;
import org.baton.ledger.LedgerEvent;
import org.baton.ledger.TxId;
import org.baton.ledger.json.LedgerJson;
import org.baton.trust.InstitutionId;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;

class ChannelBlocksTest {

    private static final InstitutionId DISTRICT = InstitutionId.of("19647330000000");
    private static final Instant AT = Instant.parse("2026-03-02T17:00:00Z");

    private final FakeQscc qscc = new FakeQscc("baton");
    private final ChannelBlocks blocks = new ChannelBlocks(qscc, "baton", "baton");

    /** A valid transaction of the baton chaincode that set a grant-created event. */
    private static Tx batonTx(String fabricTxId) {
        LedgerEvent event = new LedgerEvent(1, EventType.GRANT_CREATED, TxId.of(hex(fabricTxId)), AT, DISTRICT,
                Optional.of(GrantId.random()), Optional.empty());
        return new Tx(fabricTxId, HeaderType.ENDORSER_TRANSACTION, "baton", event, TxValidationCode.VALID);
    }

    private static String hex(String seed) {
        return String.format("%64s", Integer.toHexString(seed.hashCode())).replace(' ', '0');
    }

    @Test
    void gives_a_transaction_its_position_in_block_and_index() {
        qscc.add(new Tx("config", HeaderType.CONFIG, "", null, TxValidationCode.VALID));
        qscc.add(batonTx("a"), batonTx("b"));

        assertThat(blocks.sequenceOf("b")).isEqualTo((1L << 20) | 1);
        assertThat(blocks.sequenceIn(1, "a")).isEqualTo(1L << 20);
    }

    @Test
    void remembers_positions_so_a_block_is_read_once() {
        qscc.add(new Tx("config", HeaderType.CONFIG, "", null, TxValidationCode.VALID));
        qscc.add(batonTx("a"), batonTx("b"));

        blocks.sequenceOf("a");
        blocks.sequenceOf("b");
        blocks.sequenceIn(1, "b");

        assertThat(qscc.reads).containsExactly("GetBlockByTxID a");
    }

    @Test
    void reads_a_block_once_for_the_writers_of_its_transactions_asking_at_once() throws Exception {
        qscc.add(new Tx("config", HeaderType.CONFIG, "", null, TxValidationCode.VALID));
        List<Tx> txs = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            txs.add(batonTx("t" + i));
        }
        qscc.add(txs.toArray(Tx[]::new));
        qscc.slowBlockReads = true;

        List<java.util.concurrent.Future<Long>> sequences = new ArrayList<>();
        java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            for (int i = 0; i < 16; i++) {
                String id = "t" + i;
                sequences.add(writers.submit(() -> blocks.sequenceIn(1, id)));
            }
            for (int i = 0; i < 16; i++) {
                assertThat(sequences.get(i).get()).isEqualTo((1L << 20) | i);
            }
        } finally {
            writers.shutdownNow();
        }
        assertThat(qscc.reads).containsExactly("GetBlockByNumber 1");
    }

    @Test
    void refuses_a_position_for_a_transaction_the_block_holds_as_invalid() {
        qscc.add(new Tx("config", HeaderType.CONFIG, "", null, TxValidationCode.VALID));
        qscc.add(batonTx("a"), new Tx("lost", HeaderType.ENDORSER_TRANSACTION, "baton", null,
                TxValidationCode.MVCC_READ_CONFLICT));

        assertThatThrownBy(() -> blocks.sequenceIn(1, "lost"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("block 1 of channel baton holds no valid transaction lost");
    }

    @Test
    void reads_the_events_of_valid_baton_transactions_in_order_with_their_positions() {
        qscc.add(new Tx("config", HeaderType.CONFIG, "", null, TxValidationCode.VALID));
        Tx first = batonTx("a");
        Tx lifecycle = new Tx("approve", HeaderType.ENDORSER_TRANSACTION, "_lifecycle", null, TxValidationCode.VALID);
        Tx invalid = new Tx("lost", HeaderType.ENDORSER_TRANSACTION, "baton", batonTx("lost").event,
                TxValidationCode.MVCC_READ_CONFLICT);
        Tx second = batonTx("b");
        qscc.add(first, lifecycle, invalid);
        qscc.add(second);

        EventPage page = blocks.events(EventCheckpoint.START, 10);

        assertThat(page.events()).extracting(LedgerEvent::sequence).containsExactly(1L << 20, 2L << 20);
        assertThat(page.events()).extracting(LedgerEvent::txId).containsExactly(first.event.txId(), second.event.txId());
        assertThat(page.events().get(0).grant()).isEqualTo(first.event.grant());
        assertThat(page.next()).isEqualTo(EventCheckpoint.after(2L << 20));
    }

    @Test
    void resumes_after_a_checkpoint_and_stops_at_the_page_size() {
        qscc.add(new Tx("config", HeaderType.CONFIG, "", null, TxValidationCode.VALID));
        qscc.add(batonTx("a"), batonTx("b"), batonTx("c"));

        EventPage firstTwo = blocks.events(EventCheckpoint.START, 2);
        EventPage rest = blocks.events(firstTwo.next(), 10);
        EventPage none = blocks.events(rest.next(), 10);

        assertThat(firstTwo.events()).extracting(LedgerEvent::sequence).containsExactly(1L << 20, (1L << 20) | 1);
        assertThat(rest.events()).extracting(LedgerEvent::sequence).containsExactly((1L << 20) | 2);
        assertThat(none.events()).isEmpty();
        assertThat(none.next()).isEqualTo(rest.next());
    }

    @Test
    void moves_past_a_long_run_of_blocks_without_events() {
        qscc.add(new Tx("config", HeaderType.CONFIG, "", null, TxValidationCode.VALID));
        for (int i = 0; i < 300; i++) {
            qscc.add(new Tx("other" + i, HeaderType.ENDORSER_TRANSACTION, "another", null, TxValidationCode.VALID));
        }
        Tx ours = batonTx("ours");
        qscc.add(ours);

        EventPage first = blocks.events(EventCheckpoint.START, 10);
        EventPage second = blocks.events(first.next(), 10);

        assertThat(first.events()).isEmpty();
        assertThat(first.next().sequence()).isGreaterThanOrEqualTo(255L << 20);
        assertThat(second.events()).extracting(LedgerEvent::txId).containsExactly(ours.event.txId());
        assertThat(second.events().get(0).sequence()).isEqualTo(301L << 20);
    }

    /** One transaction of a fake block: its id, type, chaincode, event (or none) and validation code. */
    record Tx(String id, HeaderType type, String chaincode, LedgerEvent event, TxValidationCode code) {

        ByteString envelope() {
            ChannelHeader header = ChannelHeader.newBuilder().setType(type.getNumber()).setTxId(id)
                    .setChannelId("baton").build();
            ByteString data = ByteString.EMPTY;
            if (type == HeaderType.ENDORSER_TRANSACTION) {
                ChaincodeEvent.Builder chaincodeEvent = ChaincodeEvent.newBuilder().setChaincodeId(chaincode).setTxId(id);
                if (event != null) {
                    chaincodeEvent.setEventName(event.type().name())
                            .setPayload(ByteString.copyFrom(LedgerJson.encodeEvent(event)));
                }
                ChaincodeAction action = ChaincodeAction.newBuilder().setEvents(chaincodeEvent.build().toByteString()).build();
                ProposalResponsePayload response = ProposalResponsePayload.newBuilder()
                        .setExtension(action.toByteString()).build();
                ChaincodeActionPayload actionPayload = ChaincodeActionPayload.newBuilder()
                        .setAction(ChaincodeEndorsedAction.newBuilder()
                                .setProposalResponsePayload(response.toByteString()))
                        .build();
                data = Transaction.newBuilder()
                        .addActions(TransactionAction.newBuilder().setPayload(actionPayload.toByteString()))
                        .build().toByteString();
            }
            Payload payload = Payload.newBuilder()
                    .setHeader(Header.newBuilder().setChannelHeader(header.toByteString()))
                    .setData(data)
                    .build();
            return Envelope.newBuilder().setPayload(payload.toByteString()).build().toByteString();
        }
    }

    private static String txIdOf(ByteString envelope) {
        try {
            Payload payload = Payload.parseFrom(Envelope.parseFrom(envelope).getPayload());
            return ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getTxId();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The query system chaincode over a list of blocks, recording which blocks were read by transaction id. */
    static final class FakeQscc extends UnsupportedContract {
        final List<Block> chain = new ArrayList<>();
        final List<String> reads = new ArrayList<>();
        volatile boolean slowBlockReads;
        private final String channel;

        FakeQscc(String channel) {
            this.channel = channel;
        }

        void add(Tx... txs) {
            BlockData.Builder data = BlockData.newBuilder();
            byte[] validity = new byte[txs.length];
            for (int i = 0; i < txs.length; i++) {
                data.addData(txs[i].envelope());
                validity[i] = (byte) txs[i].code().getNumber();
            }
            chain.add(Block.newBuilder()
                    .setHeader(BlockHeader.newBuilder().setNumber(chain.size()))
                    .setData(data)
                    .setMetadata(BlockMetadata.newBuilder()
                            .addMetadata(ByteString.EMPTY)
                            .addMetadata(ByteString.EMPTY)
                            .addMetadata(ByteString.copyFrom(validity)))
                    .build());
        }

        @Override
        public byte[] evaluateTransaction(String name, String... args) {
            assertThat(args[0]).isEqualTo(channel);
            switch (name) {
                case "GetChainInfo":
                    return org.hyperledger.fabric.protos.common.BlockchainInfo.newBuilder().setHeight(chain.size())
                            .build().toByteArray();
                case "GetBlockByNumber":
                    synchronized (this) {
                        reads.add(name + " " + args[1]);
                    }
                    if (slowBlockReads) {
                        try {
                            Thread.sleep(200);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return chain.get(Integer.parseInt(args[1])).toByteArray();
                case "GetBlockByTxID":
                    synchronized (this) {
                        reads.add(name + " " + args[1]);
                    }
                    for (Block block : chain) {
                        for (ByteString envelope : block.getData().getDataList()) {
                            if (txIdOf(envelope).equals(args[1])) {
                                return block.toByteArray();
                            }
                        }
                    }
                    throw new IllegalArgumentException("no transaction " + args[1]);
                default:
                    throw new UnsupportedOperationException(name);
            }
        }
    }
}
