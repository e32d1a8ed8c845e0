package org.baton.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.baton.ledger.testing.LedgerFixtures.COLLEGE;
import static org.baton.ledger.testing.LedgerFixtures.DISTRICT;

import com.google.protobuf.ByteString;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.baton.ledger.Committed;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.EventCheckpoint;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.GrantId;
import org.baton.ledger.LedgerRejectedException;
import org.baton.ledger.RefusalReason;
import org.baton.ledger.Scope;
import org.baton.ledger.TxId;
import org.baton.ledger.testing.LedgerFixtures;
import org.baton.ledger.testing.MutableClock;
import org.baton.ledger.tx.SignedTransaction;
import org.baton.ledger.tx.TxBody;
import org.baton.proto.v1.LedgerServiceGrpc;
import org.baton.proto.v1.SubmitTransactionRequest;
import org.baton.proto.v1.SubmitTransactionsRequest;
import org.baton.proto.v1.SubmitTransactionsResponse;
import org.baton.proto.v1.TransactionResult;
import org.baton.trust.InstitutionId;
import org.baton.trust.MutualTls;
import org.baton.trust.PeerEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batched SubmitTransactions rpc over mutual TLS, and RemoteLedger gathering concurrent submits into it. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SubmitTransactionsIT {

    private final LedgerPki pki = LedgerPki.shared();
    private final MutableClock clock = new MutableClock(LedgerFixtures.START);

    @TempDir
    Path dir;

    private EmbeddedLedgerServer server;
    private ManagedChannel channel;
    private LedgerServiceGrpc.LedgerServiceBlockingStub district;

    @BeforeEach
    void start() {
        EmbeddedLedger ledger = EmbeddedLedger.open(EmbeddedLedgerConfig.defaults(dir), pki.consortium(),
                pki.operator(), clock);
        server = EmbeddedLedgerServer.serve(ledger, new InetSocketAddress("127.0.0.1", 0), pki.operator(),
                pki.consortium());
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.port(),
                MutualTls.channelCredentials(pki.credentials(DISTRICT), pki.operatorMember())).build();
        district = LedgerServiceGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
    }

    private SignedTransaction signed(InstitutionId signer, TxBody body) {
        return LocalLedger.sign(signer, pki.credentials(signer).signingKey(), body, clock);
    }

    private static SubmitTransactionRequest entry(SignedTransaction signed) {
        return SubmitTransactionRequest.newBuilder()
                .setTransaction(ByteString.copyFrom(signed.transaction()))
                .setSignature(ByteString.copyFrom(signed.signature()))
                .build();
    }

    private SubmitTransactionsResponse submit(SubmitTransactionRequest... entries) {
        return district.withDeadlineAfter(20, TimeUnit.SECONDS)
                .submitTransactions(SubmitTransactionsRequest.newBuilder().addAllTransactions(List.of(entries)).build());
    }

    private static TxId txIdOf(SignedTransaction signed) {
        return signed.txId();
    }

    @Nested
    class A_batch {

        @Test
        void commits_its_valid_transactions_in_order_and_refuses_the_others_each_with_its_reason() {
            ConsentGrant grant = LedgerFixtures.grant(clock.instant()).build();
            GrantId unknown = GrantId.random();
            SignedTransaction create = signed(DISTRICT, new TxBody.CreateGrant(grant));
            SignedTransaction revokeUnknown = signed(DISTRICT, new TxBody.RevokeGrant(unknown));
            ExchangeReceipt receipt = LedgerFixtures.receiptUnder(grant, EnumSet.of(Scope.TRANSCRIPT), clock.instant());
            SignedTransaction record = signed(DISTRICT, new TxBody.RecordReceipt(receipt));
            SignedTransaction forged = new SignedTransaction(
                    signed(DISTRICT, new TxBody.RevokeGrant(grant.id())).transaction(), new byte[64]);
            SignedTransaction byCollege = signed(COLLEGE, new TxBody.RevokeGrant(grant.id()));

            SubmitTransactionsResponse response = submit(entry(create), entry(revokeUnknown), entry(record),
                    entry(forged), entry(byCollege));

            assertThat(response.getResultsList()).extracting(TransactionResult::getTxId).containsExactly(
                    txIdOf(create).value(), txIdOf(revokeUnknown).value(), txIdOf(record).value(),
                    txIdOf(forged).value(), txIdOf(byCollege).value());
            assertThat(response.getResultsList()).extracting(TransactionResult::getOutcomeCase).containsExactly(
                    TransactionResult.OutcomeCase.COMMITTED, TransactionResult.OutcomeCase.REFUSAL,
                    TransactionResult.OutcomeCase.COMMITTED, TransactionResult.OutcomeCase.REFUSAL,
                    TransactionResult.OutcomeCase.REFUSAL);
            long grantSequence = response.getResults(0).getCommitted().getCommit().getSequence();
            assertThat(response.getResults(2).getCommitted().getCommit().getSequence()).isGreaterThan(grantSequence);
            assertThat(response.getResults(1).getRefusal().getReason())
                    .isEqualTo(org.baton.proto.v1.RefusalReason.REFUSAL_GRANT_NOT_FOUND);
            assertThat(response.getResults(1).getRefusal().getDetail())
                    .isEqualTo("grant " + unknown + " is not on the ledger");
            assertThat(response.getResults(3).getRefusal().getReason())
                    .isEqualTo(org.baton.proto.v1.RefusalReason.REFUSAL_BAD_SIGNATURE);
            assertThat(response.getResults(4).getRefusal().getReason())
                    .isEqualTo(org.baton.proto.v1.RefusalReason.REFUSAL_SUBMITTER_NOT_CALLER);
            assertThat(response.getResults(4).getRefusal().getDetail())
                    .isEqualTo("caller " + DISTRICT + " submitted a transaction signed as " + COLLEGE);
            EmbeddedLedger ledger = server.ledger();
            assertThat(ledger.reader().grant(grant.id())).get()
                    .satisfies(record1 -> assertThat(record1.revoked()).isEmpty());
            assertThat(ledger.reader().receipt(receipt.id())).isPresent();
        }

        @Test
        void judges_each_transaction_of_a_large_batch_on_its_own_whichever_thread_verifies_it() {
            ConsentGrant grant = LedgerFixtures.grant(clock.instant()).build();
            List<SubmitTransactionRequest> entries = new ArrayList<>();
            entries.add(entry(signed(DISTRICT, new TxBody.CreateGrant(grant))));
            for (int i = 1; i < 200; i++) {
                SignedTransaction record = signed(DISTRICT, new TxBody.RecordReceipt(
                        LedgerFixtures.receiptUnder(grant, EnumSet.of(Scope.GPA), clock.instant())));
                entries.add(i % 3 == 0 ? entry(new SignedTransaction(record.transaction(), new byte[64]))
                        : entry(record));
            }

            SubmitTransactionsResponse response = submit(entries.toArray(SubmitTransactionRequest[]::new));

            assertThat(response.getResultsCount()).isEqualTo(200);
            for (int i = 0; i < 200; i++) {
                TransactionResult result = response.getResults(i);
                if (i > 0 && i % 3 == 0) {
                    assertThat(result.getRefusal().getReason()).as("result %d", i)
                            .isEqualTo(org.baton.proto.v1.RefusalReason.REFUSAL_BAD_SIGNATURE);
                } else {
                    assertThat(result.getOutcomeCase()).as("result %d", i)
                            .isEqualTo(TransactionResult.OutcomeCase.COMMITTED);
                }
            }
            assertThat(server.ledger().reader().receiptsByGrant(grant.id())).hasSize(199 - 199 / 3);
        }

        @Test
        void refuses_a_transaction_that_appears_twice_as_a_duplicate_and_commits_it_once() {
            SignedTransaction create = signed(DISTRICT, new TxBody.CreateGrant(
                    LedgerFixtures.grant(clock.instant()).build()));

            SubmitTransactionsResponse response = submit(entry(create), entry(create));

            assertThat(response.getResults(0).getOutcomeCase()).isEqualTo(TransactionResult.OutcomeCase.COMMITTED);
            assertThat(response.getResults(1).getRefusal().getReason())
                    .isEqualTo(org.baton.proto.v1.RefusalReason.REFUSAL_DUPLICATE_TRANSACTION);
            assertThat(response.getResults(1).getRefusal().getDetail())
                    .isEqualTo("transaction " + create.txId() + " is also at index 0 of the batch");
            assertThat(server.ledger().reader().events(EventCheckpoint.START, 10).events()).hasSize(1);
        }

        @Test
        void refuses_a_transaction_already_on_the_ledger_as_a_duplicate() {
            SignedTransaction create = signed(DISTRICT, new TxBody.CreateGrant(
                    LedgerFixtures.grant(clock.instant()).build()));
            submit(entry(create));

            SubmitTransactionsResponse again = submit(entry(create));

            assertThat(again.getResults(0).getRefusal().getReason())
                    .isEqualTo(org.baton.proto.v1.RefusalReason.REFUSAL_DUPLICATE_TRANSACTION);
        }

        @Test
        void refuses_a_malformed_entry_and_still_commits_the_rest() {
            SignedTransaction create = signed(DISTRICT, new TxBody.CreateGrant(
                    LedgerFixtures.grant(clock.instant()).build()));
            SubmitTransactionRequest shortSignature = entry(create).toBuilder()
                    .setSignature(ByteString.copyFrom(new byte[10])).build();
            SignedTransaction other = signed(DISTRICT, new TxBody.CreateGrant(
                    LedgerFixtures.grant(clock.instant()).build()));

            SubmitTransactionsResponse response = submit(shortSignature, entry(other));

            assertThat(response.getResults(0).getRefusal().getReason())
                    .isEqualTo(org.baton.proto.v1.RefusalReason.REFUSAL_MALFORMED_TRANSACTION);
            assertThat(response.getResults(0).getRefusal().getDetail())
                    .isEqualTo("at index 0 of the batch: transaction signature has 10 bytes, not 64");
            assertThat(response.getResults(1).getOutcomeCase()).isEqualTo(TransactionResult.OutcomeCase.COMMITTED);
        }

        @Test
        void is_refused_when_empty() {
            assertThatThrownBy(() -> submit())
                    .isInstanceOf(StatusRuntimeException.class)
                    .hasMessage("INVALID_ARGUMENT: the batch holds no transaction");
        }

        @Test
        void is_refused_whole_when_it_holds_more_than_1000_transactions() {
            SubmitTransactionRequest[] entries = new SubmitTransactionRequest[1001];
            for (int i = 0; i < entries.length; i++) {
                entries[i] = entry(signed(DISTRICT, new TxBody.RevokeGrant(GrantId.random())));
            }

            assertThatThrownBy(() -> submit(entries))
                    .isInstanceOf(StatusRuntimeException.class)
                    .hasMessage("INVALID_ARGUMENT: the batch holds 1001 transactions, over the limit of 1000");
            assertThat(server.ledger().head()).isEmpty();
        }

        @Test
        void is_refused_whole_when_it_is_over_4_mib() {
            SubmitTransactionRequest big = SubmitTransactionRequest.newBuilder()
                    .setTransaction(ByteString.copyFrom(new byte[16 * 1024]))
                    .setSignature(ByteString.copyFrom(new byte[64]))
                    .build();
            SubmitTransactionRequest[] entries = new SubmitTransactionRequest[260];
            java.util.Arrays.fill(entries, big);

            assertThatThrownBy(() -> submit(entries))
                    .isInstanceOf(StatusRuntimeException.class)
                    .hasMessageStartingWith("RESOURCE_EXHAUSTED: ")
                    .hasMessageContaining("4194304")
                    .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
                    .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(server.ledger().head()).isEmpty();
        }
    }

    @Nested
    class A_batch_signature {

        private SubmitTransactionRequest unsignedEntry(byte[] transaction) {
            return SubmitTransactionRequest.newBuilder().setTransaction(ByteString.copyFrom(transaction)).build();
        }

        private byte[] unsigned(TxBody body) {
            return org.baton.ledger.tx.TransactionCodec.encode(
                    org.baton.ledger.tx.LedgerTransaction.create(DISTRICT, body, clock.instant()));
        }

        private byte[] id(byte[] transaction) {
            return java.util.HexFormat.of().parseHex(org.baton.ledger.tx.TransactionCodec.txId(transaction).value());
        }

        @Test
        void signs_the_transactions_without_a_signature_of_their_own_next_to_one_with_its_own() {
            ConsentGrant grant = LedgerFixtures.grant(clock.instant()).build();
            SignedTransaction create = signed(DISTRICT, new TxBody.CreateGrant(grant));
            byte[] first = unsigned(new TxBody.RecordReceipt(
                    LedgerFixtures.receiptUnder(grant, EnumSet.of(Scope.TRANSCRIPT), clock.instant())));
            byte[] second = unsigned(new TxBody.RevokeGrant(grant.id()));
            BatchEnvelope envelope = BatchEnvelope.sign(List.of(id(first), id(second)),
                    pki.credentials(DISTRICT).signingKey());

            SubmitTransactionsResponse response = district.withDeadlineAfter(20, TimeUnit.SECONDS).submitTransactions(
                    SubmitTransactionsRequest.newBuilder().addTransactions(entry(create))
                            .addTransactions(unsignedEntry(first)).addTransactions(unsignedEntry(second))
                            .setBatchSignature(ByteString.copyFrom(envelope.signature())).build());

            assertThat(response.getResultsList()).extracting(TransactionResult::getOutcomeCase).containsOnly(
                    TransactionResult.OutcomeCase.COMMITTED);
            assertThat(ChainVerifier.verify(((ChainLedger) server.ledger()).store(), pki.consortium()).intact()).isTrue();
        }

        @Test
        void that_does_not_verify_refuses_each_transaction_it_signs_as_badly_signed() {
            byte[] revoke = unsigned(new TxBody.RevokeGrant(GrantId.random()));

            SubmitTransactionsResponse response = district.withDeadlineAfter(20, TimeUnit.SECONDS).submitTransactions(
                    SubmitTransactionsRequest.newBuilder().addTransactions(unsignedEntry(revoke))
                            .setBatchSignature(ByteString.copyFrom(new byte[64])).build());

            assertThat(response.getResults(0).getRefusal().getReason())
                    .isEqualTo(org.baton.proto.v1.RefusalReason.REFUSAL_BAD_SIGNATURE);
            assertThat(response.getResults(0).getRefusal().getDetail())
                    .isEqualTo("the batch signature does not verify against the signing key of " + DISTRICT);
        }

        @Test
        void missing_refuses_a_transaction_without_a_signature_as_malformed() {
            byte[] revoke = unsigned(new TxBody.RevokeGrant(GrantId.random()));

            SubmitTransactionsResponse response = submit(unsignedEntry(revoke));

            assertThat(response.getResults(0).getRefusal().getReason())
                    .isEqualTo(org.baton.proto.v1.RefusalReason.REFUSAL_MALFORMED_TRANSACTION);
            assertThat(response.getResults(0).getRefusal().getDetail()).isEqualTo(
                    "at index 0 of the batch: the transaction has no signature and the batch has no batch signature");
        }

        @Test
        void of_the_wrong_length_refuses_the_call() {
            byte[] revoke = unsigned(new TxBody.RevokeGrant(GrantId.random()));

            assertThatThrownBy(() -> district.withDeadlineAfter(20, TimeUnit.SECONDS).submitTransactions(
                    SubmitTransactionsRequest.newBuilder().addTransactions(unsignedEntry(revoke))
                            .setBatchSignature(ByteString.copyFrom(new byte[63])).build()))
                    .isInstanceOf(StatusRuntimeException.class)
                    .hasMessage("INVALID_ARGUMENT: the batch signature has 63 bytes, not 64");
        }
    }

    @Nested
    class Concurrent_submits_through_RemoteLedger {

        @Test
        void each_caller_gets_its_own_outcome() throws Exception {
            SubmitBatching gathering = new SubmitBatching(256, 1024 * 1024, Duration.ofMillis(20), 1);
            try (RemoteLedger client = RemoteLedger.connect(new PeerEndpoint("127.0.0.1", server.port()),
                    pki.operatorMember(), pki.credentials(DISTRICT), Duration.ofSeconds(20), gathering)) {
                ConsentGrant grant = LedgerFixtures.grant(clock.instant()).build();
                client.writer().createGrant(grant);
                int callers = 24;
                CyclicBarrier together = new CyclicBarrier(callers);
                ExecutorService pool = Executors.newFixedThreadPool(callers);
                try {
                    List<Future<Void>> done = new ArrayList<>();
                    for (int i = 0; i < callers; i++) {
                        boolean valid = i % 2 == 0;
                        done.add(pool.submit(() -> {
                            ConsentGrant under = valid ? grant : LedgerFixtures.grant(clock.instant()).build();
                            ExchangeReceipt receipt = LedgerFixtures.receiptUnder(under, EnumSet.of(Scope.GPA),
                                    clock.instant());
                            together.await();
                            if (valid) {
                                Committed committed = client.writer().recordReceipt(receipt);
                                assertThat(client.reader().receipt(receipt.id())).get()
                                        .satisfies(r -> assertThat(r.recorded()).isEqualTo(committed));
                            } else {
                                assertThatThrownBy(() -> client.writer().recordReceipt(receipt))
                                        .isInstanceOf(LedgerRejectedException.class)
                                        .hasMessageEndingWith("GRANT_NOT_FOUND (grant " + under.id()
                                                + " of receipt " + receipt.id() + " is not on the ledger)")
                                        .extracting(e -> ((LedgerRejectedException) e).reason())
                                        .isEqualTo(RefusalReason.GRANT_NOT_FOUND);
                                assertThat(client.reader().receipt(receipt.id())).isEmpty();
                            }
                            return null;
                        }));
                    }
                    for (Future<Void> future : done) {
                        future.get();
                    }
                } finally {
                    pool.shutdownNow();
                }
                assertThat(client.reader().receiptsByGrant(grant.id())).hasSize(callers / 2);
            }
        }
    }
}
