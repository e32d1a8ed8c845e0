package org.baton.node;

import io.grpc.ServerServiceDefinition;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.baton.node.config.NodeConfig;
import org.baton.node.portal.PortalBackends;
import org.baton.node.portal.PortalConfig;
import org.baton.node.portal.PortalServer;
import org.baton.node.portal.PortalTls;
import org.baton.node.portal.accounts.AccountStore;
import org.baton.node.portal.accounts.Account;
import org.baton.node.portal.audit.AuditDesk;
import org.baton.node.portal.consent.ConsentDesk;
import org.baton.node.portal.consent.Institution;
import org.baton.node.portal.registrar.RegistrarDesk;
import org.baton.node.portal.session.SessionStore;
import org.baton.node.portal.student.ReadinessSource;
import org.baton.node.portal.student.StudentDirectory;
import org.baton.node.quality.DataQuality;
import org.baton.node.quality.QualityChecker;
import org.baton.node.quality.ReceivedQuality;
import org.baton.node.readiness.AgCourseLists;
import org.baton.node.readiness.AgListException;
import org.baton.node.readiness.AgListFiles;
import org.baton.node.readiness.ReadinessEngine;
import org.baton.node.readiness.ReadinessInput;
import org.baton.node.readiness.ReadinessReport;
import org.baton.node.readiness.rules.RuleBook;
import org.baton.ledger.Ledger;
import org.baton.ledger.embedded.RemoteLedger;
import org.baton.ledger.fabric.FabricLedger;
import org.baton.ledger.fabric.TransactionClock;
import org.baton.ledger.embedded.SubmitBatching;
import org.baton.ledger.GrantorRole;
import org.baton.node.exchange.AgStatusSource;
import org.baton.node.exchange.CalGrantGpaSource;
import org.baton.node.exchange.ExchangeDirection;
import org.baton.node.exchange.ExchangeId;
import org.baton.node.exchange.ExchangeModule;
import org.baton.node.exchange.ExchangeState;
import org.baton.node.exchange.ExchangeSettings;
import org.baton.node.importer.ImportRuns;
import org.baton.node.store.Column;
import org.baton.node.store.DataKey;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoreConfig;
import org.baton.node.store.StoreException;
import org.baton.proto.v1.GpaKind;
import org.baton.proto.v1.ReportedGpa;
import org.baton.trust.InstitutionId;
import org.baton.trust.Member;

/**
 * The institution node's composition root: {@link #create} checks the node's identity against the consortium and
 * opens its store; {@link #start} binds the peer server (mutual TLS), the admin server (loopback) and, when
 * configured, the portal (HTTPS); {@link #close} releases everything in order. Each subsystem is built by its own
 * method here.
 *
 * <pre>{@code
 * try (NodeApp node = NodeApp.create(NodeConfig.load(file)).start()) {
 *     node.awaitTermination();
 * }
 * }</pre>
 */
public final class NodeApp implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    /** The directory under the data directory holding the schools' a-g course lists. */
    public static final String AG_LISTS_DIR = "ag-lists";

    private enum State { CREATED, STARTED, CLOSED }

    /** California institutions' days: a consent "until" a date ends at the end of that day here. */
    private static final ZoneId CALIFORNIA = ZoneId.of("America/Los_Angeles");

    private final InstitutionId institution;
    private final Clock clock;
    private final NodeEvents events;
    private final RecordStore store;
    private final Optional<Ledger> ledger;
    private final Optional<ExchangeModule> exchange;
    private final PeerServer peerServer;
    private final AdminServer adminServer;
    private final Optional<PortalServer> portalServer;
    private final Optional<ReceivedQuality> receivedQuality;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private State state = State.CREATED;
    private volatile Instant startedAt;

    private NodeApp(NodeConfig config, Clock clock, NodeEvents events, NodeTrust trust, RecordStore store,
            Optional<Ledger> ledger, Optional<ExchangeModule> exchange, ReadinessEngine readinessEngine,
            AgCourseLists agLists, AtomicReference<Runnable> packageAccepted) {
        this.institution = config.institution().id();
        this.clock = clock;
        this.events = events;
        this.store = store;
        this.ledger = ledger;
        this.exchange = exchange;
        this.peerServer = new PeerServer(config.peer(), trust, events, peerServices(exchange));
        this.receivedQuality = exchange.map(module -> ReceivedQuality.in(store, module.receivedChecks(),
                receivedChecker(readinessEngine, config), clock));
        receivedQuality.ifPresent(queue -> packageAccepted.set(queue::wake));
        this.portalServer = config.portal().map(portal -> portal(portal, config, clock, trust, store, ledger,
                exchange, receivedQuality, readinessEngine, agLists));
        StudentReadiness readiness = new StudentReadiness(institution, store, exchange.map(ExchangeModule::received),
                readinessEngine, agLists);
        this.adminServer = new AdminServer(config.admin(), new NodeAdminService(trust, store, events, version(),
                peerServer::address, () -> startedAt, exchange, portalServer.map(PortalServer::accounts),
                () -> portalServer.map(NodeApp::portalUrl), readiness, receivedQuality, clock));
    }

    /**
     * The rules that judge received records: those that need no other student and no sender's a-g lists (the
     * node's lists are for its own courses).
     */
    private static QualityChecker receivedChecker(ReadinessEngine readinessEngine, NodeConfig config) {
        return new QualityChecker(readinessEngine, AgCourseLists.none(), config.quality(), (self, student) -> List.of());
    }

    /** The portal over the node's record store, readiness engine and consortium; served with the node's TLS key. */
    private static PortalServer portal(NodeConfig.Portal portal, NodeConfig config, Clock clock, NodeTrust trust,
            RecordStore store, Optional<Ledger> ledger, Optional<ExchangeModule> exchange,
            Optional<ReceivedQuality> receivedQuality, ReadinessEngine readinessEngine, AgCourseLists agLists) {
        List<Institution> institutions = trust.consortium().members().stream()
                .map(member -> new Institution(member.id(), member.displayName()))
                .toList();
        java.util.function.Function<InstitutionId, String> names = id -> institutions.stream()
                .filter(i -> i.id().equals(id)).map(Institution::name).findFirst().orElse(id.value());
        QualityChecker receivedChecker = receivedChecker(readinessEngine, config);
        StudentDirectory students = StudentDirectory.inRecordStore(store, exchange.map(ExchangeModule::received),
                names, record -> receivedChecker.checkReceived(record,
                        LocalDate.ofInstant(clock.instant(), CALIFORNIA)));
        AccountStore accounts = AccountStore.inRecordStore(store);
        ConsentDesk consent = exchange
                .map(module -> ConsentDesk.fromExchange(module.consent(), module.exchanges()::disclosedPackage,
                        student -> module.exchanges().discrepancyReports(10_000).stream()
                                .filter(report -> report.student().equals(Optional.of(student))).toList(),
                        institutions,
                        account -> accounts.find(account).flatMap(NodeApp::grantorRole), clock, CALIFORNIA))
                .orElseGet(() -> ConsentDesk.notConnected(institutions));
        PortalBackends backends = new PortalBackends(
                accounts,
                SessionStore.inRecordStore(store),
                students,
                ReadinessSource.fromEngine(readinessEngine, RuleBook.loadDefault().counseling(), students, agLists,
                        clock),
                consent,
                RegistrarDesk.ofNode(store, exchange.map(ExchangeModule::exchanges),
                        exchange.map(ExchangeModule::received).flatMap(received -> receivedQuality
                                .map(queue -> new RegistrarDesk.Received(received, queue))), names,
                        calGrantGpas(readinessEngine, clock), clock),
                ledger.map(l -> AuditDesk.ofLedger(config.institution().id(), l.reader()))
                        .orElseGet(() -> AuditDesk.notConnected(config.institution().id())));
        PortalConfig portalConfig = PortalConfig.defaults(portal.host(), portal.port(), config.institution().name());
        return new PortalServer(portalConfig, PortalTls.from(trust.credentials()), backends, clock);
    }

    /**
     * The schools' a-g course lists: the CSV files in {@code <dataDir>/ag-lists/} (docs/formats/ag-lists.md), read
     * once at start; without that directory every course is judged by the a-g flags on its record.
     */
    private static AgCourseLists agLists(NodeConfig config) {
        Path dir = config.dataDir().resolve(AG_LISTS_DIR);
        if (!Files.isDirectory(dir)) {
            return AgCourseLists.none();
        }
        try {
            return AgListFiles.readDirectory(dir);
        } catch (AgListException | IllegalArgumentException e) {
            throw new NodeStartException(config.institution().id(), e.getMessage(), e);
        }
    }

    /**
     * The data-quality rules as this node runs them: the readiness engine's a-g list and GPA checks with the node's
     * a-g lists, the configured options, and lookalikes among {@code store}'s students.
     *
     * @throws NodeStartException if an a-g list file is malformed
     */
    public static QualityChecker qualityChecker(NodeConfig config, RecordStore store) {
        return new QualityChecker(ReadinessEngine.create(RuleBook.loadDefault()), agLists(config), config.quality(),
                DataQuality.lookalikesIn(store));
    }

    /** Who signs a consent: an eligible student for themselves, a guardian for a minor; staff never do. */
    private static Optional<GrantorRole> grantorRole(Account account) {
        return switch (account.role()) {
            case STUDENT -> Optional.of(GrantorRole.STUDENT);
            case GUARDIAN -> Optional.of(GrantorRole.GUARDIAN);
            default -> Optional.empty();
        };
    }

    private static String portalUrl(PortalServer portal) {
        return "https://" + portal.host() + ":" + portal.port() + "/";
    }

    /** Builds the node without listeners of its own (events are still logged). */
    public static NodeApp create(NodeConfig config) {
        return create(config, List.of());
    }

    /**
     * Builds the node: loads and cross-checks its key material and the consortium file, opens the record store, and
     * assembles the servers (not yet bound).
     *
     * @throws NodeStartException saying what to fix
     */
    public static NodeApp create(NodeConfig config, List<NodeEventListener> listeners) {
        return create(config, listeners, Clock.systemUTC());
    }

    /**
     * Builds the node with {@code clock} as the time grants, packages and receipts are stamped with (certificates
     * are always checked against the system clock).
     *
     * @throws NodeStartException saying what to fix
     */
    public static NodeApp create(NodeConfig config, List<NodeEventListener> listeners, Clock clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(listeners, "listeners");
        Objects.requireNonNull(clock, "clock");
        AtomicReference<Runnable> packageAccepted = new AtomicReference<>(() -> { });
        List<NodeEventListener> all = new ArrayList<>(listeners);
        all.add(new NodeEventListener() {
            @Override
            public void exchangeSettled(ExchangeId exchange, ExchangeDirection direction, InstitutionId peer,
                    ExchangeState state, Optional<String> reason) {
                if (direction == ExchangeDirection.INBOUND && state == ExchangeState.ACKNOWLEDGED) {
                    packageAccepted.get().run();
                }
            }
        });
        NodeEvents events = new NodeEvents(all);
        NodeTrust trust = NodeTrust.load(config, Clock.systemUTC());
        RecordStore store = openStore(config);
        Optional<Ledger> ledger = Optional.empty();
        Optional<ExchangeModule> exchange = Optional.empty();
        try {
            ReadinessEngine readinessEngine = ReadinessEngine.create(RuleBook.loadDefault());
            AgCourseLists agLists = agLists(config);
            ledger = config.ledger().map(settings -> connectLedger(config, settings, trust, clock));
            Optional<Ledger> connectedLedger = ledger;
            exchange = connectedLedger.map(connected -> exchange(config, trust, store, connected,
                    events, clock, readinessEngine, agLists));
            return new NodeApp(config, clock, events, trust, store, ledger, exchange, readinessEngine, agLists,
                    packageAccepted);
        } catch (RuntimeException e) {
            exchange.ifPresent(ExchangeModule::close);
            ledger.ifPresent(Ledger::close);
            store.close();
            throw e;
        }
    }

    /** The services other nodes call over mutual TLS: the exchange's, when the node has a ledger. */
    private static List<ServerServiceDefinition> peerServices(Optional<ExchangeModule> exchange) {
        return exchange.map(ExchangeModule::peerServices).orElse(List.of());
    }

    /**
     * The ledger named in the configuration, reached as this institution. On Fabric the node's clock stamps its
     * transactions' times; the embedded ledger stamps them with its own.
     */
    private static Ledger connectLedger(NodeConfig config, NodeConfig.Ledger settings, NodeTrust trust, Clock clock) {
        if (settings instanceof NodeConfig.FabricLedger fabric) {
            return FabricLedger.connect(fabric.config(config.institution().id()), new TransactionClock(clock));
        }
        NodeConfig.EmbeddedLedger embedded = (NodeConfig.EmbeddedLedger) settings;
        Member operator = trust.consortium().member(embedded.operator()).orElseThrow(() -> new NodeStartException(
                config.institution().id(), "ledger.operator " + embedded.operator() + " is not listed in consortium file "
                        + config.consortium().file()));
        return RemoteLedger.connect(embedded.endpoint(), operator, trust.credentials(), RemoteLedger.DEFAULT_DEADLINE,
                LEDGER_BATCHING);
    }

    /**
     * How the node's receipts, acknowledgments and grants share ledger calls: one call in flight, and those that
     * come while it is out go together in the next. A transaction that finds no call out waits up to 1 ms for others
     * to go with it. Each call costs an Ed25519 batch signature here and its verification at the ledger, and each
     * block the ledger cuts a sync: under load this sends about half the calls of {@link SubmitBatching#DEFAULT}
     * (two in flight, the same window), 0.59 instead of 1.13 to 1.20 calls per exchange in {@code baton bench
     * exchange}; at half that load the window cuts them by more than a third again (0.25 to 0.28 per exchange against
     * 0.40 to 0.47 without it), for 1 ms more at most on each of an exchange's two ledger steps.
     */
    static final SubmitBatching LEDGER_BATCHING = new SubmitBatching(SubmitBatching.DEFAULT.maxTransactions(),
            SubmitBatching.DEFAULT.maxBytes(), Duration.ofMillis(1), 1);

    /** The exchange engine over the node's store and ledger. */
    private static ExchangeModule exchange(NodeConfig config, NodeTrust trust, RecordStore store, Ledger ledger,
            NodeEvents events, Clock clock, ReadinessEngine readinessEngine, AgCourseLists agLists) {
        NodeConfig.Exchange tuning = config.exchange();
        ExchangeSettings settings = ExchangeSettings.defaults()
                .withPullOnGrant(tuning.pullOnGrant())
                .withWorkers(tuning.workers())
                .withPeerDeadline(Duration.ofMillis(tuning.peerDeadlineMillis()))
                .withRetry(Duration.ofMillis(tuning.retryInitialMillis()), Duration.ofMillis(tuning.retryMaxMillis()));
        return ExchangeModule.create(new ExchangeModule.Context(trust.credentials(), trust.consortium(), store, ledger,
                events, clock, settings, calGrantGpas(readinessEngine, clock),
                agStatus(readinessEngine, agLists, clock)));
    }

    /**
     * The a-g status a package carries under the AG_STATUS scope: the readiness engine's UC and CSU evaluation of
     * the node's own record of the student, with the node's a-g course lists, as of today in California.
     */
    public static AgStatusSource agStatus(ReadinessEngine engine, AgCourseLists agLists, Clock clock) {
        return record -> {
            LocalDate today = LocalDate.ofInstant(clock.instant(), CALIFORNIA);
            ReadinessReport report = engine.evaluate(new ReadinessInput(List.of(record), agLists, today));
            return List.of(report.uc().summary(today), report.csu().summary(today));
        };
    }

    /**
     * The Cal Grant GPA sent to CSAC: the readiness engine's (unweighted, grades 10-11, rounded to hundredths) from
     * the student's record; the one the school reported when the engine finds no grades in the window.
     */
    static CalGrantGpaSource calGrantGpas(ReadinessEngine engine, Clock clock) {
        CalGrantGpaSource reported = CalGrantGpaSource.reported();
        return record -> {
            LocalDate today = LocalDate.ofInstant(clock.instant(), CALIFORNIA);
            return engine.evaluate(ReadinessInput.of(record, today)).calGrantGpa().value()
                    .map(value -> ReportedGpa.newBuilder()
                            .setKind(GpaKind.GPA_CAL_GRANT)
                            .setValue(value.movePointRight(3).setScale(0, RoundingMode.HALF_UP).intValueExact())
                            .setAsOf(today.toString())
                            .build())
                    .or(() -> reported.calGrantGpa(record));
        };
    }

    /**
     * Opens the node's record store with every column the node's features declare, for tools that work on a
     * stopped node (the store is locked while the node runs).
     *
     * @throws NodeStartException saying what to fix
     */
    public static RecordStore openStore(NodeConfig config) {
        InstitutionId id = config.institution().id();
        Path dataDir = config.dataDir();
        try {
            if (!Files.isDirectory(dataDir)) {
                Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new NodeStartException(id, "cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        try {
            DataKey key = DataKey.loadOrCreate(config.store().dataKeyFile());
            return RecordStore.open(StoreConfig.of(dataDir.resolve("store"), key)
                    .withColumns(ExchangeModule.columns().toArray(Column<?, ?>[]::new))
                    .withColumns(ImportRuns.columns().toArray(Column<?, ?>[]::new))
                    .withColumns(DataQuality.columns().toArray(Column<?, ?>[]::new))
                    .withColumns(PortalServer.storeColumns().toArray(Column<?, ?>[]::new)));
        } catch (StoreException e) {
            throw new NodeStartException(id, e.getMessage(), e);
        }
    }

    /**
     * Binds the peer and admin servers and reports the node started.
     *
     * @throws NodeStartException if a port cannot be bound (the node is then closed)
     * @throws IllegalStateException if started before or closed
     */
    public synchronized NodeApp start() {
        if (state != State.CREATED) {
            throw new IllegalStateException("node " + institution + " is " + state.name().toLowerCase()
                    + "; it can be started once");
        }
        state = State.STARTED;
        try {
            peerServer.start();
        } catch (IOException e) {
            close();
            throw new NodeStartException(institution, "cannot bind the peer server: " + e.getMessage(), e);
        }
        try {
            adminServer.start();
        } catch (IOException e) {
            close();
            throw new NodeStartException(institution, "cannot bind the admin server to 127.0.0.1: "
                    + e.getMessage(), e);
        }
        exchange.ifPresent(ExchangeModule::start);
        receivedQuality.ifPresent(ReceivedQuality::start);
        if (portalServer.isPresent()) {
            try {
                portalServer.get().start();
            } catch (RuntimeException e) {
                close();
                throw new NodeStartException(institution, "cannot start the portal: " + e.getMessage(), e);
            }
        }
        startedAt = clock.instant();
        events.nodeStarted(institution, peerServer.address(), adminServer.address(),
                portalServer.map(p -> new InetSocketAddress(p.host(), p.port())));
        return this;
    }

    /** The node's record store. */
    public RecordStore store() {
        return store;
    }

    /** The exchange engine, present when the configuration names a ledger. */
    public Optional<ExchangeModule> exchange() {
        return exchange;
    }

    /** What the data-quality rules find in records other institutions sent; present with the exchange. */
    public Optional<ReceivedQuality> receivedQuality() {
        return receivedQuality;
    }

    /** The institution this node serves. */
    public InstitutionId institution() {
        return institution;
    }

    /** Where the peer server listens (after {@link #start}). */
    public InetSocketAddress peerAddress() {
        return peerServer.address();
    }

    /** Where the admin server listens (after {@link #start}); always 127.0.0.1. */
    public InetSocketAddress adminAddress() {
        return adminServer.address();
    }

    /** Where the portal serves HTTPS (after {@link #start}); empty when the config has no portal section. */
    public Optional<InetSocketAddress> portalAddress() {
        return portalServer.map(p -> new InetSocketAddress(p.host(), p.port()));
    }

    /** Blocks until {@link #close} has finished. */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    /**
     * Stops serving and releases everything, in order: portal, admin server, peer server (running calls get a few
     * seconds to finish), exchange engine (queued work stays in the store and resumes on the next start), ledger
     * client, record store. Idempotent; safe from a shutdown hook.
     */
    @Override
    public void close() {
        boolean wasStarted;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            wasStarted = state == State.STARTED;
            state = State.CLOSED;
        }
        try {
            if (wasStarted) {
                portalServer.ifPresent(PortalServer::stop);
                adminServer.stop(STOP_GRACE);
                peerServer.stop(STOP_GRACE);
            }
        } finally {
            try {
                receivedQuality.ifPresent(ReceivedQuality::close);
                exchange.ifPresent(ExchangeModule::close);
                ledger.ifPresent(Ledger::close);
                store.close();
            } finally {
                events.nodeStopped(institution);
                terminated.countDown();
            }
        }
    }

    static String version() {
        String version = NodeApp.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
