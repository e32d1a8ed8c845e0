package org.baton.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HarnessTest {

    @Nested
    class latency {

        @Test
        void takes_nearest_rank_percentiles_in_milliseconds() {
            LatencyRecorder recorder = new LatencyRecorder();
            for (int i = 100; i >= 1; i--) {
                recorder.record(i * 1_000_000L);
            }

            Latency latency = recorder.latency();

            assertThat(latency).isEqualTo(new Latency(100, 50, 95, 99, 100));
        }

        @Test
        void of_nothing_is_all_zero() {
            assertThat(Latency.ofNanos(new long[0])).isEqualTo(new Latency(0, 0, 0, 0, 0));
        }

        @Test
        void a_single_value_is_every_percentile() {
            assertThat(Latency.ofNanos(new long[] {2_500_000})).isEqualTo(new Latency(1, 2.5, 2.5, 2.5, 2.5));
        }

        @Test
        void refuses_a_negative_latency() {
            assertThatThrownBy(() -> new LatencyRecorder().record(-1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("latency -1 ns is negative");
        }

        @Test
        void keeps_every_value_recorded_from_many_threads() throws InterruptedException {
            LatencyRecorder recorder = new LatencyRecorder();
            Thread[] threads = new Thread[4];
            for (int t = 0; t < threads.length; t++) {
                threads[t] = new Thread(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        recorder.record(i);
                    }
                });
                threads[t].start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(recorder.count()).isEqualTo(40_000);
        }
    }

    @Nested
    class window {

        @Test
        void measures_only_operations_inside_the_timed_part() {
            Window window = Window.start(Duration.ofHours(1), Duration.ofHours(1));
            long now = System.nanoTime();

            assertThat(window.measures(now, now + 1)).isFalse();
            assertThat(window.measures(now + Duration.ofMinutes(61).toNanos(), now + Duration.ofMinutes(62).toNanos()))
                    .isTrue();
            assertThat(window.measures(now + Duration.ofMinutes(119).toNanos(), now + Duration.ofMinutes(121).toNanos()))
                    .isFalse();
            assertThat(window.seconds()).isEqualTo(3600.0);
            assertThat(window.started()).isFalse();
        }

        @Test
        void refuses_an_empty_measured_part() {
            assertThatThrownBy(() -> Window.start(Duration.ZERO, Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("measured duration PT0S is not positive");
        }
    }

    @Nested
    class statistics {

        @Test
        void takes_the_median_of_odd_and_even_counts() {
            assertThat(Statistics.median(3.0, 1.0, 2.0)).isEqualTo(2.0);
            assertThat(Statistics.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
        }

        @Test
        void refuses_the_median_of_nothing() {
            assertThatThrownBy(() -> Statistics.median()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the median of no values is undefined");
        }
    }

    @Nested
    class report {

        @TempDir
        Path dir;

        private BenchReport sample() {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("submitters", "64");
            parameters.put("note", "quote \" and \\ and\nnewline");
            Measurement throughput = Measurement.of("throughput", "receipts", 1234, 20.0)
                    .withLatency(new Latency(1234, 1.25, 2, 3.5, 9)).with("blocks", 120).with("cpuMillisPer", 0.0123456789);
            Measurement idle = Measurement.of("idle", "pings", 0, 1.0);
            return new BenchReport("ledger", "a sample", parameters, List.of(throughput, idle),
                    new Resources(35.25, 100L << 20, 300L << 20, 1.5, 2.25, 0.125),
                    new Machine(2, "Test CPU", 8L << 30, "17", List.of("-Xmx1g", "-XX:-TieredCompilation")));
        }

        @Test
        void writes_one_json_schema_with_every_figure() throws Exception {
            Path file = dir.resolve("out/bench.json");

            sample().writeJson(file);

            JsonNode json = new ObjectMapper().readTree(file.toFile());
            assertThat(json.path("schema").asText()).isEqualTo(BenchReport.SCHEMA);
            assertThat(json.path("benchmark").asText()).isEqualTo("ledger");
            assertThat(json.path("parameters").path("note").asText()).isEqualTo("quote \" and \\ and\nnewline");
            JsonNode throughput = json.path("measurements").get(0);
            assertThat(throughput.path("perSecond").asDouble()).isEqualTo(61.7);
            assertThat(throughput.path("latencyMillis").path("p95").asDouble()).isEqualTo(2.0);
            assertThat(throughput.path("figures").path("blocks").asLong()).isEqualTo(120);
            assertThat(throughput.path("figures").path("cpuMillisPer").asDouble()).isEqualTo(0.0123457);
            assertThat(json.path("measurements").get(1).path("latencyMillis").isNull()).isTrue();
            assertThat(json.path("resources").path("cpuSeconds").asDouble()).isEqualTo(35.25);
            assertThat(json.path("resources").path("loadAverageEnd").asDouble()).isEqualTo(2.25);
            assertThat(json.path("resources").path("stealShare").asDouble()).isEqualTo(0.125);
            assertThat(json.path("machine").path("cpuModel").asText()).isEqualTo("Test CPU");
            assertThat(json.path("machine").path("jvmOptions").get(1).asText()).isEqualTo("-XX:-TieredCompilation");
            assertThat(json.path("machine").path("jvmOptions").size()).isEqualTo(2);
        }

        @Test
        void prints_every_figure_as_text() {
            String text = sample().toText();

            assertThat(text).startsWith("baton bench ledger: a sample\n")
                    .contains("1,234 receipts in 20.0 s: 61.7 receipts/s")
                    .contains("p50 1.25 ms, p95 2.00 ms, p99 3.50 ms, max 9.00 ms (1,234 timed)")
                    .contains("    blocks                     120\n").contains("    cpuMillisPer               0.01235\n")
                    .contains("CPU 35.3 s, peak heap 100 MiB, peak RSS 300 MiB")
                    .contains("2 processors (Test CPU), 8.0 GiB RAM, Java 17 (-Xmx1g -XX:-TieredCompilation);"
                            + " load average 1.50 at start, 2.25 at end; CPU stolen by the hypervisor 12.5%");
        }

        @Test
        void measures_this_process() {
            Resources resources = ResourceMeter.start().stop();

            assertThat(resources.cpuSeconds()).isGreaterThanOrEqualTo(0);
            assertThat(resources.peakHeapBytes()).isPositive();
            assertThat(Machine.current().processors()).isPositive();
        }

        @Test
        void reads_the_share_of_cpu_time_stolen_by_the_hypervisor_from_proc_stat() {
            long[] from = ResourceMeter.ticks(List.of("cpu  100 0 50 800 10 0 0 40 0 0", "cpu0 50 0 25 400 5 0 0 20 0 0"));
            long[] to = ResourceMeter.ticks(List.of("intr 1 2 3", "cpu  300 0 100 1000 10 0 0 90 0 0"));

            assertThat(from).containsExactly(40, 1000);
            assertThat(to).containsExactly(90, 1500);
            assertThat(ResourceMeter.stealShare(from, to)).isEqualTo(0.1);
        }

        @Test
        void reports_an_unknown_steal_share_without_a_full_cpu_line() {
            assertThat(ResourceMeter.ticks(List.of("cpu  100 0 50 800"))).isNull();
            assertThat(ResourceMeter.stealShare(null, new long[] {1, 2})).isEqualTo(-1);
            assertThat(ResourceMeter.stealShare(new long[] {1, 100}, new long[] {1, 100})).isEqualTo(-1);
        }

        @Test
        void reads_the_peak_resident_set_from_proc_status() {
            assertThat(ResourceMeter.kibibytes(List.of("VmPeak:\t 100 kB", "VmHWM:\t   2048 kB"), "VmHWM:"))
                    .isEqualTo(2L << 20);
        }
    }
}
