package org.baton.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ExchangeBenchCommandTest {

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
}
