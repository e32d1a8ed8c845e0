package org.baton.tools.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.baton.node.config.NodeConfig;
import org.baton.trust.Consortium;
import org.baton.trust.ConsortiumCa;
import org.baton.trust.InstitutionCredentials;
import org.baton.trust.Member;
import org.baton.trust.PeerEndpoint;
import org.baton.trust.Validity;

/**
 * The demo's files under its data folder, created on first use and reused afterwards:
 *
 * <pre>
 * DATA/.baton-demo            marks the folder as the demo's (only such a folder is ever deleted by --reset)
 * DATA/demo.properties        written last: the set-up is complete; records the base port
 * DATA/pki/ca/                the consortium CA
 * DATA/pki/KEY/               each member's certificates and keys (KEY: district, college, uc, csu, csac, ledger)
 * DATA/pki/consortium.json    the signed member list
 * DATA/ledger/                the embedded ledger's chain
 * DATA/nodes/KEY/node.yaml    each node's configuration; its store under DATA/nodes/KEY/data/
 * DATA/synth/                 the synthetic students (baton synth), imported into the district and the college
 * DATA/logs/KEY.log           each process's output; import-*.txt the import reports
 * </pre>
 */
final class DemoConsortium {

    static final String MARKER = ".baton-demo";
    static final String PROPERTIES = "demo.properties";
    private static final String CONSORTIUM_NAME = "Baton California Demo Consortium";
    private static final Duration VALIDITY = Duration.ofDays(825);

    private final Path root;
    private final DemoPorts ports;
    private final boolean created;
    private DemoStudents.Chosen students;
    private Optional<DemoStudents.Loaded> loaded = Optional.empty();
    private Instant createdAt;

    /** The nodes that hold no students of their own: they start while the students are loaded. */
    static final List<DemoInstitution> WITHOUT_STUDENTS = List.of(DemoInstitution.UC, DemoInstitution.CSU,
            DemoInstitution.CSAC);
    /** The nodes the synthetic students are imported into before they start. */
    static final List<DemoInstitution> WITH_STUDENTS = List.of(DemoInstitution.DISTRICT, DemoInstitution.COLLEGE);

    private DemoConsortium(Path root, DemoPorts ports, boolean created) {
        this.root = root;
        this.ports = ports;
        this.created = created;
    }

    /**
     * Opens the demo consortium in {@code dataDir}, creating it when the folder is absent or empty, or after
     * deleting it when {@code reset} is set. A new consortium is complete only after {@link #loadStudents()}.
     *
     * @param requestedPorts the port plan asked for on the command line, if any
     * @throws DemoException if the folder is not the demo's, is incomplete, or was set up with other ports
     */
    static DemoConsortium prepare(Path dataDir, Optional<DemoPorts> requestedPorts, boolean reset) {
        Path root = dataDir.toAbsolutePath().normalize();
        try {
            if (reset) {
                delete(root);
            }
            if (Files.isRegularFile(root.resolve(PROPERTIES))) {
                DemoPorts stored = readPorts(root);
                if (requestedPorts.isPresent() && !requestedPorts.get().equals(stored)) {
                    throw new DemoException(root + " was set up with --base-port " + stored.base()
                            + " (the ports are in its certificates); use --base-port " + stored.base()
                            + " or start afresh with --reset");
                }
                DemoConsortium reused = new DemoConsortium(root, stored, false);
                reused.students = DemoStudents.Chosen.load(readProperties(root), root.resolve(PROPERTIES));
                return reused;
            }
            if (Files.exists(root.resolve(MARKER))) {
                throw new DemoException(root + " holds an incomplete demo set-up (no " + PROPERTIES
                        + "); start afresh with --reset");
            }
            if (Files.exists(root) && !isEmptyDirectory(root)) {
                throw new DemoException(root + " exists and is not a demo folder; give another --data folder");
            }
            DemoPorts ports = requestedPorts.orElse(new DemoPorts(DemoPorts.DEFAULT_BASE));
            DemoConsortium consortium = new DemoConsortium(root, ports, true);
            consortium.create();
            return consortium;
        } catch (IOException e) {
            throw new DemoException("cannot set up the demo in " + root + ": " + e.getMessage(), e);
        }
    }

    /** Whether this run created the folder (rather than reusing it). */
    boolean created() {
        return created;
    }

    Path root() {
        return root;
    }

    /**
     * The students the scenario plays with.
     *
     * @throws IllegalStateException before {@link #loadStudents()} on a new consortium
     */
    DemoStudents.Chosen students() {
        if (students == null) {
            throw new IllegalStateException("the demo's students are not loaded yet");
        }
        return students;
    }

    /** What this run generated and imported; empty when it reused the folder. */
    Optional<DemoStudents.Loaded> loaded() {
        return loaded;
    }

    DemoPorts ports() {
        return ports;
    }

    Path caCertificate() {
        return root.resolve("pki/ca").resolve(ConsortiumCa.CERTIFICATE_FILE);
    }

    Path consortiumFile() {
        return root.resolve("pki/consortium.json");
    }

    Path credentials(DemoInstitution institution) {
        return root.resolve("pki").resolve(institution.key());
    }

    Path ledgerData() {
        return root.resolve("ledger");
    }

    Path nodeConfig(DemoInstitution institution) {
        return root.resolve("nodes").resolve(institution.key()).resolve("node.yaml");
    }

    Path log(DemoInstitution institution) {
        return root.resolve("logs").resolve(institution.key() + ".log");
    }

    /** The consortium file, verified against the demo's CA. */
    Consortium consortium() {
        return Consortium.load(consortiumFile(), ConsortiumCa.readCertificate(caCertificate()));
    }

    /** Where the portal of {@code institution} will be served. */
    URI portalUrl(DemoInstitution institution) {
        // 127.0.0.1: the node's TLS certificate, which the portal presents, names that address.
        return URI.create("https://127.0.0.1:" + ports.portal(institution) + "/");
    }

    private void create() throws IOException {
        Files.createDirectories(root);
        Files.writeString(root.resolve(MARKER), "baton demo folder: `baton demo --reset` may delete it\n",
                StandardCharsets.UTF_8);
        Instant now = Instant.now();
        SecureRandom random = new SecureRandom();
        ConsortiumCa ca = ConsortiumCa.create(CONSORTIUM_NAME + " CA", Validity.startingAt(now, VALIDITY.multipliedBy(2)),
                random);
        ca.write(root.resolve("pki/ca"));
        List<Member> members = new ArrayList<>();
        for (DemoInstitution institution : DemoInstitution.MEMBERS) {
            PeerEndpoint endpoint = endpoint(institution);
            InstitutionCredentials credentials = ca.issue(institution.id(), endpoint, Validity.startingAt(now, VALIDITY));
            credentials.write(credentials(institution));
            Optional<URI> portal = institution.slot() > 0 ? Optional.of(portalUrl(institution)) : Optional.empty();
            members.add(Member.of(credentials, institution.kind(), institution.name(), endpoint, portal));
        }
        ca.writeConsortium(Consortium.of(CONSORTIUM_NAME, 1, now, members), consortiumFile());
        for (DemoInstitution node : DemoInstitution.NODES) {
            Path config = nodeConfig(node);
            Files.createDirectories(config.getParent());
            Files.writeString(config, nodeYaml(node), StandardCharsets.UTF_8);
        }
        Files.createDirectories(root.resolve("logs"));
        // Nodes without students of their own can start while the students are generated and imported.
        for (DemoInstitution node : WITHOUT_STUDENTS) {
            DemoAccounts.issueIfAbsent(NodeConfig.load(nodeConfig(node)), Optional.empty());
        }
        createdAt = now;
    }

    /**
     * Generates and imports the synthetic students and issues the district's and the college's sign-ins (their
     * nodes must be stopped), then marks the set-up complete; does nothing on a folder set up before.
     *
     * @throws DemoException if the students cannot be loaded (the folder then needs --reset)
     */
    void loadStudents() {
        if (!created || loaded.isPresent()) {
            return;
        }
        DemoStudents.Loaded imported = DemoStudents.load(root, NodeConfig.load(nodeConfig(DemoInstitution.DISTRICT)),
                NodeConfig.load(nodeConfig(DemoInstitution.COLLEGE)), LocalDate.now(ZoneId.of("America/Los_Angeles")));
        students = imported.chosen();
        DemoAccounts.issueIfAbsent(NodeConfig.load(nodeConfig(DemoInstitution.DISTRICT)),
                Optional.of(students.ward()));
        DemoAccounts.issueIfAbsent(NodeConfig.load(nodeConfig(DemoInstitution.COLLEGE)), Optional.empty());
        Properties properties = new Properties();
        properties.setProperty("basePort", Integer.toString(ports.base()));
        properties.setProperty("createdAt", createdAt.toString());
        students.store(properties);
        try (OutputStream out = Files.newOutputStream(root.resolve(PROPERTIES))) {
            properties.store(out, "baton demo: set-up complete");
        } catch (IOException e) {
            throw new DemoException("cannot write " + root.resolve(PROPERTIES) + ": " + e.getMessage(), e);
        }
        loaded = Optional.of(imported);
    }

    private PeerEndpoint endpoint(DemoInstitution institution) {
        int port = institution.slot() == 0 ? ports.ledger() : ports.peer(institution);
        return new PeerEndpoint("127.0.0.1", port);
    }

    private String nodeYaml(DemoInstitution node) {
        // Paths relative to the file's folder (DATA/nodes/KEY), so the data folder can be moved as a whole.
        return """
                # Written by `baton demo`. Paths are relative to this file's folder.
                institution:
                  id: "%s"
                  kind: %s
                  name: "%s"
                dataDir: data
                peer:
                  host: 127.0.0.1
                  port: %d
                admin:
                  port: %d
                pki:
                  dir: ../../pki/%s
                consortium:
                  file: ../../pki/consortium.json
                  caCertificate: ../../pki/ca/%s
                ledger:
                  endpoint: 127.0.0.1:%d
                store:
                  dataKeyFile: data/data.key
                portal:
                  host: 127.0.0.1
                  port: %d
                dataQuality:
                  ssidCheckDigit: luhn   # baton synth's SSIDs end in a Luhn check digit
                """.formatted(node.id(), node.kind(), node.name(), ports.peer(node), ports.admin(node), node.key(),
                ConsortiumCa.CERTIFICATE_FILE, ports.ledger(), ports.portal(node));
    }

    private static Properties readProperties(Path root) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(root.resolve(PROPERTIES))) {
            properties.load(in);
        }
        return properties;
    }

    private static DemoPorts readPorts(Path root) throws IOException {
        Properties properties = readProperties(root);
        String base = properties.getProperty("basePort");
        try {
            return new DemoPorts(Integer.parseInt(base == null ? "" : base.trim()));
        } catch (IllegalArgumentException e) {
            throw new DemoException(root.resolve(PROPERTIES) + ": basePort '" + base + "' is not a valid port; "
                    + "start afresh with --reset", e);
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        }
    }

    /** Deletes {@code root} if it is a demo folder (or empty); refuses anything else. */
    private static void delete(Path root) throws IOException {
        if (!Files.exists(root) || isEmptyDirectory(root)) {
            return;
        }
        if (!Files.isRegularFile(root.resolve(MARKER))) {
            throw new DemoException("--reset refuses to delete " + root + ": it is not a demo folder (no " + MARKER
                    + ")");
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
