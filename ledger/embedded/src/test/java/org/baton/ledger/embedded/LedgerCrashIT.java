package org.baton.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.baton.ledger.testing.LedgerFixtures.DISTRICT;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.baton.ledger.Committed;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.EventCheckpoint;
import org.baton.ledger.EventPage;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.LedgerEvent;
import org.baton.ledger.LedgerException;
import org.baton.ledger.Scope;
import org.baton.ledger.TxId;
import org.baton.ledger.testing.LedgerFixtures;
import org.baton.ledger.tx.LedgerTransaction;
import org.baton.ledger.tx.SignedTransaction;
import org.baton.ledger.tx.TransactionCodec;
import org.baton.ledger.tx.TxBody;
import org.baton.trust.PeerEndpoint;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the ledger process (kill -9) in the middle of a burst of writes from several threads, restarts it, and
 * checks that every acknowledged transaction survived and that every other one is either entirely there or
 * entirely absent.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LedgerCrashIT {

    private static final int THREADS = 8;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 400;

    private final LedgerPki pki = LedgerPki.shared();

    @TempDir
    Path dir;

    private record Attempt(ExchangeReceipt receipt, TxId txId) {
    }

    @Test
    void keeps_every_acknowledged_transaction_and_half_applies_none() throws Exception {
        Path data = dir.resolve("ledger");
        Path log = dir.resolve("ledger.log");
        Map<TxId, Attempt> attempted = new ConcurrentHashMap<>();
        Map<TxId, Committed> acknowledged = new ConcurrentHashMap<>();
        ConsentGrant grant = LedgerFixtures.grant(Clock.systemUTC().instant()).build();

        LedgerProcess first = LedgerProcess.start(data, pki, log);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (RemoteLedger district = connect(first.port())) {
            district.writer().createGrant(grant);
            for (int t = 0; t < THREADS; t++) {
                pool.submit(() -> {
                    while (!stop.get()) {
                        ExchangeReceipt receipt = LedgerFixtures.receiptUnder(grant, EnumSet.of(Scope.TRANSCRIPT),
                                Clock.systemUTC().instant());
                        SignedTransaction signed = sign(receipt);
                        attempted.put(signed.txId(), new Attempt(receipt, signed.txId()));
                        try {
                            acknowledged.put(signed.txId(), district.submit(signed));
                        } catch (LedgerException e) {
                            // The ledger died under us: this one's outcome is unknown.
                        }
                    }
                    return null;
                });
            }
            while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL) {
                Thread.sleep(5);
            }
            first.kill();
            stop.set(true);
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
            first.kill();
        }
        assertThat(attempted.size()).isGreaterThan(acknowledged.size());

        List<TxId> present = new ArrayList<>();
        try (LedgerProcess second = LedgerProcess.start(data, pki, log);
                RemoteLedger district = connect(second.port())) {
            for (Committed committed : acknowledged.values()) {
                assertThat(district.reader().transaction(committed.txId())).contains(committed);
            }
            for (Attempt attempt : attempted.values()) {
                Optional<Committed> transaction = district.reader().transaction(attempt.txId());
                boolean receiptThere = district.reader().receipt(attempt.receipt().id()).isPresent();
                assertThat(receiptThere).as("receipt of transaction %s", attempt.txId())
                        .isEqualTo(transaction.isPresent());
                if (receiptThere) {
                    present.add(attempt.txId());
                }
            }
            assertThat(present).containsAll(acknowledged.keySet());
            assertThat(district.reader().receiptsByGrant(grant.id())).hasSize(present.size());
            List<LedgerEvent> events = allEvents(district);
            assertThat(events).hasSize(present.size() + 1);
            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i).sequence()).isEqualTo(i + 1L);
            }
        }
        ChainReport report = ChainVerifier.verify(data, pki.consortium());
        assertThat(report.intact()).as("%s", report.fault()).isTrue();
        assertThat(report.transactions()).isEqualTo(present.size() + 1L);
    }

    private RemoteLedger connect(int port) {
        return RemoteLedger.connect(new PeerEndpoint("127.0.0.1", port), pki.operatorMember(),
                pki.credentials(DISTRICT), Duration.ofSeconds(30));
    }

    private SignedTransaction sign(ExchangeReceipt receipt) {
        byte[] bytes = TransactionCodec.encode(LedgerTransaction.create(DISTRICT, new TxBody.RecordReceipt(receipt),
                Clock.systemUTC().instant()));
        return new SignedTransaction(bytes, pki.credentials(DISTRICT).signingKey().sign(
                TransactionCodec.signingPayload(bytes)));
    }

    private static List<LedgerEvent> allEvents(RemoteLedger ledger) {
        List<LedgerEvent> events = new ArrayList<>();
        EventCheckpoint checkpoint = EventCheckpoint.START;
        while (true) {
            EventPage page = ledger.reader().events(checkpoint, 1000);
            if (page.events().isEmpty()) {
                return events;
            }
            events.addAll(page.events());
            checkpoint = page.next();
        }
    }
}
