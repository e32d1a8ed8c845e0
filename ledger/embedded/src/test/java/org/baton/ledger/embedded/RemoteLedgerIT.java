package org.baton.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.baton.ledger.testing.LedgerFixtures.COLLEGE;
import static org.baton.ledger.testing.LedgerFixtures.DISTRICT;
import static org.baton.ledger.testing.LedgerFixtures.UNIVERSITY;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.EventCheckpoint;
import org.baton.ledger.GrantId;
import org.baton.ledger.LedgerRejectedException;
import org.baton.ledger.LedgerUnavailableException;
import org.baton.ledger.PageRequest;
import org.baton.ledger.PageToken;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.RefusalReason;
import org.baton.ledger.Scope;
import org.baton.ledger.TimeRange;
import org.baton.ledger.testing.LedgerFixtures;
import org.baton.ledger.testing.MutableClock;
import org.baton.ledger.tx.LedgerTransaction;
import org.baton.ledger.tx.SignedTransaction;
import org.baton.ledger.tx.TransactionCodec;
import org.baton.ledger.tx.TxBody;
import org.baton.proto.v1.GetReceiptsRequest;
import org.baton.proto.v1.LedgerServiceGrpc;
import org.baton.trust.MutualTls;
import org.baton.trust.PeerEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the remote path can get wrong: the caller's TLS identity, errors in transit, and deadlines. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RemoteLedgerIT {

    private final LedgerPki pki = LedgerPki.shared();
    private final MutableClock clock = new MutableClock(LedgerFixtures.START);

    @TempDir
    Path dir;

    private EmbeddedLedgerServer server;
    private PeerEndpoint endpoint;

    @BeforeEach
    void start() {
        EmbeddedLedger ledger = EmbeddedLedger.open(EmbeddedLedgerConfig.defaults(dir), pki.consortium(),
                pki.operator(), clock);
        server = EmbeddedLedgerServer.serve(ledger, new InetSocketAddress("127.0.0.1", 0), pki.operator(),
                pki.consortium());
        endpoint = new PeerEndpoint("127.0.0.1", server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RemoteLedger connect(org.baton.trust.InstitutionId institution) {
        return RemoteLedger.connect(endpoint, pki.operatorMember(), pki.credentials(institution), Duration.ofSeconds(20));
    }

    @Test
    void refuses_a_transaction_signed_by_another_institution_than_the_caller() {
        ConsentGrant grant = LedgerFixtures.grant(clock.instant()).build();
        byte[] bytes = TransactionCodec.encode(LedgerTransaction.create(DISTRICT, new TxBody.CreateGrant(grant),
                clock.instant()));
        SignedTransaction signedByDistrict = new SignedTransaction(bytes,
                pki.credentials(DISTRICT).signingKey().sign(TransactionCodec.signingPayload(bytes)));

        try (RemoteLedger college = connect(COLLEGE)) {
            assertThatThrownBy(() -> college.submit(signedByDistrict))
                    .isInstanceOf(LedgerRejectedException.class)
                    .hasMessageContaining("SUBMITTER_NOT_CALLER")
                    .hasMessageContaining("caller " + COLLEGE + " submitted a transaction signed as " + DISTRICT)
                    .extracting(e -> ((LedgerRejectedException) e).reason())
                    .isEqualTo(RefusalReason.SUBMITTER_NOT_CALLER);
            assertThat(college.reader().grant(grant.id())).isEmpty();
        }
        try (RemoteLedger district = connect(DISTRICT)) {
            assertThat(district.submit(signedByDistrict).txId()).isEqualTo(signedByDistrict.txId());
        }
    }

    @Test
    void carries_the_transaction_id_of_a_refusal_across_the_wire() {
        try (RemoteLedger university = connect(UNIVERSITY)) {
            GrantId unknown = GrantId.random();

            assertThatThrownBy(() -> university.writer().revokeGrant(unknown))
                    .isInstanceOf(LedgerRejectedException.class)
                    .hasMessageMatching("ledger refused transaction [0-9a-f]{64}: GRANT_NOT_FOUND \\(grant "
                            + unknown + " is not on the ledger\\)");
        }
    }

    @Test
    void reports_a_bad_query_as_an_illegal_argument() {
        try (RemoteLedger university = connect(UNIVERSITY)) {
            assertThatThrownBy(() -> university.reader().grantsByInstitution(UNIVERSITY, TimeRange.all(),
                    PageRequest.after(PageToken.of("bm90LWEtdG9rZW4"), 10)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("grantsByInstitution: page token is not from this ledger");
        }
    }

    @Test
    void reports_an_unreachable_ledger_as_unavailable_with_the_transaction_id() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (RemoteLedger nowhere = RemoteLedger.connect(new PeerEndpoint("127.0.0.1", closedPort),
                pki.operatorMember(), pki.credentials(DISTRICT), Duration.ofSeconds(5))) {
            ConsentGrant grant = LedgerFixtures.grant(clock.instant()).build();

            assertThatThrownBy(() -> nowhere.writer().createGrant(grant))
                    .isInstanceOf(LedgerUnavailableException.class)
                    .hasMessageContaining("ledger unavailable for createGrant of transaction")
                    .hasMessageContaining("(outcome unknown)")
                    .extracting(e -> ((LedgerUnavailableException) e).txId())
                    .isNotEqualTo(Optional.empty());
            assertThatThrownBy(() -> nowhere.reader().events(EventCheckpoint.START, 10))
                    .isInstanceOf(LedgerUnavailableException.class)
                    .hasMessageStartingWith("ledger unavailable for events: UNAVAILABLE");
        }
    }

    @Test
    void reconnects_on_the_next_call_once_the_ledger_is_back() {
        int port = server.port();
        try (RemoteLedger district = connect(DISTRICT)) {
            district.writer().createGrant(LedgerFixtures.grant(clock.instant()).build());
            server.close();
            assertThatThrownBy(() -> district.reader().events(EventCheckpoint.START, 10))
                    .isInstanceOf(LedgerUnavailableException.class);
            assertThatThrownBy(() -> district.writer().createGrant(LedgerFixtures.grant(clock.instant()).build()))
                    .isInstanceOf(LedgerUnavailableException.class);

            EmbeddedLedger reopened = EmbeddedLedger.open(EmbeddedLedgerConfig.defaults(dir), pki.consortium(),
                    pki.operator(), clock);
            server = EmbeddedLedgerServer.serve(reopened, new InetSocketAddress("127.0.0.1", port), pki.operator(),
                    pki.consortium());

            // Without a reset, the channel would still be waiting out its reconnect backoff and fail at once.
            assertThat(district.reader().events(EventCheckpoint.START, 10).events()).hasSize(1);
            assertThat(district.writer().createGrant(LedgerFixtures.grant(clock.instant()).build()).sequence())
                    .isEqualTo(2);
        }
    }
    @Test
    void answers_concurrent_receipt_reads_each_with_its_own_receipt_or_none() throws Exception {
        try (RemoteLedger district = connect(DISTRICT); RemoteLedger university = connect(UNIVERSITY)) {
            ConsentGrant grant = LedgerFixtures.grant(clock.instant()).build();
            district.writer().createGrant(grant);
            List<ExchangeReceipt> recorded = new ArrayList<>();
            for (int n = 0; n < 20; n++) {
                ExchangeReceipt receipt = LedgerFixtures.receiptUnder(grant, EnumSet.of(Scope.TRANSCRIPT),
                        clock.instant());
                district.writer().recordReceipt(receipt);
                recorded.add(receipt);
            }
            List<ReceiptId> asked = new ArrayList<>();
            recorded.forEach(receipt -> asked.add(receipt.id()));
            for (int n = 0; n < 20; n++) {
                asked.add(ReceiptId.random());
            }
            ExecutorService readers = Executors.newFixedThreadPool(16);
            try {
                List<Future<Optional<ReceiptRecord>>> reads = new ArrayList<>();
                for (ReceiptId id : asked) {
                    reads.add(readers.submit(() -> university.reader().receipt(id)));
                }
                for (int n = 0; n < asked.size(); n++) {
                    Optional<ReceiptRecord> read = reads.get(n).get(30, TimeUnit.SECONDS);
                    if (n < recorded.size()) {
                        assertThat(read).map(ReceiptRecord::receipt).contains(recorded.get(n));
                    } else {
                        assertThat(read).isEmpty();
                    }
                }
            } finally {
                readers.shutdownNow();
            }
            assertThat(server.callsServed()).containsKey("GetReceipts").doesNotContainKey("GetReceipt");
            assertThat(server.callsServed().get("GetReceipts")).isBetween(1L, (long) asked.size());
        }
    }

    @Test
    void refuses_a_batched_receipt_read_of_no_receipts_or_a_malformed_id() {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.port(),
                MutualTls.channelCredentials(pki.credentials(UNIVERSITY), pki.operatorMember())).build();
        try {
            LedgerServiceGrpc.LedgerServiceBlockingStub stub = LedgerServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(20, TimeUnit.SECONDS);
            assertThatThrownBy(() -> stub.getReceipts(GetReceiptsRequest.getDefaultInstance()))
                    .isInstanceOf(StatusRuntimeException.class)
                    .hasMessage("INVALID_ARGUMENT: GetReceipts asks for 0 receipts, not 1..1000");
            assertThatThrownBy(() -> stub.getReceipts(GetReceiptsRequest.newBuilder().addReceiptIds("nope").build()))
                    .isInstanceOf(StatusRuntimeException.class)
                    .hasMessageStartingWith("INVALID_ARGUMENT: ");
        } finally {
            channel.shutdownNow();
        }
    }
}
