package org.baton.tools.bench;

import org.baton.tools.ledger.LedgerBenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code baton bench}: one harness for every figure Baton quotes. Each subcommand starts real components on
 * loopback, warms up, measures, and prints its figures as text (and as JSON with {@code --json FILE}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure Baton: each subcommand starts real components, warms up, and prints its figures.",
        subcommands = {ExchangeBenchCommand.class, FabricBenchCommand.class, ImportBenchCommand.class,
                LedgerBenchCommand.class, PortalBenchCommand.class, ReadinessBench.class})
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
