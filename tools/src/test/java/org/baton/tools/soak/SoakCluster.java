package org.baton.tools.soak;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.baton.bench.LoopbackPorts;
import org.baton.ledger.embedded.RemoteLedger;
import org.baton.node.NodeApp;
import org.baton.node.config.NodeConfig;
import org.baton.node.portal.accounts.AccountPolicy;
import org.baton.node.portal.accounts.AccountStore;
import org.baton.node.portal.accounts.Accounts;
import org.baton.node.portal.accounts.Role;
import org.baton.node.store.RecordStore;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.AgArea;
import org.baton.proto.v1.CourseCategory;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.Enrollment;
import org.baton.proto.v1.GetStatusRequest;
import org.baton.proto.v1.GetStatusResponse;
import org.baton.proto.v1.LocalId;
import org.baton.proto.v1.NodeAdminGrpc;
import org.baton.proto.v1.PersonName;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;
import org.baton.proto.v1.Term;
import org.baton.proto.v1.TermType;
import org.baton.trust.Consortium;
import org.baton.trust.ConsortiumCa;
import org.baton.trust.InstitutionCredentials;
import org.baton.trust.InstitutionId;
import org.baton.trust.InstitutionKind;
import org.baton.trust.Member;
import org.baton.trust.PeerEndpoint;
import org.baton.trust.Validity;

/**
 * A consortium of three nodes (a district, a community college, a UC campus) and the embedded ledger, each its own
 * OS process started through the {@code baton ledger serve} and {@code baton node start} entry points, with
 * students (the same people at the district and the college) and their portal accounts at the district. Processes
 * can be killed (SIGKILL), stopped (SIGSTOP, so peers time out) and restarted on the same ports and data.
 */
final class SoakCluster implements AutoCloseable {

    /** Who runs a process. */
    enum Party {
        LEDGER(InstitutionId.of("CDE"), InstitutionKind.CDE, "ledger"),
        DISTRICT(InstitutionId.of("34765430000000"), InstitutionKind.K12_DISTRICT, "district"),
        COLLEGE(InstitutionId.of("129901"), InstitutionKind.COMMUNITY_COLLEGE, "college"),
        UNIVERSITY(InstitutionId.of("110901"), InstitutionKind.UC, "university");

        final InstitutionId id;
        final InstitutionKind kind;
        final String key;

        Party(InstitutionId id, InstitutionKind kind, String key) {
            this.id = id;
            this.kind = kind;
            this.key = key;
        }
    }

    static final String PASSWORD = "soak-test-password-on-one-machine";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final List<String> JVM_OPTIONS = List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Xshare:auto");

    private final Path root;
    private final Map<Party, Integer> peerPorts = new EnumMap<>(Party.class);
    private final Map<Party, Integer> adminPorts = new EnumMap<>(Party.class);
    private final int portalPort;
    private final Map<Party, Process> processes = new EnumMap<>(Party.class);
    private final List<String> usernames = new ArrayList<>();
    private final List<StudentId> students = new ArrayList<>();
    private final Map<Party, Integer> starts = new EnumMap<>(Party.class);
    private boolean closed;

    private SoakCluster(Path root) throws IOException {
        this.root = root;
        int[] ports = LoopbackPorts.free(2 * Party.values().length + 1);
        int next = 0;
        for (Party role : Party.values()) {
            peerPorts.put(role, ports[next++]);
            adminPorts.put(role, ports[next++]);
        }
        portalPort = ports[next];
    }

    /**
     * Creates the CA, the consortium, each node's configuration, {@code studentCount} students at the district and
     * the college, and a student account for each at the district.
     *
     * @param dataDirs where each node keeps its data, when not under {@code root}
     */
    static SoakCluster create(Path root, int studentCount, Map<Party, Path> dataDirs) throws IOException {
        SoakCluster cluster = new SoakCluster(root);
        cluster.setUp(studentCount, dataDirs);
        return cluster;
    }

    private void setUp(int studentCount, Map<Party, Path> dataDirs) throws IOException {
        Instant now = Instant.now();
        SecureRandom random = new SecureRandom();
        ConsortiumCa ca = ConsortiumCa.create("Soak CA", Validity.startingAt(now.minus(Duration.ofMinutes(5)),
                Duration.ofDays(4)), random);
        ca.write(root.resolve("pki/ca"));
        List<Member> members = new ArrayList<>();
        for (Party role : Party.values()) {
            PeerEndpoint endpoint = new PeerEndpoint("127.0.0.1", peerPorts.get(role));
            InstitutionCredentials credentials = ca.issue(role.id, endpoint,
                    Validity.startingAt(now.minus(Duration.ofMinutes(5)), Duration.ofDays(2)));
            credentials.write(credentials(role));
            Optional<URI> portal = role == Party.DISTRICT ? Optional.of(portalUrl()) : Optional.empty();
            members.add(Member.of(credentials, role.kind, "Soak " + role.key, endpoint, portal));
        }
        ca.writeConsortium(Consortium.of("Soak Consortium", 1, now, members), consortiumFile());
        for (Party node : nodes()) {
            Path config = nodeConfig(node);
            Files.createDirectories(config.getParent());
            Path data = dataDirs.getOrDefault(node, config.getParent().resolve("data"));
            Files.writeString(config, yaml(node, data), StandardCharsets.UTF_8);
        }
        List<StudentRecord> district = new ArrayList<>();
        List<StudentRecord> college = new ArrayList<>();
        for (int n = 0; n < studentCount; n++) {
            district.add(student(n, Party.DISTRICT.id));
            college.add(student(n, Party.COLLEGE.id));
        }
        try (RecordStore store = NodeApp.openStore(NodeConfig.load(nodeConfig(Party.COLLEGE)))) {
            store.writeStudents(college);
        }
        try (RecordStore store = NodeApp.openStore(NodeConfig.load(nodeConfig(Party.DISTRICT)))) {
            students.addAll(store.writeStudents(district));
            Accounts accounts = Accounts.create(AccountStore.inRecordStore(store), AccountPolicy.defaults(),
                    Clock.systemUTC(), random);
            for (int n = 0; n < students.size(); n++) {
                Accounts.IssuedAccount account = accounts.issue(Role.STUDENT, "Soak Student " + n,
                        Set.of(students.get(n)));
                String username = "student" + n;
                accounts.activate(account.activationCode(), username, PASSWORD, PASSWORD);
                usernames.add(username);
            }
        }
    }

    static List<Party> nodes() {
        return List.of(Party.DISTRICT, Party.COLLEGE, Party.UNIVERSITY);
    }

    List<String> usernames() {
        return usernames;
    }

    List<StudentId> students() {
        return students;
    }

    URI portalUrl() {
        return URI.create("https://127.0.0.1:" + portalPort + "/");
    }

    X509Certificate caCertificate() {
        return ConsortiumCa.readCertificate(root.resolve("pki/ca").resolve(ConsortiumCa.CERTIFICATE_FILE));
    }

    Consortium consortium() {
        return Consortium.load(consortiumFile(), caCertificate());
    }

    Path nodeConfig(Party node) {
        return root.resolve("nodes").resolve(node.key).resolve("node.yaml");
    }

    Path log(Party role) {
        return root.resolve("logs").resolve(role.key + ".log");
    }

    /** How often {@code role}'s process was started. */
    synchronized int starts(Party role) {
        return starts.getOrDefault(role, 0);
    }

    /** A client of the ledger as its operator (reads only). */
    RemoteLedger ledgerClient() {
        Consortium consortium = consortium();
        Member operator = consortium.member(Party.LEDGER.id).orElseThrow();
        return RemoteLedger.connect(new PeerEndpoint("127.0.0.1", peerPorts.get(Party.LEDGER)), operator,
                InstitutionCredentials.load(credentials(Party.LEDGER)), Duration.ofSeconds(10));
    }

    /** Starts every process and waits until each answers. */
    void startAll() throws InterruptedException {
        for (Party role : Party.values()) {
            start(role);
        }
        for (Party role : Party.values()) {
            awaitReady(role);
        }
    }

    /** Starts {@code role}'s process (not waiting for it). */
    synchronized void start(Party role) {
        if (closed) {
            throw new IllegalStateException("the cluster is closed");
        }
        Process running = processes.get(role);
        if (running != null && running.isAlive()) {
            throw new IllegalStateException(role + " is already running as process " + running.pid());
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.baton.tools.Baton");
        if (role == Party.LEDGER) {
            command.addAll(List.of("ledger", "serve", "--data", root.resolve("ledger").toString(),
                    "--credentials", credentials(role).toString(), "--consortium", consortiumFile().toString(),
                    "--host", "127.0.0.1", "--port", Integer.toString(peerPorts.get(role))));
        } else {
            command.addAll(List.of("node", "start", "--config", nodeConfig(role).toString()));
        }
        try {
            Files.createDirectories(log(role).getParent());
            Files.writeString(log(role), String.format(Locale.ROOT, "---- start %s%n", Instant.now()),
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log(role).toFile())).start();
            processes.put(role, process);
            starts.merge(role, 1, Integer::sum);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + role + ": " + e.getMessage(), e);
        }
    }

    /** Waits until the ledger accepts connections, or the node's admin service answers. */
    void awaitReady(Party role) throws InterruptedException {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (true) {
            Process process;
            synchronized (this) {
                process = processes.get(role);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(role + " exited with " + process.exitValue() + " while starting:\n"
                        + tail(role));
            }
            if (role == Party.LEDGER ? accepts(peerPorts.get(role)) : status(role).isPresent()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(role + " was not ready within " + READY_TIMEOUT + ":\n" + tail(role));
            }
            Thread.sleep(100);
        }
    }

    /** Kills {@code role}'s process with SIGKILL and waits for it to be gone. */
    void kill(Party role) throws InterruptedException {
        Process process = process(role);
        signal(process, "KILL");
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(role + " survived SIGKILL");
        }
    }

    /** Kills and restarts {@code role}, waiting until it is ready again. */
    void killAndRestart(Party role) throws InterruptedException {
        kill(role);
        start(role);
        awaitReady(role);
    }

    /** Freezes (SIGSTOP) {@code role} for {@code pause}, so calls to it time out, then lets it go on (SIGCONT). */
    void freeze(Party role, Duration pause) throws InterruptedException {
        Process process = process(role);
        signal(process, "STOP");
        try {
            Thread.sleep(pause.toMillis());
        } finally {
            signal(process, "CONT");
        }
    }

    /** Stops {@code role} with SIGTERM and waits for it. */
    void stop(Party role) throws InterruptedException {
        Process process = process(role);
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The node's admin status, if it answers within 5 seconds. */
    Optional<GetStatusResponse> status(Party node) {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", adminPorts.get(node),
                InsecureChannelCredentials.create()).build();
        try {
            return Optional.of(NodeAdminGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getStatus(GetStatusRequest.getDefaultInstance()));
        } catch (StatusRuntimeException e) {
            return Optional.empty();
        } finally {
            channel.shutdownNow();
        }
    }

    /** The last lines of the process's log. */
    String tail(Party role) {
        try {
            List<String> lines = Files.readAllLines(log(role), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log(role) + ": " + e.getMessage() + ")";
        }
    }

    private synchronized Process process(Party role) {
        Process process = processes.get(role);
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException(role + " is not running");
        }
        return process;
    }

    private static void signal(Process process, String signal) throws InterruptedException {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed: "
                        + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill -" + signal + ": " + e.getMessage(), e);
        }
    }

    /** Stops every process still running (nodes first, the ledger last); idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Party role : List.of(Party.UNIVERSITY, Party.COLLEGE, Party.DISTRICT, Party.LEDGER)) {
            Process process = processes.get(role);
            if (process == null || !process.isAlive()) {
                continue;
            }
            try {
                signal(process, "CONT");
            } catch (RuntimeException | InterruptedException e) {
                // Best effort: it is killed below if it does not stop.
            }
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private Path credentials(Party role) {
        return root.resolve("pki").resolve(role.key);
    }

    private Path consortiumFile() {
        return root.resolve("pki/consortium.json");
    }

    private String yaml(Party node, Path data) {
        String portal = node == Party.DISTRICT ? """
                portal:
                  host: 127.0.0.1
                  port: %d
                """.formatted(portalPort) : "";
        return """
                institution:
                  id: "%s"
                  kind: %s
                  name: "Soak %s"
                dataDir: %s
                peer:
                  host: 127.0.0.1
                  port: %d
                admin:
                  port: %d
                pki:
                  dir: %s
                consortium:
                  file: %s
                  caCertificate: %s
                ledger:
                  endpoint: 127.0.0.1:%d
                  operator: CDE
                store:
                  dataKeyFile: %s
                exchange:
                  peerDeadlineMillis: 3000
                  retryInitialMillis: 100
                  retryMaxMillis: 1000
                """.formatted(node.id, node.kind, node.key, data, peerPorts.get(node), adminPorts.get(node),
                credentials(node), consortiumFile(), root.resolve("pki/ca").resolve(ConsortiumCa.CERTIFICATE_FILE),
                peerPorts.get(Party.LEDGER), root.resolve("nodes").resolve(node.key).resolve("data.key")) + portal;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Student {@code n} as {@code institution} holds them: the same SSID, name and birth date everywhere. */
    static StudentRecord student(int n, InstitutionId institution) {
        String ssid = String.format(Locale.ROOT, "%010d", 3_000_000_000L + n);
        String school = institution.equals(Party.DISTRICT.id) ? "34765431930000" : institution.value();
        StudentRecord.Builder record = StudentRecord.newBuilder()
                .setStudent(Student.newBuilder()
                        .setSsid(ssid)
                        .addLocalIds(LocalId.newBuilder().setIssuer(institution.value()).setValue("S" + n))
                        .setLegalName(PersonName.newBuilder().setFirst("Soak" + n).setLast("Student"))
                        .setBirthDate(String.format(Locale.ROOT, "2008-%02d-%02d", 1 + n % 12, 1 + n % 28))
                        .setInstitutionId(institution.value())
                        .setGradeLevel(12))
                .addEnrollments(Enrollment.newBuilder().setInstitutionId(institution.value())
                        .setSchoolCode(school).setGradeLevel(12).setEntryDate("2022-08-15").setAcademicYear(2025));
        for (int i = 0; i < 4; i++) {
            record.addCourses(CourseRecord.newBuilder()
                    .setRecordId("S" + n + "|C" + i)
                    .setInstitutionId(institution.value())
                    .setSchoolCode(school)
                    .setLocalCourseId("EN" + (1000 + i))
                    .setStateCourseCode(String.valueOf(2100 + i))
                    .setTitle("English " + (1 + i))
                    .setTerm(Term.newBuilder().setAcademicYear(2024).setType(i % 2 == 0 ? TermType.FALL : TermType.SPRING)
                            .setCode(i % 2 == 0 ? "2024F" : "2024S"))
                    .setCompletionDate(i % 2 == 0 ? "2024-12-18" : "2025-06-05")
                    .setGradeLevel(11)
                    .setCreditsAttempted(500)
                    .setCreditsEarned(500)
                    .setLetterGrade("A")
                    .setAgArea(AgArea.AG_B_ENGLISH)
                    .setCategory(CourseCategory.ACADEMIC)
                    .setSegment(1));
        }
        return record.build();
    }
}
