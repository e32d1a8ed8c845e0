package org.baton.tools.node;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.baton.node.NodeApp;
import org.baton.node.config.NodeConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "start",
        mixinStandardHelpOptions = true,
        description = {
            "Starts the institution node described by a YAML configuration file and runs it until stopped",
            "(Ctrl-C or SIGTERM stop it cleanly). The node refuses to start if its certificates, the consortium",
            "file or its store are not in order, and says why."})
final class StartCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The node configuration (YAML).")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        NodeApp node = NodeApp.create(NodeConfig.load(config));
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "baton-node-shutdown"));
        node.start();
        spec.commandLine().getOut().printf("Node %s running: peer %s (mutual TLS), admin %s (loopback)%s. "
                + "Ctrl-C stops it.%n", node.institution(), format(node.peerAddress()), format(node.adminAddress()),
                node.portalAddress().map(address -> ", portal https://" + format(address) + "/").orElse(""));
        spec.commandLine().getOut().flush();
        node.awaitTermination();
        return 0;
    }

    private static String format(java.net.InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
