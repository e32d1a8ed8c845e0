package org.baton.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.baton.node.exchange.ExchangeNetwork.DISTRICT;
import static org.baton.node.exchange.ExchangeNetwork.UNIVERSITY;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantorRole;
import org.baton.ledger.Purpose;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.ledger.Sources;
import org.baton.ledger.testing.MutableClock;
import org.baton.node.student.Ssid;
import org.baton.proto.v1.RequestRecordsRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger goes away and comes back: transfers fail closed meanwhile, and what queued drains exactly once. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LedgerOutageIT {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private ExchangeNetwork network;

    @AfterEach
    void stop() {
        if (network != null) {
            network.close();
        }
    }

    private Exchanges exchanges(org.baton.trust.InstitutionId id) {
        return network.node(id).exchange().orElseThrow().exchanges();
    }

    @Test
    void transfers_fail_closed_while_the_ledger_is_down_and_queued_work_drains_once_when_it_returns()
            throws Exception {
        network = new ExchangeNetwork(dir, "exchange:\n  retryInitialMillis: 20\n  retryMaxMillis: 300\n");
        network.startLedger(clock);
        network.startNode(DISTRICT, clock, List.of());
        network.startNode(UNIVERSITY, clock, List.of());
        network.node(DISTRICT).store().writeStudents(List.of(Students.record(1, DISTRICT.value(), 40)));
        var student = network.node(DISTRICT).store().findBySsid(Ssid.of(Students.ssid(1))).orElseThrow().id();
        GrantId grant = network.node(DISTRICT).exchange().orElseThrow().consent().grant(new ConsentRequest(student,
                GrantorRole.STUDENT, UNIVERSITY, Sources.named(DISTRICT), Set.of(Scope.TRANSCRIPT, Scope.AWARDS),
                Purpose.ADMISSION, clock.instant().plus(Duration.ofDays(30)),
                Sha256.hash("doc".getBytes(StandardCharsets.UTF_8)))).grant().id();
        Eventually.until("the first pull is acknowledged", () -> network.ledger().ledger().reader()
                .receiptsByGrant(grant).stream().anyMatch(r -> r.acknowledged().isPresent()));

        network.ledger().close();

        ManagedChannel channel = network.channel(UNIVERSITY, DISTRICT);
        try {
            assertThatThrownBy(() -> ExchangeNetwork.stub(channel).requestRecords(RequestRecordsRequest.newBuilder()
                    .setRequestId(Hex128.random()).setGrantId(grant.value())
                    .addScopes(org.baton.proto.v1.Scope.SCOPE_TRANSCRIPT).build()))
                    .isInstanceOf(StatusRuntimeException.class)
                    .hasMessageStartingWith("UNAVAILABLE: ledger unavailable for recordReceipt");
        } finally {
            channel.shutdownNow();
        }
        ExchangeId pull = exchanges(UNIVERSITY).pull(grant, DISTRICT, Set.of(Scope.TRANSCRIPT));
        ExchangeId push = exchanges(DISTRICT).push(grant, Set.of(Scope.AWARDS));
        Eventually.until("the district shows the receipt queued and the ledger unreachable",
                () -> exchanges(DISTRICT).status().queuedReceipts() == 1 && !exchanges(DISTRICT).status()
                        .ledgerReachable());
        assertThat(exchanges(UNIVERSITY).exchange(pull).orElseThrow().state()).isEqualTo(ExchangeState.REQUESTED);

        network.startLedger(clock);

        assertThat(exchanges(UNIVERSITY).whenSettled(pull).toCompletableFuture().get(120,
                java.util.concurrent.TimeUnit.SECONDS).state()).isEqualTo(ExchangeState.ACKNOWLEDGED);
        assertThat(exchanges(DISTRICT).whenSettled(push).toCompletableFuture().get(120,
                java.util.concurrent.TimeUnit.SECONDS).state()).isEqualTo(ExchangeState.DELIVERED);
        Eventually.until("every receipt acknowledged", () -> {
            List<ReceiptRecord> receipts = network.ledger().ledger().reader().receiptsByGrant(grant);
            return receipts.stream().allMatch(r -> r.acknowledged().isPresent());
        });
        // The first pull, the queued pull and the queued push: each recorded once. The refused raw request left a
        // package signed in the district's outbox whose receipt never reached the ledger.
        assertThat(network.ledger().ledger().reader().receiptsByGrant(grant)).hasSize(3);
        assertThat(exchanges(DISTRICT).status().ledgerReachable()).isTrue();
    }
}
