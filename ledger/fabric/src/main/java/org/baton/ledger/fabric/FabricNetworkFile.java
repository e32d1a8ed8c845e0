package org.baton.ledger.fabric;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.baton.trust.InstitutionId;

/**
 * The {@code network.properties} file {@code tools/fabric/network.sh up} writes: the channels, each peer's Gateway
 * endpoint and TLS CA, and each member's Fabric client identity (tools/fabric/README.md).
 *
 * @param file where it was read from (for messages)
 * @param properties its contents
 */
public record FabricNetworkFile(Path file, Properties properties) {

    public FabricNetworkFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(properties, "properties");
    }

    /**
     * Reads {@code file}.
     *
     * @throws UncheckedIOException if it cannot be read
     */
    public static FabricNetworkFile read(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Fabric network file " + file, e);
        }
        return new FabricNetworkFile(file, properties);
    }

    /** The network's channels, in order. */
    public List<String> channels() {
        return Arrays.asList(get("channels").split(","));
    }

    /** The members of the network. */
    public List<InstitutionId> members() {
        return Arrays.stream(get("members").split(",")).map(InstitutionId::of).toList();
    }

    /**
     * How {@code member} reaches the ledger on {@code channel}: its client identity and the Gateway peer the file
     * names for it.
     *
     * @throws IllegalArgumentException if the file lacks an entry for it
     */
    public FabricLedgerConfig config(InstitutionId member, String channel, FabricLedgerConfig.Timeouts timeouts) {
        String peer = get("member." + member.value() + ".peer");
        String endpoint = get("peer." + peer + ".endpoint");
        int colon = endpoint.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException(file + ": peer." + peer + ".endpoint '" + endpoint + "' is not host:port");
        }
        return new FabricLedgerConfig(member, channel, get("chaincode.name"), endpoint.substring(0, colon),
                Integer.parseInt(endpoint.substring(colon + 1)), Path.of(get("peer." + peer + ".tlsCaCert")),
                Optional.ofNullable(properties.getProperty("peer." + peer + ".tlsServerName")).map(String::strip),
                Path.of(get("member." + member.value() + ".certPath")),
                Path.of(get("member." + member.value() + ".keyPath")), timeouts);
    }

    private String get(String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(file + " has no " + key);
        }
        return value.strip();
    }
}
