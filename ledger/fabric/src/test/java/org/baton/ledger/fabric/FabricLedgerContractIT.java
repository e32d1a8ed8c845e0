package org.baton.ledger.fabric;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.baton.ledger.Ledger;
import org.baton.ledger.TxId;
import org.baton.ledger.contract.LedgerContractTest;
import org.baton.ledger.testing.MutableClock;
import org.baton.ledger.tx.TransactionCodec;
import org.baton.trust.InstitutionId;

/**
 * The ledger contract suite, unchanged, against a real Fabric network: the {@code baton} chaincode on a peer of the
 * district and one of the university, a Raft orderer, every member with its own Fabric client identity. Each test
 * gets a channel no other test used, so an empty ledger; the transaction time is the stamp the clients put on their
 * proposals, which the suite's clock sets.
 */
class FabricLedgerContractIT extends LedgerContractTest {

    @Override
    protected Backend openBackend(Instant start) {
        FabricNetwork network = FabricNetwork.shared();
        String channel = network.freshChannel();
        MutableClock clock = new MutableClock(start);
        TransactionClock stamps = new TransactionClock(clock);
        List<FabricLedger> own = new ArrayList<>();
        return new Backend() {
            @Override
            public Ledger ledgerFor(InstitutionId institution) {
                return FabricLedger.connect(network.config(institution, channel), stamps);
            }

            @Override
            public void advanceTime(Duration duration) {
                clock.advance(duration);
            }

            /** Reads the transaction's bytes from its block, as captured traffic, and submits them again. */
            @Override
            public void replay(TxId txId) {
                FabricLedger reader = ledger(network.members().get(0));
                byte[] canonical = ChainInspection.submittedBytes(network.config(network.members().get(0), channel),
                        reader.reader().transaction(txId).orElseThrow().sequence());
                ledger(TransactionCodec.decode(canonical).submitter()).submitCanonical(canonical);
            }

            private FabricLedger ledger(InstitutionId institution) {
                FabricLedger ledger = FabricLedger.connect(network.config(institution, channel), stamps);
                own.add(ledger);
                return ledger;
            }

            @Override
            public void close() {
                own.forEach(FabricLedger::close);
            }
        };
    }
}
