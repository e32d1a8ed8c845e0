package org.baton.ledger.fabric;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.baton.bench.BenchReport;
import org.baton.bench.LatencyRecorder;
import org.baton.bench.Machine;
import org.baton.bench.Measurement;
import org.baton.bench.ResourceMeter;
import org.baton.bench.Resources;
import org.baton.ledger.CommitmentSalt;
import org.baton.ledger.Committed;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantorRole;
import org.baton.ledger.Purpose;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.ledger.Sources;
import org.baton.ledger.SubjectCommitment;
import org.baton.trust.InstitutionId;

/**
 * Receipts per second and commit latency through a real Fabric network: concurrent submitters of one district record
 * receipts under one grant through the district's Gateway peer; each receipt is endorsed by the chaincode, ordered
 * into a block and committed before its call returns. The figure to compare with {@code baton bench ledger}.
 */
public final class FabricLedgerBench {

    /**
     * What to run.
     *
     * @param submitters concurrent submitters (1 to 1024)
     * @param warmup unmeasured time first
     * @param duration measured time
     */
    public record Options(int submitters, Duration warmup, Duration duration) {
        public Options {
            if (submitters < 1 || submitters > 1024) {
                throw new IllegalArgumentException("submitters " + submitters + " is not between 1 and 1024");
            }
            Objects.requireNonNull(warmup, "warmup");
            Objects.requireNonNull(duration, "duration");
            if (warmup.isNegative() || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("the warm-up must not be negative and the measured time positive");
            }
        }
    }

    private FabricLedgerBench() {
    }

    /**
     * Runs the benchmark on {@code channel} of {@code network}, as its first district (sender) and first college or
     * university (recipient).
     */
    public static BenchReport run(FabricNetworkFile network, String channel, Options options)
            throws InterruptedException {
        InstitutionId district = network.members().stream().filter(id -> id.value().length() == 14).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(network.file() + " names no district among its members"));
        InstitutionId recipient = network.members().stream().filter(id -> id.value().length() == 6).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(network.file() + " names no college among its members"));
        try (FabricLedger ledger = FabricLedger.connect(network.config(district, channel,
                FabricLedgerConfig.Timeouts.DEFAULT), TransactionClock.system())) {
            Instant now = Clock.systemUTC().instant();
            ConsentGrant grant = new ConsentGrant(GrantId.random(),
                    SubjectCommitment.of(CommitmentSalt.random(), "1234567890"), GrantorRole.STUDENT, district,
                    recipient, Sources.named(district), EnumSet.of(Scope.TRANSCRIPT, Scope.GPA), Purpose.ADMISSION,
                    now, now.plus(Duration.ofDays(1)), Sha256.hash("consent".getBytes(StandardCharsets.UTF_8)));
            ledger.writer().createGrant(grant);

            long start = System.nanoTime();
            long from = start + options.warmup().toNanos();
            long until = from + options.duration().toNanos();
            LatencyRecorder latencies = new LatencyRecorder();
            AtomicLong failures = new AtomicLong();
            Set<Long> blocks = ConcurrentHashMap.newKeySet();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < options.submitters(); i++) {
                Thread thread = new Thread(() -> submit(ledger, grant, recipient, from, until, latencies, failures,
                        blocks), "fabric-bench-" + i);
                threads.add(thread);
                thread.start();
            }
            sleepUntil(from);
            ResourceMeter meter = ResourceMeter.start();
            for (Thread thread : threads) {
                thread.join();
            }
            Resources resources = meter.stop();
            double seconds = options.duration().toNanos() / 1e9;
            long receipts = latencies.count();
            Measurement commits = Measurement.of("commits", "receipts", receipts, seconds)
                    .withLatency(latencies.latency())
                    .with("blocks", blocks.size())
                    .with("receiptsPerBlock", blocks.isEmpty() ? 0.0 : (double) receipts / blocks.size())
                    .with("failures", failures.get());
            return new BenchReport("fabric", "the ledger on Hyperledger Fabric: receipts endorsed by the baton"
                    + " chaincode, ordered by Raft and committed, through fabric-gateway on 127.0.0.1; commit latency"
                    + " is proposal to commit status", Map.of("submitters", Integer.toString(options.submitters()),
                            "channel", channel, "warmupSeconds", Long.toString(options.warmup().toSeconds()),
                            "seconds", Long.toString(options.duration().toSeconds())),
                    List.of(commits), resources, Machine.current());
        }
    }

    private static void submit(FabricLedger ledger, ConsentGrant grant, InstitutionId recipient, long from, long until,
            LatencyRecorder latencies, AtomicLong failures, Set<Long> blocks) {
        while (true) {
            long begin = System.nanoTime();
            if (begin >= until) {
                return;
            }
            ExchangeReceipt receipt = ExchangeReceipt.underGrant(ReceiptId.random(), grant.id(), ledger.institution(),
                    recipient, EnumSet.of(Scope.TRANSCRIPT), Sha256.hash(ReceiptId.random().value()
                            .getBytes(StandardCharsets.UTF_8)), Instant.now());
            Committed committed;
            try {
                committed = ledger.writer().recordReceipt(receipt);
            } catch (RuntimeException e) {
                if (begin >= from) {
                    failures.incrementAndGet();
                }
                continue;
            }
            long end = System.nanoTime();
            if (begin >= from && end <= until) {
                latencies.record(end - begin);
                blocks.add(committed.sequence() >>> ChannelBlocks.INDEX_BITS);
            }
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long remaining;
        while ((remaining = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, remaining / 1_000_000));
        }
    }
}
