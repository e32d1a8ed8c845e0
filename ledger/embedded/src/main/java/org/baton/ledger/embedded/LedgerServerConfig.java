package org.baton.ledger.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to run an {@link EmbeddedLedgerServer}, read once at the edge (command line or the demo).
 *
 * @param dataDirectory the ledger's RocksDB directory
 * @param host the address to listen on (a loopback address unless nodes on other machines use it)
 * @param port the port, 0 for an ephemeral one
 * @param credentialsDirectory the operator's credentials ({@code baton pki issue}): its TLS certificate serves
 *     the calls and its signing key signs the blocks
 * @param consortiumFile the signed consortium file, checked against the CA of the operator's credentials
 * @param maxBlockTransactions see {@link EmbeddedLedgerConfig}
 * @param maxBlockDelay see {@link EmbeddedLedgerConfig}
 */
public record LedgerServerConfig(
        Path dataDirectory,
        String host,
        int port,
        Path credentialsDirectory,
        Path consortiumFile,
        int maxBlockTransactions,
        Duration maxBlockDelay) {

    /** The options {@link #fromArgs} understands. */
    public static final String USAGE = "--data DIR --credentials DIR --consortium FILE [--host 127.0.0.1] [--port 0]"
            + " [--block-size " + EmbeddedLedgerConfig.DEFAULT_MAX_BLOCK_TRANSACTIONS + "]"
            + " [--block-delay-ms " + EmbeddedLedgerConfig.DEFAULT_MAX_BLOCK_DELAY.toMillis() + "]";

    private static final List<String> OPTIONS = List.of(
            "--data", "--credentials", "--consortium", "--host", "--port", "--block-size", "--block-delay-ms");

    public LedgerServerConfig {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
        Objects.requireNonNull(credentialsDirectory, "credentialsDirectory");
        Objects.requireNonNull(consortiumFile, "consortiumFile");
        Objects.requireNonNull(maxBlockDelay, "maxBlockDelay");
        ledgerConfig(dataDirectory, maxBlockTransactions, maxBlockDelay);
    }

    /** The ledger part of this configuration. */
    public EmbeddedLedgerConfig ledgerConfig() {
        return ledgerConfig(dataDirectory, maxBlockTransactions, maxBlockDelay);
    }

    private static EmbeddedLedgerConfig ledgerConfig(Path data, int blockSize, Duration blockDelay) {
        return new EmbeddedLedgerConfig(data, blockSize, blockDelay,
                Math.max(EmbeddedLedgerConfig.DEFAULT_MAX_PENDING_TRANSACTIONS, blockSize));
    }

    /**
     * Parses {@code --name value} pairs (see {@link #USAGE}).
     *
     * @throws IllegalArgumentException naming the option that is unknown, repeated, missing or invalid
     */
    public static LedgerServerConfig fromArgs(String... args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name + "; usage: " + USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + name + " needs a value");
            }
            if (values.put(name, args[i + 1]) != null) {
                throw new IllegalArgumentException("option " + name + " is given twice");
            }
        }
        return new LedgerServerConfig(
                Path.of(required(values, "--data")),
                values.getOrDefault("--host", "127.0.0.1"),
                integer(values, "--port", 0),
                Path.of(required(values, "--credentials")),
                Path.of(required(values, "--consortium")),
                integer(values, "--block-size", EmbeddedLedgerConfig.DEFAULT_MAX_BLOCK_TRANSACTIONS),
                Duration.ofMillis(integer(values, "--block-delay-ms",
                        (int) EmbeddedLedgerConfig.DEFAULT_MAX_BLOCK_DELAY.toMillis())));
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("option " + name + " is required; usage: " + USAGE);
        }
        return value;
    }

    private static int integer(Map<String, String> values, String name, int fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + name + " value '" + value + "' is not an integer", e);
        }
    }
}
