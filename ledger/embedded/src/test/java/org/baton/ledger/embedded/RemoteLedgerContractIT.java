package org.baton.ledger.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.baton.ledger.Ledger;
import org.baton.ledger.TxId;
import org.baton.ledger.contract.LedgerContractTest;
import org.baton.ledger.testing.MutableClock;
import org.baton.ledger.tx.SignedTransaction;
import org.baton.ledger.tx.TransactionCodec;
import org.baton.trust.InstitutionId;
import org.baton.trust.PeerEndpoint;

/**
 * The contract suite through {@link RemoteLedger}: every call goes over gRPC with mutual TLS on 127.0.0.1 to an
 * {@link EmbeddedLedgerServer}, each institution with its own certificate. Writes go in SubmitTransactions
 * batches ({@link SubmitBatching#DEFAULT}); {@link UnaryRemoteLedgerContractIT} runs the suite over
 * SubmitTransaction.
 */
class RemoteLedgerContractIT extends LedgerContractTest {

    /** How the clients send transactions. */
    protected SubmitBatching batching() {
        return SubmitBatching.DEFAULT;
    }

    @Override
    protected Backend openBackend(Instant start) throws IOException {
        LedgerPki pki = LedgerPki.shared();
        Path dir = Files.createTempDirectory("remote-ledger");
        MutableClock clock = new MutableClock(start);
        EmbeddedLedger ledger = EmbeddedLedger.open(EmbeddedLedgerConfig.defaults(dir), pki.consortium(),
                pki.operator(), clock);
        EmbeddedLedgerServer server = EmbeddedLedgerServer.serve(ledger, new InetSocketAddress("127.0.0.1", 0),
                pki.operator(), pki.consortium());
        PeerEndpoint endpoint = new PeerEndpoint("127.0.0.1", server.port());
        return new Backend() {
            @Override
            public Ledger ledgerFor(InstitutionId institution) {
                return RemoteLedger.connect(endpoint, pki.operatorMember(), pki.credentials(institution),
                        Duration.ofSeconds(20), batching());
            }

            @Override
            public void advanceTime(Duration duration) {
                clock.advance(duration);
            }

            @Override
            public void replay(TxId txId) {
                byte[] bytes = ((ChainLedger) ledger).transactionBytes(txId).orElseThrow();
                InstitutionId signer = TransactionCodec.decode(bytes).submitter();
                SignedTransaction signed = new SignedTransaction(bytes, pki.credentials(signer).signingKey()
                        .sign(TransactionCodec.signingPayload(bytes)));
                try (RemoteLedger submitter = (RemoteLedger) ledgerFor(signer)) {
                    submitter.submit(signed);
                }
            }

            @Override
            public void close() {
                server.close();
                EmbeddedLedgerContractTest.deleteRecursively(dir);
            }
        };
    }
}
