package org.baton.ledger.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.baton.ledger.Committed;
import org.baton.ledger.TxId;
import org.baton.ledger.rules.Decision;
import org.baton.ledger.rules.LedgerRules;
import org.baton.ledger.tx.LedgerTransaction;
import org.baton.ledger.tx.TransactionCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Derives the state from the chain: replays every block's transactions through the rules at the block's time,
 * exactly as the sequencer applied them. Signatures are not re-checked here ({@link ChainVerifier} does that).
 */
final class StateRebuilder {

    private static final Logger LOG = LoggerFactory.getLogger(StateRebuilder.class);

    private StateRebuilder() {
    }

    static long rebuild(ChainStore store) {
        store.markRebuilding(true);
        store.resetState();
        Optional<ChainHead> head = store.head();
        if (head.isEmpty()) {
            store.markRebuilding(false);
            return 0;
        }
        long replayed = 0;
        for (long number = 0; number <= head.get().number(); number++) {
            long n = number;
            byte[] stored = store.block(n).orElseThrow(() -> new LedgerStorageException(store.directory(),
                    "block " + n + " is missing below the chain head " + head.get().number(), null));
            Block block;
            try {
                block = BlockCodec.decode(stored);
            } catch (IllegalArgumentException e) {
                throw new LedgerStorageException(store.directory(), "block " + n + " is malformed: " + e.getMessage(), e);
            }
            StateOverlay state = new StateOverlay(store);
            List<Decision.Accepted> accepted = new ArrayList<>(block.transactions().size());
            for (int i = 0; i < block.transactions().size(); i++) {
                byte[] bytes = block.transactions().get(i).transaction();
                TxId txId = TransactionCodec.txId(bytes);
                LedgerTransaction tx;
                try {
                    tx = TransactionCodec.decode(bytes);
                } catch (IllegalArgumentException e) {
                    throw new LedgerStorageException(store.directory(),
                            "block " + n + " transaction " + i + " is malformed: " + e.getMessage(), e);
                }
                Decision decision = LedgerRules.decide(state, tx,
                        new Committed(txId, block.firstSequence() + i, block.time()));
                if (decision instanceof Decision.Refused refused) {
                    throw new LedgerStorageException(store.directory(), "block " + n + " transaction " + i + " ("
                            + txId + ") is refused on replay: " + refused.reason() + " (" + refused.detail() + ")", null);
                }
                Decision.Accepted ok = (Decision.Accepted) decision;
                state.apply(ok);
                accepted.add(ok);
            }
            store.applyState(block, accepted);
            replayed += accepted.size();
        }
        store.syncLog();
        store.markRebuilding(false);
        LOG.info("rebuilt the ledger state from {} blocks, {} transactions", head.get().number() + 1, replayed);
        return replayed;
    }
}
