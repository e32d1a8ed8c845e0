package org.baton.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.baton.node.exchange.ExchangeNetwork.COLLEGE;
import static org.baton.node.exchange.ExchangeNetwork.DISTRICT;
import static org.baton.node.exchange.ExchangeNetwork.UNIVERSITY;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantorRole;
import org.baton.ledger.Purpose;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.ledger.Sources;
import org.baton.ledger.Verdict;
import org.baton.ledger.fabric.FabricLedger;
import org.baton.ledger.fabric.FabricNetwork;
import org.baton.ledger.fabric.TransactionClock;
import org.baton.ledger.testing.MutableClock;
import org.baton.node.config.NodeConfig;
import org.baton.node.student.Ssid;
import org.baton.node.student.StudentId;
import org.baton.trust.InstitutionId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes whose ledger is a real Fabric network (tools/fabric): the district, the college and the university started
 * from their YAML files with {@code ledger.type: fabric}, exchanging records over mutual TLS with grants, receipts and
 * acknowledgments committed by the {@code baton} chaincode — and a node restarted mid-way that picks up the
 * chaincode's events from its checkpoint.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FabricExchangeIT {

    @TempDir
    static Path dir;

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private final AtomicLong students = new AtomicLong(100);
    private FabricNetwork fabric;
    private String channel;
    private ExchangeNetwork network;
    private FabricLedger auditor;

    @BeforeAll
    void start() {
        fabric = FabricNetwork.shared();
        channel = fabric.freshChannel();
        network = new ExchangeNetwork(dir, "exchange:\n  retryInitialMillis: 20\n  retryMaxMillis: 500\n",
                Optional.of(this::ledgerSection));
        for (InstitutionId id : List.of(DISTRICT, COLLEGE, UNIVERSITY)) {
            network.startNode(id, clock, List.of());
        }
        auditor = FabricLedger.connect(fabric.config(ExchangeNetwork.CSAC, channel),
                new TransactionClock(java.time.Clock.systemUTC()));
    }

    @AfterAll
    void stop() {
        if (auditor != null) {
            auditor.close();
        }
        if (network != null) {
            network.close();
        }
    }

    private String ledgerSection(InstitutionId id) {
        return NodeConfig.FabricLedger.of(fabric.config(id, channel)).yaml();
    }

    private ExchangeModule module(InstitutionId id) {
        return network.node(id).exchange().orElseThrow();
    }

    private long student(InstitutionId... holders) {
        long n = students.incrementAndGet();
        for (InstitutionId holder : holders) {
            network.node(holder).store().writeStudents(List.of(Students.record(n, holder.value(), 40)));
        }
        return n;
    }

    private StudentId id(InstitutionId holder, long n) {
        return network.node(holder).store().findBySsid(Ssid.of(Students.ssid(n))).orElseThrow().id();
    }

    private GrantId grant(InstitutionId attester, long n, Sources sources, Scope... scopes) {
        return module(attester).consent().grant(new ConsentRequest(id(attester, n), GrantorRole.STUDENT, UNIVERSITY,
                sources, EnumSet.copyOf(List.of(scopes)), Purpose.ADMISSION, clock.instant().plus(Duration.ofDays(90)),
                Sha256.hash("signed consent".getBytes(StandardCharsets.UTF_8)))).grant().id();
    }

    private List<ReceiptRecord> acknowledgedReceipts(GrantId grant, int expected) {
        Eventually.until(expected + " receipts of grant " + grant + " acknowledged on Fabric", () -> {
            List<ReceiptRecord> receipts = auditor.reader().receiptsByGrant(grant);
            return receipts.size() == expected && receipts.stream().allMatch(r -> r.acknowledged().isPresent());
        });
        return auditor.reader().receiptsByGrant(grant);
    }

    /** The source's own view of what it sent under {@code grant}: acknowledged once its follower saw the event. */
    private void acknowledgedAtSource(InstitutionId source, GrantId grant) {
        Eventually.until(source + " sees its package under grant " + grant + " acknowledged", () ->
                module(source).exchanges().recent(1000).stream()
                        .filter(view -> view.direction() == ExchangeDirection.OUTBOUND
                                && view.grant().equals(Optional.of(grant)))
                        .anyMatch(view -> view.state() == ExchangeState.ACKNOWLEDGED
                                && view.verdict().equals(Optional.of(Verdict.ACCEPTED))));
    }

    private long checkpoint(InstitutionId id) {
        return module(id).store().index(ExchangeStore.LEDGER_CHECKPOINT).map(Long::parseLong).orElse(0L);
    }

    @Test
    void the_university_pulls_from_both_sources_and_the_receipts_and_acknowledgments_are_on_fabric() {
        long n = student(DISTRICT, COLLEGE, UNIVERSITY);

        GrantId grant = grant(DISTRICT, n, Sources.named(DISTRICT, COLLEGE), Scope.TRANSCRIPT, Scope.GPA);

        List<ReceiptRecord> receipts = acknowledgedReceipts(grant, 2);
        assertThat(receipts).extracting(r -> r.receipt().sender()).containsExactlyInAnyOrder(DISTRICT, COLLEGE);
        assertThat(receipts).allSatisfy(r -> {
            assertThat(r.acknowledged().orElseThrow().acknowledgment().verdict()).isEqualTo(Verdict.ACCEPTED);
            assertThat(r.recorded().sequence()).as("a Fabric block position").isGreaterThanOrEqualTo(1L << 20);
        });
        assertThat(module(UNIVERSITY).received().underGrant(grant)).extracting(ReceivedPackage::source)
                .containsExactlyInAnyOrder(DISTRICT, COLLEGE);
        acknowledgedAtSource(DISTRICT, grant);
        acknowledgedAtSource(COLLEGE, grant);
    }

    @Test
    void a_revocation_on_fabric_stops_the_next_transfer() {
        long n = student(DISTRICT, UNIVERSITY);
        GrantId grant = grant(DISTRICT, n, Sources.named(DISTRICT), Scope.TRANSCRIPT);
        acknowledgedReceipts(grant, 1);

        module(DISTRICT).consent().revoke(grant);
        ExchangeView after = settle(module(UNIVERSITY).exchanges().pull(grant, DISTRICT, Set.of(Scope.TRANSCRIPT)));

        assertThat(after.state()).isEqualTo(ExchangeState.REFUSED);
        assertThat(after.failure().orElseThrow()).contains("PERMISSION_DENIED").contains("revoked");
        assertThat(auditor.reader().receiptsByGrant(grant)).hasSize(1);
    }

    @Test
    void a_restarted_source_resumes_the_chaincode_events_from_its_checkpoint() {
        long first = student(DISTRICT, UNIVERSITY);
        GrantId before = grant(DISTRICT, first, Sources.named(DISTRICT), Scope.TRANSCRIPT);
        acknowledgedReceipts(before, 1);
        acknowledgedAtSource(DISTRICT, before);
        long checkpointBefore = checkpoint(DISTRICT);
        assertThat(checkpointBefore).as("a Fabric block position").isGreaterThanOrEqualTo(1L << 20);

        network.node(DISTRICT).close();
        long second = student(COLLEGE, UNIVERSITY);
        GrantId whileDown = grant(COLLEGE, second, Sources.named(COLLEGE), Scope.TRANSCRIPT);
        acknowledgedReceipts(whileDown, 1);
        network.startNode(DISTRICT, clock, List.of());

        long third = student(DISTRICT, UNIVERSITY);
        GrantId after = grant(DISTRICT, third, Sources.named(DISTRICT), Scope.TRANSCRIPT);
        acknowledgedReceipts(after, 1);
        acknowledgedAtSource(DISTRICT, after);
        assertThat(checkpoint(DISTRICT)).isGreaterThan(checkpointBefore);
        assertThat(module(DISTRICT).exchanges().recent(1000)).filteredOn(view -> view.grant().equals(Optional.of(before)))
                .singleElement().satisfies(view -> assertThat(view.state()).isEqualTo(ExchangeState.ACKNOWLEDGED));
    }

    @Test
    void a_push_while_the_orderer_hangs_commits_once_when_it_is_back() throws Exception {
        long n = student(DISTRICT, UNIVERSITY);
        GrantId grant = grant(DISTRICT, n, Sources.named(DISTRICT), Scope.TRANSCRIPT, Scope.AWARDS);
        acknowledgedReceipts(grant, 1);

        fabric.pauseOrderer();
        ExchangeId pushed;
        try {
            pushed = module(DISTRICT).exchanges().push(grant, Set.of(Scope.AWARDS));
            Eventually.until("the push's receipt to fail at least once", () -> module(DISTRICT).exchanges()
                    .exchange(pushed).map(view -> view.attempts() > 1 || view.lastError().isPresent()).orElse(false));
        } finally {
            fabric.resumeOrderer();
        }

        ExchangeView view = module(DISTRICT).exchanges().whenSettled(pushed).toCompletableFuture()
                .get(120, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(view.state()).as("%s", view).isIn(ExchangeState.DELIVERED, ExchangeState.ACKNOWLEDGED);
        List<ReceiptRecord> receipts = acknowledgedReceipts(grant, 2);
        assertThat(receipts).extracting(r -> r.receipt().id()).doesNotHaveDuplicates()
                .contains(view.receipt().orElseThrow());
        assertThat(module(UNIVERSITY).received().underGrant(grant)).hasSize(2);
    }

    private ExchangeView settle(ExchangeId id) {
        try {
            return module(UNIVERSITY).exchanges().whenSettled(id).toCompletableFuture()
                    .get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("exchange " + id + " did not settle", e);
        }
    }
}
