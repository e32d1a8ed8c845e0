package org.baton.tools.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.baton.ledger.GrantRecord;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.Sha256;
import org.baton.ledger.Verdict;
import org.baton.node.NodeApp;
import org.baton.node.config.NodeConfig;
import org.baton.node.exchange.ExchangeDirection;
import org.baton.node.exchange.ExchangeModule;
import org.baton.node.exchange.ExchangeState;
import org.baton.node.exchange.ExchangeView;
import org.baton.node.exchange.ReceivedPackage;
import org.baton.tools.soak.SoakCluster.Party;
import org.baton.trust.InstitutionId;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three node processes (district, college, university) and the embedded ledger in its own process, under a
 * sustained exchange load: students grant the university consent at the district's portal (transcript and GPA, from
 * the district and the college), and the university pulls from both sources on every grant. While the load runs,
 * in turn: the college (a source) and the university (the recipient) are killed with SIGKILL and restarted, the ledger
 * is killed and restarted, the college is frozen (SIGSTOP) long enough for calls to it to time out, and the district
 * (attester and source, with the portal) is killed and restarted. Afterwards the ledger and the university's store
 * must agree exactly: nothing lost, nothing twice, nothing outside a grant.
 *
 * <p>The CI run plays each fault once with a few seconds of load between them. {@code -Psoak} sets
 * {@code baton.soak.rounds} and {@code baton.soak.loadSeconds} for the long run (docs/testing.md).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConsortiumFaultIT {

    private static final Logger LOG = LoggerFactory.getLogger(ConsortiumFaultIT.class);
    private static final int ROUNDS = Integer.getInteger("baton.soak.rounds", 1);
    private static final Duration LOAD_BETWEEN_FAULTS = Duration.ofSeconds(Long.getLong("baton.soak.loadSeconds", 3));
    private static final int STUDENTS = Integer.getInteger("baton.soak.students", 2);
    /** A guard against a hung run, not a timed assertion: settling takes seconds. */
    private static final Duration SETTLE_GUARD = Duration.ofSeconds(240);
    private static final List<String> SCOPES = List.of("SCOPE_TRANSCRIPT", "SCOPE_GPA");

    @TempDir
    Path dir;

    @Test
    void every_receipt_matches_one_acknowledged_package_after_kills_of_source_recipient_and_ledger() throws Exception {
        try (SoakCluster cluster = SoakCluster.create(dir, STUDENTS, Map.of())) {
            cluster.startAll();
            Load load = new Load(cluster);
            load.start();
            for (int round = 1; round <= ROUNDS; round++) {
                LOG.info("fault round {} of {}", round, ROUNDS);
                fault(load, "SIGKILL the college (a source)", () -> cluster.killAndRestart(Party.COLLEGE));
                fault(load, "SIGKILL the university (the recipient)", () -> cluster.killAndRestart(Party.UNIVERSITY));
                fault(load, "SIGKILL the ledger", () -> cluster.killAndRestart(Party.LEDGER));
                fault(load, "freeze the college (unreachable)", () -> cluster.freeze(Party.COLLEGE,
                        Duration.ofSeconds(6)));
                fault(load, "SIGKILL the district (attester, source, portal)",
                        () -> cluster.killAndRestart(Party.DISTRICT));
            }
            Thread.sleep(LOAD_BETWEEN_FAULTS.toMillis());
            load.stop();

            assertThat(load.granted.get()).as("grants confirmed by the portal").isGreaterThanOrEqualTo(3);
            assertThat(cluster.starts(Party.COLLEGE)).isEqualTo(1 + ROUNDS);
            assertThat(cluster.starts(Party.UNIVERSITY)).isEqualTo(1 + ROUNDS);
            assertThat(cluster.starts(Party.LEDGER)).isEqualTo(1 + ROUNDS);
            assertThat(cluster.starts(Party.DISTRICT)).isEqualTo(1 + ROUNDS);

            LedgerView ledger = LedgerView.awaitSettled(cluster, SETTLE_GUARD);
            LOG.info("settled: {} grants ({} confirmed by the portal), {} receipts", ledger.grants().size(),
                    load.granted.get(), ledger.receipts().size());
            assertThat(ledger.grants().size()).isGreaterThanOrEqualTo((int) load.granted.get());
            assertReceiptsKeepTheGrants(ledger);

            cluster.stop(Party.UNIVERSITY);
            assertTheRecipientHoldsEveryReceiptedPackageOnce(cluster, ledger);
        }
    }

    private void fault(Load load, String what, Fault fault) throws Exception {
        Thread.sleep(LOAD_BETWEEN_FAULTS.toMillis());
        long before = load.granted.get();
        LOG.info("{} ({} grants so far)", what, before);
        fault.run();
    }

    /** Every grant has exactly one receipt per source, each acknowledged, inside the grant. */
    private static void assertReceiptsKeepTheGrants(LedgerView ledger) {
        Map<org.baton.ledger.GrantId, GrantRecord> grants = ledger.grants().stream()
                .collect(Collectors.toMap(g -> g.grant().id(), g -> g));
        for (ReceiptRecord record : ledger.receipts()) {
            var receipt = record.receipt();
            assertThat(receipt.grant()).as("receipt %s names a grant", receipt.id()).isPresent();
            GrantRecord grant = grants.get(receipt.grant().get());
            assertThat(grant).as("grant of receipt %s is the district's", receipt.id()).isNotNull();
            assertThat(receipt.recipient()).isEqualTo(Party.UNIVERSITY.id);
            assertThat(grant.grant().scopes()).as("scopes of receipt %s", receipt.id())
                    .containsAll(receipt.scopes());
            assertThat(grant.grant().sources().includes(receipt.sender())).as("sender of %s", receipt.id()).isTrue();
            Instant at = record.recorded().committedAt();
            assertThat(at).as("receipt %s recorded inside the grant's validity", receipt.id())
                    .isAfterOrEqualTo(grant.created().committedAt()).isBefore(grant.grant().expiresAt());
            grant.revoked().ifPresent(revoked -> assertThat(at).isBefore(revoked.committedAt()));
            assertThat(record.acknowledged()).as("acknowledgment of receipt %s", receipt.id()).isPresent();
            assertThat(record.acknowledged().get().acknowledgment().verdict()).isEqualTo(Verdict.ACCEPTED);
        }
        for (GrantRecord grant : ledger.grants()) {
            List<InstitutionId> senders = ledger.receipts().stream()
                    .filter(r -> r.receipt().grant().equals(Optional.of(grant.grant().id())))
                    .map(r -> r.receipt().sender()).sorted().toList();
            assertThat(senders).as("one receipt per source under grant %s", grant.grant().id())
                    .containsExactlyInAnyOrder(Party.DISTRICT.id, Party.COLLEGE.id);
        }
    }

    /** The university, stopped, holds one verified package per receipt, with the receipt's hash, and no others. */
    private static void assertTheRecipientHoldsEveryReceiptedPackageOnce(SoakCluster cluster, LedgerView ledger) {
        try (NodeApp university = NodeApp.create(NodeConfig.load(cluster.nodeConfig(Party.UNIVERSITY)))) {
            ExchangeModule exchange = university.exchange().orElseThrow();
            Map<org.baton.ledger.ReceiptId, Sha256> onLedger = ledger.receipts().stream()
                    .collect(Collectors.toMap(r -> r.receipt().id(), r -> r.receipt().packageHash()));
            Map<org.baton.ledger.ReceiptId, Sha256> held = new HashMap<>();
            for (GrantRecord grant : ledger.grants()) {
                for (ReceivedPackage received : exchange.received().underGrant(grant.grant().id())) {
                    assertThat(held.put(received.receipt(), received.hash()))
                            .as("package for receipt %s stored once", received.receipt()).isNull();
                }
            }
            assertThat(held).isEqualTo(onLedger);
            List<ExchangeView> inbound = exchange.exchanges().recent(10_000).stream()
                    .filter(v -> v.direction() == ExchangeDirection.INBOUND).toList();
            assertThat(inbound).hasSize(onLedger.size());
            assertThat(inbound).allSatisfy(v -> assertThat(v.state()).isEqualTo(ExchangeState.ACKNOWLEDGED));
            assertThat(inbound.stream().map(v -> v.receipt().orElseThrow()).collect(Collectors.toSet()))
                    .isEqualTo(onLedger.keySet());
        }
    }

    @FunctionalInterface
    private interface Fault {
        void run() throws Exception;
    }

    /** One thread per student granting consent at the district's portal, signing in again whenever it must. */
    private static final class Load {
        private final SoakCluster cluster;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong granted = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final List<Thread> threads = new ArrayList<>();

        Load(SoakCluster cluster) {
            this.cluster = cluster;
        }

        void start() {
            for (int n = 0; n < cluster.students().size(); n++) {
                int student = n;
                Thread thread = new Thread(() -> run(student), "soak-load-" + n);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
        }

        private void run(int n) {
            StudentPortal portal = new StudentPortal(cluster.portalUrl(), cluster.caCertificate());
            boolean signedIn = false;
            while (running.get()) {
                try {
                    if (!signedIn) {
                        signedIn = portal.signIn(cluster.usernames().get(n), SoakCluster.PASSWORD);
                        if (!signedIn) {
                            pause(500);
                            continue;
                        }
                    }
                    HttpResponse<String> answer = portal.grant(cluster.students().get(n), SCOPES, "PURPOSE_ADMISSION",
                            Party.UNIVERSITY.id.value(), List.of(Party.DISTRICT.id.value(), Party.COLLEGE.id.value()),
                            LocalDate.now().plusDays(30));
                    if (StudentPortal.granted(answer)) {
                        granted.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        signedIn = answer.statusCode() != 303;
                        signedIn = signedIn && answer.statusCode() < 500;
                        LOG.debug("grant answered {}", answer.statusCode());
                        if (answer.statusCode() == 303 || answer.statusCode() == 403 || answer.statusCode() == 401) {
                            signedIn = false;
                        }
                    }
                    pause(250);
                } catch (IOException e) {
                    failed.incrementAndGet();
                    signedIn = false;
                    pause(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private static void pause(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(30_000);
            }
            LOG.info("load stopped: {} grants confirmed, {} attempts failed", granted.get(), failed.get());
        }
    }
}
