package org.baton.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ExchangeBenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void runs_both_phases_between_two_real_nodes_and_writes_each_phase_s_figures_as_json() throws Exception {
        Path json = dir.resolve("exchange.json");
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new ExchangeBenchCommand());
        cli.setOut(new PrintWriter(out));

        int code = cli.execute("--students", "20", "--courses", "5", "--concurrency", "4", "--clients", "3",
                "--warmup-seconds", "1", "--seconds", "2", "--latency-rate", "20", "--ag-status", "--json",
                json.toString());

        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("baton bench exchange: ").contains("exchanges/s");
        JsonNode figures = new ObjectMapper().readTree(json.toFile());
        assertThat(figures.path("benchmark").asText()).isEqualTo("exchange");
        assertThat(figures.path("parameters").path("scopes").asText()).isEqualTo("TRANSCRIPT,AG_STATUS");
        assertThat(figures.path("parameters").path("clients").asText()).isEqualTo("3");
        JsonNode throughput = figures.path("measurements").get(0);
        assertThat(throughput.path("name").asText()).isEqualTo("throughput");
        assertThat(throughput.path("operations").asLong()).isPositive();
        assertThat(throughput.path("figures").path("failures").asLong()).isZero();
        assertThat(throughput.path("figures").path("cpuMillisPerExchange").asDouble()).isPositive();
        double syncP50 = throughput.path("figures").path("syncedWriteMicros.p50").asDouble();
        assertThat(syncP50).isPositive();
        assertThat(throughput.path("figures").path("syncedWriteMicros.p99").asDouble()).isGreaterThanOrEqualTo(syncP50);
        JsonNode latency = figures.path("measurements").get(1);
        assertThat(latency.path("name").asText()).isEqualTo("latency");
        assertThat(latency.path("figures").path("rateOffered").asDouble()).isEqualTo(20.0);
        // About 40 exchanges start in the 2 s window at 20 a second; the CPU they took is per exchange started.
        assertThat(latency.path("operations").asLong()).isBetween(20L, 41L);
        assertThat(latency.path("figures").path("cpuMillisPerExchange").asDouble()).isPositive();
        assertThat(latency.path("figures").path("ledgerCallsPerExchange").asDouble()).isPositive();
        // Each exchange commits a receipt and an acknowledgment, and a block holds one or more of them (the window
        // also sees the blocks of exchanges started just before it).
        assertThat(latency.path("figures").path("ledgerBlocksPerExchange").asDouble()).isPositive()
                .isLessThanOrEqualTo(3.0);
        assertThat(throughput.path("figures").path("ledgerBlocksPerExchange").asDouble()).isPositive()
                .isLessThanOrEqualTo(3.0);
        // Pulls go to the source in batch calls of one to four here (four in flight).
        assertThat(throughput.path("figures").path("pullsPerBatchCall").asDouble()).isBetween(1.0, 4.0);
        assertThat(latency.path("figures").path("pullsPerBatchCall").asDouble()).isBetween(1.0, 4.0);
        assertThat(latency.path("figures").has("startLagMillis.p99")).isTrue();
        assertThat(latency.path("latencyMillis").path("p50").asDouble())
                .isGreaterThanOrEqualTo(latency.path("figures").path("stepMillis.acknowledge.p50").asDouble());
        assertThat(latency.path("figures").path("stepMillis.acknowledge.p50").asDouble()).isPositive();
        assertThat(latency.path("figures").path("stepMillis.receipt.p50").asDouble()).isPositive();
        // The throughput phase times the steps too, in its own window.
        assertThat(throughput.path("figures").path("stepMillis.request.p50").asDouble()).isPositive();
        assertThat(throughput.path("figures").path("stepMillis.request.p99").asDouble())
                .isGreaterThanOrEqualTo(throughput.path("figures").path("stepMillis.request.p50").asDouble());
    }

    @Test
    void refuses_a_latency_rate_below_one_per_second_before_starting_anything() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ExchangeBenchCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int code = cli.execute("--latency-rate", "0.5");

        assertThat(code).isEqualTo(ExchangeBenchCommand.FAILED);
        assertThat(err.toString()).contains(
                "baton bench exchange: latency rate 0.5 is outside 1..100000 exchanges per second");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void refuses_a_concurrency_of_zero() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ExchangeBenchCommand());
        cli.setErr(new PrintWriter(err));

        assertThat(cli.execute("--concurrency", "0")).isEqualTo(ExchangeBenchCommand.FAILED);
        assertThat(err.toString()).contains("baton bench exchange: concurrency 0 is outside 1..4096");
    }

    @Test
    void refuses_no_clients() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ExchangeBenchCommand());
        cli.setErr(new PrintWriter(err));

        assertThat(cli.execute("--clients", "0")).isEqualTo(ExchangeBenchCommand.FAILED);
        assertThat(err.toString()).contains("baton bench exchange: clients 0 is outside 1..256");
    }

    @Test
    void refuses_a_channel_without_a_fabric_network_and_a_network_file_it_cannot_read() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ExchangeBenchCommand());
        cli.setErr(new PrintWriter(err));

        assertThat(cli.execute("--channel", "baton1")).isEqualTo(ExchangeBenchCommand.FAILED);
        assertThat(err.toString())
                .contains("baton bench exchange: --channel is a channel of a Fabric network; it needs --fabric");
        assertThat(cli.execute("--fabric", "no-such-network.properties")).isEqualTo(ExchangeBenchCommand.FAILED);
        assertThat(err.toString())
                .contains("baton bench exchange: cannot read the Fabric network file no-such-network.properties");
    }
}
