package org.baton.tools.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A node configuration for command tests: only its data directory and data key are used by import and export. */
public final class NodeFixture {

    private NodeFixture() {
    }

    /** Writes {@code node.yaml} for a K-12 district node with its data in {@code dir/data}; returns its path. */
    public static Path districtNode(Path dir, String cds) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("node.yaml");
        Files.writeString(file, String.join("\n",
                "institution:",
                "  id: \"" + cds + "\"",
                "  kind: K12_DISTRICT",
                "  name: Example Unified School District",
                "dataDir: data",
                "peer:",
                "  host: 127.0.0.1",
                "  port: 0",
                "admin:",
                "  port: 0",
                "pki:",
                "  dir: pki",
                "consortium:",
                "  file: pki/consortium.json",
                "  caCertificate: pki/ca/ca.pem",
                "store:",
                "  dataKeyFile: data/data.key",
                ""));
        return file;
    }
}
