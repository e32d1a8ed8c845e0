package org.baton.ledger.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.baton.ledger.Ledger;
import org.baton.ledger.TxId;
import org.baton.ledger.contract.LedgerContractTest;
import org.baton.ledger.testing.MutableClock;
import org.baton.ledger.tx.SignedTransaction;
import org.baton.ledger.tx.TransactionCodec;
import org.baton.trust.InstitutionId;

/** The contract suite against an embedded ledger in this process (RocksDB in a temporary directory). */
class EmbeddedLedgerContractTest extends LedgerContractTest {

    @Override
    protected Backend openBackend(Instant start) throws IOException {
        LedgerPki pki = LedgerPki.shared();
        Path dir = Files.createTempDirectory("embedded-ledger");
        MutableClock clock = new MutableClock(start);
        ChainLedger ledger = (ChainLedger) EmbeddedLedger.open(EmbeddedLedgerConfig.defaults(dir), pki.consortium(),
                pki.operator(), clock);
        return new Backend() {
            @Override
            public Ledger ledgerFor(InstitutionId institution) {
                return ledger.ledgerFor(institution, pki.credentials(institution).signingKey());
            }

            @Override
            public void advanceTime(Duration duration) {
                clock.advance(duration);
            }

            @Override
            public void replay(TxId txId) {
                byte[] bytes = ledger.transactionBytes(txId).orElseThrow();
                InstitutionId signer = TransactionCodec.decode(bytes).submitter();
                ledger.submit(new SignedTransaction(bytes, pki.credentials(signer).signingKey()
                        .sign(TransactionCodec.signingPayload(bytes))));
            }

            @Override
            public void close() {
                ledger.close();
                deleteRecursively(dir);
            }
        };
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
