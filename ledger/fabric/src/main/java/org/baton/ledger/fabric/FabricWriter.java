package org.baton.ledger.fabric;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.baton.ledger.Acknowledgment;
import org.baton.ledger.ChaincodeFunctions;
import org.baton.ledger.Committed;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.GrantId;
import org.baton.ledger.LedgerRejectedException;
import org.baton.ledger.LedgerUnavailableException;
import org.baton.ledger.LedgerWriter;
import org.baton.ledger.RefusalReason;
import org.baton.ledger.TxId;
import org.baton.ledger.tx.LedgerTransaction;
import org.baton.ledger.tx.TransactionCodec;
import org.baton.ledger.tx.TxBody;
import org.baton.trust.InstitutionId;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.gateway.ProposedTransaction;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Writes through the chaincode's {@code Submit}: each Baton transaction becomes one Fabric transaction, endorsed,
 * ordered and committed, whose timestamp the {@link TransactionClock} sets.
 *
 * <p>A refusal because the grant or receipt is not on the ledger is endorsed again for a while ({@link CatchUp}): the
 * endorsing peer may not have committed yet the block another institution's write went into.
 *
 * <p>A Fabric transaction that lost a read conflict to another in the same block (two revocations of one grant, a
 * receipt recorded while its grant is revoked) is invalidated at commit and changed nothing; it is endorsed again
 * against the new state, where the rules decide afresh — at most {@value #ATTEMPTS} times.
 */
final class FabricWriter implements LedgerWriter {

    private static final int ATTEMPTS = 5;

    private final InstitutionId institution;
    private final Gateway gateway;
    private final Contract contract;
    private final TransactionClock clock;
    private final ChaincodeDocuments documents;
    private final ExecutorService async;
    private final CatchUp catchUp;

    FabricWriter(InstitutionId institution, Gateway gateway, Contract contract, TransactionClock clock,
            ChaincodeDocuments documents, ExecutorService async, CatchUp catchUp) {
        this.institution = Objects.requireNonNull(institution, "institution");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.contract = Objects.requireNonNull(contract, "contract");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.documents = Objects.requireNonNull(documents, "documents");
        this.async = Objects.requireNonNull(async, "async");
        this.catchUp = Objects.requireNonNull(catchUp, "catchUp");
    }

    @Override
    public Committed createGrant(ConsentGrant grant) {
        return submit(new TxBody.CreateGrant(grant));
    }

    @Override
    public Committed revokeGrant(GrantId grant) {
        return submit(new TxBody.RevokeGrant(grant));
    }

    @Override
    public Committed recordReceipt(ExchangeReceipt receipt) {
        return submit(new TxBody.RecordReceipt(receipt));
    }

    /** Endorses and commits the receipts concurrently; each future completes with its own commit or refusal. */
    @Override
    public List<CompletableFuture<Committed>> recordReceipts(List<ExchangeReceipt> receipts) {
        List<CompletableFuture<Committed>> outcomes = new ArrayList<>(receipts.size());
        for (ExchangeReceipt receipt : receipts) {
            Objects.requireNonNull(receipt, "receipt");
            outcomes.add(later(() -> recordReceipt(receipt)));
        }
        return outcomes;
    }

    @Override
    public Committed acknowledge(Acknowledgment acknowledgment) {
        return submit(new TxBody.AcknowledgeReceipt(acknowledgment));
    }

    @Override
    public Committed accept(ExchangeReceipt expected) {
        return submit(TxBody.AcknowledgeReceipt.accepting(expected));
    }

    @Override
    public CompletableFuture<Committed> acceptAsync(ExchangeReceipt expected) {
        Objects.requireNonNull(expected, "expected");
        return later(() -> accept(expected));
    }

    /** The write on the pool: its future fails with the exception the write threw, as its cause. */
    private CompletableFuture<Committed> later(Supplier<Committed> write) {
        return CompletableFuture.supplyAsync(write, async);
    }

    private Committed submit(TxBody body) {
        LedgerTransaction transaction = LedgerTransaction.create(institution, body, clock.now());
        return submitCanonical(TransactionCodec.encode(transaction));
    }

    /** Submits a transaction's canonical bytes as they are (also how a replay of captured bytes arrives). */
    Committed submitCanonical(byte[] canonical) {
        TxId txId = TransactionCodec.txId(canonical);
        long catchUpDeadline = Long.MAX_VALUE;
        int conflicts = 0;
        while (true) {
            Proposal proposal = stamped(contract.newProposal(ChaincodeFunctions.SUBMIT).addArguments(canonical).build(),
                    clock.next());
            Transaction endorsed;
            try {
                endorsed = proposal.endorse();
            } catch (EndorseException e) {
                Optional<LedgerRejectedException> refused = FabricErrors.refusal(e, txId);
                if (refused.isPresent() && refused.get().reason().category() == RefusalReason.Category.NOT_FOUND) {
                    // The grant or receipt may be in a block the endorsing peer has not committed yet.
                    catchUpDeadline = Math.min(catchUpDeadline, catchUp.deadline());
                    if (catchUp.pause(catchUpDeadline)) {
                        continue;
                    }
                }
                if (refused.isPresent()) {
                    throw refused.get();
                }
                throw new LedgerUnavailableException("endorse", Optional.of(txId), e);
            }
            SubmittedTransaction submitted;
            try {
                submitted = endorsed.submitAsync();
            } catch (SubmitException e) {
                throw new LedgerUnavailableException("submit", Optional.of(txId), e);
            }
            Status status;
            try {
                status = submitted.getStatus();
            } catch (CommitStatusException e) {
                throw new LedgerUnavailableException("commit status", Optional.of(txId), e);
            }
            if (status.isSuccessful()) {
                return documents.submitted(submitted.getResult(), status.getBlockNumber());
            }
            if (!conflict(status.getCode()) || ++conflicts == ATTEMPTS) {
                throw new LedgerUnavailableException("commit", Optional.of(txId), new IllegalStateException(
                        "Fabric invalidated transaction " + status.getTransactionId() + ": " + status.getCode()));
            }
        }
    }

    private static boolean conflict(TxValidationCode code) {
        return code == TxValidationCode.MVCC_READ_CONFLICT || code == TxValidationCode.PHANTOM_READ_CONFLICT;
    }

    /**
     * The same proposal with its channel header's timestamp set to {@code at}. The Gateway client stamps proposals
     * with the system clock; the ledger's transaction time must come from the node's {@link TransactionClock}. The
     * transaction id does not depend on the timestamp, and the proposal is signed only when it is endorsed.
     */
    private Proposal stamped(Proposal unsigned, Instant at) {
        try {
            ProposedTransaction proposed = ProposedTransaction.parseFrom(unsigned.getBytes());
            org.hyperledger.fabric.protos.peer.Proposal proposal =
                    org.hyperledger.fabric.protos.peer.Proposal.parseFrom(proposed.getProposal().getProposalBytes());
            Header header = Header.parseFrom(proposal.getHeader());
            ChannelHeader channelHeader = ChannelHeader.parseFrom(header.getChannelHeader()).toBuilder()
                    .setTimestamp(Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()))
                    .build();
            org.hyperledger.fabric.protos.peer.Proposal restamped = proposal.toBuilder()
                    .setHeader(header.toBuilder().setChannelHeader(channelHeader.toByteString()).build().toByteString())
                    .build();
            return gateway.newProposal(proposed.toBuilder()
                    .setProposal(SignedProposal.newBuilder().setProposalBytes(restamped.toByteString()))
                    .build()
                    .toByteArray());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("the Gateway client built a proposal that cannot be parsed", e);
        }
    }
}
