package org.baton.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.baton.bench.BenchReport;
import org.baton.bench.Measurement;
import org.junit.jupiter.api.Test;

/** {@code baton bench fabric}'s measurement, briefly, on a channel of its own of the test network. */
class FabricLedgerBenchIT {

    @Test
    void measures_committed_receipts_and_their_latency() throws InterruptedException {
        FabricNetwork network = FabricNetwork.shared();

        BenchReport report = FabricLedgerBench.run(FabricNetworkFile.read(network.file()), network.freshChannel(),
                new FabricLedgerBench.Options(8, Duration.ofSeconds(1), Duration.ofSeconds(3)));

        Measurement commits = report.measurement("commits").orElseThrow();
        assertThat(commits.operations()).isPositive();
        assertThat(commits.latency().orElseThrow().p50Millis()).isPositive();
        assertThat(commits.figures().get("blocks")).isPositive();
        assertThat(commits.figures().get("failures")).isZero();
        assertThat(report.parameters()).containsEntry("submitters", "8");
    }
}
