package org.baton.tools.node;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code baton node}: run an institution node. */
@Command(name = "node",
        mixinStandardHelpOptions = true,
        description = "Run an institution node.",
        subcommands = {StartCommand.class})
public final class NodeCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
