package org.baton.tools.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.baton.bench.BenchReport;
import org.baton.bench.LatencyRecorder;
import org.baton.bench.LoopbackPorts;
import org.baton.bench.Machine;
import org.baton.bench.Measurement;
import org.baton.bench.ResourceMeter;
import org.baton.bench.Resources;
import org.baton.bench.Window;
import org.baton.node.NodeApp;
import org.baton.node.config.NodeConfig;
import org.baton.node.portal.accounts.AccountPolicy;
import org.baton.node.portal.accounts.AccountStore;
import org.baton.node.portal.accounts.Accounts;
import org.baton.node.portal.accounts.Role;
import org.baton.node.store.RecordStore;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.StudentRecord;
import org.baton.trust.Consortium;
import org.baton.trust.ConsortiumCa;
import org.baton.trust.InstitutionCredentials;
import org.baton.trust.InstitutionId;
import org.baton.trust.InstitutionKind;
import org.baton.trust.Member;
import org.baton.trust.PeerEndpoint;
import org.baton.trust.PortalTls;
import org.baton.trust.Validity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code baton bench portal}: a real node (built by {@link NodeApp} from its YAML file, RocksDB store) serving its
 * portal over HTTPS on 127.0.0.1, and N concurrent students using it as browsers do with the JDK HttpClient: each
 * signs in (sign-in page for the CSRF token, then the password post, Argon2id-verified), opens its records page
 * {@code --pages} times, signs out, and starts again. Sign-ins and pages are measured apart. Node and clients share
 * this process (and its CPU).
 */
@Command(name = "portal", mixinStandardHelpOptions = true,
        description = "Measure the portal over loopback HTTPS: sign-ins and student record pages per second, and their"
                + " latency, for N concurrent students.")
public final class PortalBenchCommand implements Callable<Integer> {

    private static final InstitutionId DISTRICT = InstitutionId.of(SyntheticTranscripts.DISTRICT);
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final String PASSWORD = "portal-bench-password-on-one-machine";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Spec
    CommandSpec spec;

    @Option(names = "--users", defaultValue = "8", description = "Concurrent students (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--pages", defaultValue = "10",
            description = "Record pages each student opens per sign-in (default: ${DEFAULT-VALUE}).")
    int pages;

    @Option(names = "--warmup-seconds", defaultValue = "10", description = "Unmeasured warm-up (default: ${DEFAULT-VALUE}).")
    long warmupSeconds;

    @Option(names = "--seconds", defaultValue = "20", description = "Measured time (default: ${DEFAULT-VALUE}).")
    long seconds;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures to FILE as JSON.")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (users < 1 || users > 1_000 || pages < 0 || pages > 10_000 || warmupSeconds < 0 || seconds < 1) {
            throw new ParameterException(spec.commandLine(), "--users must be 1..1000, --pages 0..10000,"
                    + " --warmup-seconds at least 0 and --seconds at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("baton-portal-bench");
        try {
            BenchReport report = run(dir);
            out.print(report.toText());
            out.flush();
            if (json != null) {
                report.writeJson(json);
            }
            return 0;
        } finally {
            delete(dir);
        }
    }

    private BenchReport run(Path dir) throws IOException, InterruptedException {
        Instant now = Instant.now();
        SecureRandom random = new SecureRandom();
        ConsortiumCa ca = ConsortiumCa.create("Portal Bench CA", Validity.startingAt(now.minus(Duration.ofMinutes(1)),
                Duration.ofDays(2)), random);
        ca.write(dir.resolve("ca"));
        int[] ports = LoopbackPorts.free(2);
        int peerPort = ports[0];
        int portalPort = ports[1];
        PeerEndpoint endpoint = new PeerEndpoint("127.0.0.1", peerPort);
        InstitutionCredentials credentials = ca.issue(DISTRICT, endpoint,
                Validity.startingAt(now.minus(Duration.ofMinutes(1)), Duration.ofDays(1)));
        credentials.write(dir.resolve("pki"));
        URI portal = URI.create("https://127.0.0.1:" + portalPort + "/");
        ca.writeConsortium(Consortium.of("Portal Bench", 1, now, List.of(Member.of(credentials,
                InstitutionKind.K12_DISTRICT, "Bench District", endpoint, Optional.of(portal)))),
                dir.resolve("consortium.json"));
        Path yaml = dir.resolve("node.yaml");
        Files.writeString(yaml, """
                institution:
                  id: "%s"
                  kind: K12_DISTRICT
                  name: Bench District
                dataDir: data
                peer:
                  host: 127.0.0.1
                  port: %d
                admin:
                  port: 0
                pki:
                  dir: %s
                consortium:
                  file: %s
                  caCertificate: %s
                store:
                  dataKeyFile: data/data.key
                portal:
                  host: 127.0.0.1
                  port: %d
                """.formatted(DISTRICT, peerPort, dir.resolve("pki"), dir.resolve("consortium.json"),
                dir.resolve("ca").resolve(ConsortiumCa.CERTIFICATE_FILE), portalPort), StandardCharsets.UTF_8);
        NodeConfig config = NodeConfig.load(yaml);
        List<StudentId> students = new ArrayList<>();
        try (RecordStore store = NodeApp.openStore(config)) {
            List<StudentRecord> records = new ArrayList<>();
            for (int n = 0; n < users; n++) {
                StudentRecord record = SyntheticTranscripts.student(n + 1, 2026);
                records.add(record.toBuilder().setStudent(record.getStudent().toBuilder()
                        .setSsid(String.format(java.util.Locale.ROOT, "%010d", 4_000_000_000L + n))
                        .addLocalIds(org.baton.proto.v1.LocalId.newBuilder().setIssuer(DISTRICT.value())
                                .setValue("P" + n))).build());
            }
            students.addAll(store.writeStudents(records));
            Accounts accounts = Accounts.create(AccountStore.inRecordStore(store), AccountPolicy.defaults(),
                    Clock.systemUTC(), random);
            for (int n = 0; n < users; n++) {
                Accounts.IssuedAccount account = accounts.issue(Role.STUDENT, "Bench Student " + n,
                        Set.of(students.get(n)));
                accounts.activate(account.activationCode(), "student" + n, PASSWORD, PASSWORD);
            }
        }
        X509Certificate caCertificate = ConsortiumCa.readCertificate(dir.resolve("ca")
                .resolve(ConsortiumCa.CERTIFICATE_FILE));
        NodeApp node = NodeApp.create(config).start();
        try {
            LatencyRecorder signIns = new LatencyRecorder();
            LatencyRecorder pageViews = new LatencyRecorder();
            AtomicLong failures = new AtomicLong();
            Window window = Window.start(Duration.ofSeconds(warmupSeconds), Duration.ofSeconds(seconds));
            List<Thread> threads = new ArrayList<>();
            for (int n = 0; n < users; n++) {
                User user = new User(portal, caCertificate, "student" + n, students.get(n));
                Thread thread = new Thread(() -> user.loop(window, signIns, pageViews, failures), "portal-user-" + n);
                threads.add(thread);
                thread.start();
            }
            window.awaitStart();
            ResourceMeter meter = ResourceMeter.start();
            window.awaitEnd();
            Resources resources = meter.stop();
            for (Thread thread : threads) {
                thread.join(TIMEOUT.toMillis());
            }
            Measurement signInPhase = Measurement.of("sign-ins", "sign-ins", signIns.count(), window.seconds())
                    .withLatency(signIns.latency()).with("failures", failures.get());
            Measurement pagePhase = Measurement.of("pages", "pages", pageViews.count(), window.seconds())
                    .withLatency(pageViews.latency());
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("users", Integer.toString(users));
            parameters.put("pagesPerSignIn", Integer.toString(pages));
            parameters.put("warmupSeconds", Long.toString(warmupSeconds));
            parameters.put("seconds", Long.toString(seconds));
            return new BenchReport("portal", "a node's portal over loopback HTTPS (TLS 1.3, the node's certificate),"
                    + " N students as browsers: sign-in (page + Argon2id-checked password post) and the records page;"
                    + " node and clients in this process", parameters, List.of(signInPhase, pagePhase), resources,
                    Machine.current());
        } finally {
            node.close();
        }
    }

    /** One student in a browser: sign in, open the records page {@code pages} times, sign out, again. */
    private final class User {
        private final URI base;
        private final String origin;
        private final String username;
        private final StudentId student;
        private final CookieManager cookies = new CookieManager();
        private final HttpClient http;

        User(URI base, X509Certificate ca, String username, StudentId student) {
            this.base = base;
            this.origin = base.getScheme() + "://" + base.getHost() + ":" + base.getPort();
            this.username = username;
            this.student = student;
            this.http = HttpClient.newBuilder().sslContext(PortalTls.clientTrusting(ca)).cookieHandler(cookies)
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).build();
        }

        void loop(Window window, LatencyRecorder signIns, LatencyRecorder pageViews, AtomicLong failures) {
            while (!window.over()) {
                try {
                    cookies.getCookieStore().removeAll();
                    long begin = System.nanoTime();
                    Optional<String> token = signIn();
                    long end = System.nanoTime();
                    if (token.isEmpty()) {
                        count(window, begin, end, failures);
                        continue;
                    }
                    if (window.measures(begin, end)) {
                        signIns.record(end - begin);
                    }
                    for (int i = 0; i < pages && !window.over(); i++) {
                        long pageBegin = System.nanoTime();
                        HttpResponse<String> page = get("/students/" + student.value() + "/records");
                        long pageEnd = System.nanoTime();
                        if (page.statusCode() != 200) {
                            count(window, pageBegin, pageEnd, failures);
                        } else if (window.measures(pageBegin, pageEnd)) {
                            pageViews.record(pageEnd - pageBegin);
                        }
                    }
                    post("/sign-out", token.get(), List.of());
                } catch (IOException e) {
                    failures.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        private void count(Window window, long begin, long end, AtomicLong failures) {
            if (window.measures(begin, end)) {
                failures.incrementAndGet();
            }
        }

        /** Signs in; the session's CSRF token when the portal let the student in. */
        private Optional<String> signIn() throws IOException, InterruptedException {
            HttpResponse<String> page = get("/sign-in");
            Matcher token = CSRF.matcher(page.body());
            if (page.statusCode() != 200 || !token.find()) {
                return Optional.empty();
            }
            HttpResponse<String> answer = post("/sign-in", token.group(1),
                    List.of(Map.entry("username", username), Map.entry("password", PASSWORD)));
            if (answer.statusCode() != 303 || !answer.headers().firstValue("Location").orElse("").startsWith("/students")) {
                return Optional.empty();
            }
            HttpResponse<String> records = get("/students/" + student.value() + "/records");
            Matcher session = CSRF.matcher(records.body());
            return records.statusCode() == 200 && session.find() ? Optional.of(session.group(1)) : Optional.empty();
        }

        private HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        private HttpResponse<String> post(String path, String csrf, List<Map.Entry<String, String>> fields)
                throws IOException, InterruptedException {
            StringBuilder form = new StringBuilder("_csrf=").append(URLEncoder.encode(csrf, StandardCharsets.UTF_8));
            for (Map.Entry<String, String> field : fields) {
                form.append('&').append(URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8));
            }
            return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", origin)
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }


    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A leftover temporary directory is not worth failing the benchmark for.
        }
    }
}
