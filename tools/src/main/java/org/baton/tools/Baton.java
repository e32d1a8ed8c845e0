package org.baton.tools;

import java.io.PrintWriter;
import org.baton.tools.audit.AuditCommand;
import org.baton.tools.bench.BenchCommand;
import org.baton.tools.demo.DemoCommand;
import org.baton.tools.export.ExportCommand;
import org.baton.tools.importer.ImportCommand;
import org.baton.tools.ledger.LedgerCommand;
import org.baton.tools.node.NodeCommand;
import org.baton.tools.pki.PkiCommand;
import org.baton.tools.portal.PortalCommand;
import org.baton.tools.quality.QualityCommand;
import org.baton.tools.readiness.ReadinessCommand;
import org.baton.tools.synth.SynthCommand;
import org.baton.tools.verify.VerifyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code baton} command line. Exit codes: 0 success, 1 the operation failed (the message says why),
 * 2 the command line was wrong.
 */
@Command(name = "baton",
        mixinStandardHelpOptions = true,
        versionProvider = Baton.Version.class,
        description = "Baton: consent-based, peer-to-peer exchange of California student records.",
        subcommands = {DemoCommand.class, PkiCommand.class, NodeCommand.class, LedgerCommand.class,
                ImportCommand.class, QualityCommand.class,
                ExportCommand.class, SynthCommand.class, ReadinessCommand.class, PortalCommand.class,
                VerifyCommand.class, AuditCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Baton implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with {@code args}, writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Baton());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(new Failures());
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version from the jar manifest ("dev" when run from classes). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Baton.class.getPackage().getImplementationVersion();
            return new String[] {"baton " + (version == null ? "dev" : version)};
        }
    }
}
