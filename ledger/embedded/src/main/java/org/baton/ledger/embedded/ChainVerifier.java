package org.baton.ledger.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.baton.ledger.Sha256;
import org.baton.ledger.TxId;
import org.baton.ledger.tx.LedgerTransaction;
import org.baton.ledger.tx.TransactionCodec;
import org.baton.trust.Consortium;
import org.baton.trust.Member;

/**
 * Re-checks a whole chain ({@code baton ledger verify}): every block's format, number, link to the previous
 * block's hash, sequence numbers and time order, its operator signature, and every transaction's canonical form,
 * uniqueness and signature against the consortium file; then that the chain head names the last block. Any
 * altered byte in a block fails its hash (hence its operator signature and the next block's link) and is
 * reported as that block.
 */
public final class ChainVerifier {

    private ChainVerifier() {
    }

    /**
     * Verifies the ledger in {@code dataDirectory}, opened read-only (a running ledger server may keep it open).
     *
     * @throws LedgerStorageException if the directory is not a ledger store
     */
    public static ChainReport verify(Path dataDirectory, Consortium consortium) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(consortium, "consortium");
        try (ChainStore store = ChainStore.openReadOnly(dataDirectory)) {
            return verify(store, consortium);
        }
    }

    static ChainReport verify(ChainStore store, Consortium consortium) {
        Optional<ChainHead> head = store.head();
        Sha256 previousHash = Block.GENESIS_PARENT;
        long expectedSequence = 1;
        long previousTime = 0;
        long transactions = 0;
        Set<TxId> seen = new HashSet<>();
        long number = 0;
        while (true) {
            Optional<byte[]> stored = store.block(number);
            if (stored.isEmpty()) {
                break;
            }
            Optional<String> problem = checkBlock(number, stored.get(), previousHash, expectedSequence, previousTime,
                    consortium, seen);
            if (problem.isPresent()) {
                return new ChainReport(number, transactions, Optional.of(new ChainReport.Fault(number, problem.get())));
            }
            Block block = BlockCodec.decode(stored.get());
            previousHash = BlockCodec.hashOfStored(stored.get());
            expectedSequence = block.lastSequence() + 1;
            previousTime = block.time().toEpochMilli();
            transactions += block.transactions().size();
            number++;
        }
        if (head.isEmpty() && number > 0) {
            return new ChainReport(number, transactions, Optional.of(new ChainReport.Fault(number - 1,
                    "the store has blocks but no chain head")));
        }
        if (head.isPresent() && (head.get().number() != number - 1 || !head.get().hash().equals(previousHash))) {
            long bad = Math.min(head.get().number(), number);
            return new ChainReport(number, transactions, Optional.of(new ChainReport.Fault(bad,
                    "the chain head names block " + head.get().number() + " with hash " + head.get().hash()
                    + ", but the chain ends at block " + (number - 1) + " with hash " + previousHash)));
        }
        return new ChainReport(number, transactions, Optional.empty());
    }

    private static Optional<String> checkBlock(long number, byte[] stored, Sha256 previousHash, long expectedSequence,
            long previousTime, Consortium consortium, Set<TxId> seen) {
        Block block;
        try {
            block = BlockCodec.decode(stored);
        } catch (IllegalArgumentException e) {
            return Optional.of("is malformed: it " + e.getMessage());
        }
        Sha256 hash = BlockCodec.hashOfStored(stored);
        Optional<Member> operator = consortium.member(block.operator());
        if (operator.isEmpty()) {
            return Optional.of("is signed by " + block.operator() + ", who is not a member of the consortium");
        }
        if (!operator.get().signingKey().verify(BlockCodec.signingPayload(hash), BlockCodec.operatorSignature(stored))) {
            return Optional.of("the operator signature of " + block.operator()
                    + " does not verify: the block was altered after it was signed");
        }
        if (block.number() != number) {
            return Optional.of("is stored as block " + number + " but says it is block " + block.number());
        }
        if (!block.previousHash().equals(previousHash)) {
            return Optional.of("links to previous hash " + block.previousHash() + ", but the previous block hashes to "
                    + previousHash);
        }
        if (block.firstSequence() != expectedSequence) {
            return Optional.of("starts at sequence " + block.firstSequence() + ", not " + expectedSequence);
        }
        if (block.time().toEpochMilli() < previousTime) {
            return Optional.of("has time " + block.time() + ", before the previous block's");
        }
        List<Set<TxId>> envelopeIds = new ArrayList<>(Collections.nCopies(block.envelopes().size(), null));
        Map<String, Boolean> envelopeVerified = new HashMap<>();
        for (int i = 0; i < block.transactions().size(); i++) {
            BlockTx signed = block.transactions().get(i);
            byte[] bytes = signed.transaction();
            TxId txId = TransactionCodec.txId(bytes);
            LedgerTransaction tx;
            try {
                tx = TransactionCodec.decode(bytes);
            } catch (IllegalArgumentException e) {
                return Optional.of("transaction " + i + " is malformed: " + e.getMessage());
            }
            if (!seen.add(txId)) {
                return Optional.of("transaction " + i + " (" + txId + ") appears earlier in the chain");
            }
            Optional<Member> submitter = consortium.member(tx.submitter());
            if (submitter.isEmpty()) {
                return Optional.of("transaction " + i + " (" + txId + ") is signed by " + tx.submitter()
                        + ", who is not a member of the consortium");
            }
            if (signed.signature() == null) {
                int e = signed.envelope();
                if (envelopeIds.get(e) == null) {
                    envelopeIds.set(e, block.envelopes().get(e).idSet());
                }
                if (!envelopeIds.get(e).contains(txId)) {
                    return Optional.of("transaction " + i + " (" + txId + ") is not listed in batch envelope " + e
                            + " that is to sign it");
                }
                Member signer = submitter.get();
                if (!envelopeVerified.computeIfAbsent(e + "/" + signer.id().value(),
                        key -> block.envelopes().get(e).verifiedBy(signer.signingKey()))) {
                    return Optional.of("the batch signature of envelope " + e + " over transaction " + i + " (" + txId
                            + ") by " + tx.submitter() + " does not verify");
                }
            } else if (!submitter.get().signingKey().verify(TransactionCodec.signingPayload(bytes),
                    signed.signature())) {
                return Optional.of("the signature of transaction " + i + " (" + txId + ") by " + tx.submitter()
                        + " does not verify");
            }
        }
        return Optional.empty();
    }
}
