package org.baton.ledger.contract;

import java.time.Duration;
import java.time.Instant;
import org.baton.ledger.Ledger;
import org.baton.ledger.TxId;
import org.baton.ledger.testing.InMemoryLedger;
import org.baton.ledger.testing.MutableClock;
import org.baton.trust.InstitutionId;

/** The contract suite against the in-memory fake, which keeps the fake honest for the tests that use it. */
class InMemoryLedgerContractTest extends LedgerContractTest {

    @Override
    protected Backend openBackend(Instant start) {
        MutableClock clock = new MutableClock(start);
        InMemoryLedger ledger = new InMemoryLedger(clock);
        return new Backend() {
            @Override
            public Ledger ledgerFor(InstitutionId institution) {
                return ledger.as(institution);
            }

            @Override
            public void advanceTime(Duration duration) {
                clock.advance(duration);
            }

            @Override
            public void replay(TxId txId) {
                ledger.replay(txId);
            }

            @Override
            public void close() {
            }
        };
    }
}
