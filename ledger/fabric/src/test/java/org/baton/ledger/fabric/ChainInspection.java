package org.baton.ledger.fabric;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Clock;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Transaction;

/** Reads what a Fabric transaction carried straight from its block, as someone who captured it would. */
final class ChainInspection {

    private ChainInspection() {
    }

    /**
     * The Baton transaction bytes the Fabric transaction at {@code sequence} submitted: the argument of its
     * {@code Submit} call.
     */
    static byte[] submittedBytes(FabricLedgerConfig config, long sequence) {
        long number = sequence >>> ChannelBlocks.INDEX_BITS;
        int index = (int) (sequence & ((1L << ChannelBlocks.INDEX_BITS) - 1));
        try (FabricLedger ledger = FabricLedger.connect(config, new TransactionClock(Clock.systemUTC()))) {
            Block block = Block.parseFrom(ledger.qscc().evaluateTransaction("GetBlockByNumber", config.channel(),
                    Long.toString(number)));
            Payload payload = Payload.parseFrom(Envelope.parseFrom(block.getData().getData(index)).getPayload());
            Transaction transaction = Transaction.parseFrom(payload.getData());
            ChaincodeActionPayload action = ChaincodeActionPayload.parseFrom(transaction.getActions(0).getPayload());
            ChaincodeInvocationSpec invocation = ChaincodeInvocationSpec.parseFrom(
                    ChaincodeProposalPayload.parseFrom(action.getChaincodeProposalPayload()).getInput());
            return invocation.getChaincodeSpec().getInput().getArgs(1).toByteArray();
        } catch (InvalidProtocolBufferException | org.hyperledger.fabric.client.GatewayException e) {
            throw new IllegalStateException("cannot read transaction " + index + " of block " + number, e);
        }
    }
}
