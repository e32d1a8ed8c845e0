package org.baton.tools.pki;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code baton pki}: the consortium CA, institution certificates and the signed consortium file. */
@Command(name = "pki",
        mixinStandardHelpOptions = true,
        description = {
            "Consortium PKI: create the consortium CA, issue institution certificates, sign the consortium file.",
            "",
            "Typical use:",
            "  baton pki init-ca --out pki/ca --name \"California Baton Consortium\"",
            "  baton pki issue --ca pki/ca --id 110635 --kind UC --name \"UC Berkeley\" \\",
            "      --endpoint node.berkeley.example:7443 --out pki/110635",
            "  baton pki consortium --ca pki/ca --out pki/consortium.json pki/110635 pki/CSAC",
            "  baton pki show --ca-cert pki/ca/ca.pem pki/consortium.json"},
        subcommands = {InitCaCommand.class, IssueCommand.class, ConsortiumCommand.class, ShowCommand.class})
public final class PkiCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
