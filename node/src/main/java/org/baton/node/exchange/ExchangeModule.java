package org.baton.node.exchange;

import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.baton.ledger.Ledger;
import org.baton.node.NodeEvents;
import org.baton.node.quality.ReceivedQuality;
import org.baton.node.store.Column;
import org.baton.node.store.RecordStore;
import org.baton.trust.Consortium;
import org.baton.trust.InstitutionCredentials;

/**
 * The exchange engine of one node, composed: hand it the node's credentials, consortium, record store (opened with
 * {@link #columns()}), ledger and events; register {@link #peerServices()} on the node's peer server; call
 * {@link #start()} once the node serves. It does not own the store or the ledger: close them after this.
 *
 * <pre>{@code
 * RecordStore store = RecordStore.open(storeConfig.withColumns(ExchangeModule.columns().toArray(Column[]::new)));
 * ExchangeModule exchange = ExchangeModule.create(new ExchangeModule.Context(credentials, consortium, store, ledger,
 *         events, Clock.systemUTC(), ExchangeSettings.defaults(), CalGrantGpaSource.reported(),
 *         agStatus));
 * PeerServer peers = new PeerServer(config.peer(), trust, events, exchange.peerServices());
 * peers.start();
 * exchange.start();
 * ...
 * exchange.close(); ledger.close(); store.close();
 * }</pre>
 */
public final class ExchangeModule implements AutoCloseable {

    /**
     * The largest peer message, in bytes, in either direction: the peer server accepts requests up to this size and
     * the peer client sends and accepts messages up to it. Packages of a student with a long college career and
     * learning artifacts can exceed gRPC's 4 MiB default; anything larger is refused with
     * {@code RESOURCE_EXHAUSTED} before it is parsed.
     */
    public static final int MAX_MESSAGE_BYTES = 32 << 20;

    /**
     * What the engine works with.
     *
     * @param credentials this institution's key material: its signing key signs packages, its TLS key calls peers
     * @param consortium the verified member list: peers' endpoints, certificates and signing keys
     * @param store the node's record store, opened with {@link #columns()}
     * @param ledger the ledger as this institution (for the embedded ledger, a {@code RemoteLedger})
     * @param events the node's operator events
     * @param clock the clock grants, packages and receipts are stamped with
     * @param settings tuning
     * @param calGrantGpas where the Cal Grant GPA for CSAC comes from
     * @param agStatus the a-g status packages carry under the {@code AG_STATUS} scope
     */
    public record Context(InstitutionCredentials credentials, Consortium consortium, RecordStore store, Ledger ledger,
            NodeEvents events, Clock clock, ExchangeSettings settings, CalGrantGpaSource calGrantGpas,
            AgStatusSource agStatus) {
        public Context {
            Objects.requireNonNull(credentials, "credentials");
            Objects.requireNonNull(consortium, "consortium");
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(ledger, "ledger");
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(calGrantGpas, "calGrantGpas");
            Objects.requireNonNull(agStatus, "agStatus");
            if (!ledger.institution().equals(credentials.institutionId())) {
                throw new IllegalArgumentException("the ledger signs as " + ledger.institution()
                        + ", but the credentials are those of " + credentials.institutionId());
            }
            if (consortium.member(credentials.institutionId()).isEmpty()) {
                throw new IllegalArgumentException("institution " + credentials.institutionId()
                        + " is not a member of the consortium");
            }
        }
    }

    private final ExchangeEngine engine;
    private final Consents consents;
    private final ExchangeStore store;
    private final WorkScheduler scheduler;
    private final LedgerFollower follower;
    private final PeerClient peers;
    private final PackageVerifier verifier;
    private final ReceivedChecks checks;
    private final ArrivalHandoff handoff;
    private final ServerServiceDefinition service;
    private boolean started;
    private boolean closed;

    private ExchangeModule(ExchangeEngine engine, Consents consents, ExchangeStore store, WorkScheduler scheduler,
            LedgerFollower follower, PeerClient peers, PackageVerifier verifier, ReceivedByStudent byStudent,
            ArrivalHandoff handoff) {
        this.engine = engine;
        this.consents = consents;
        this.store = store;
        this.scheduler = scheduler;
        this.follower = follower;
        this.peers = peers;
        this.verifier = verifier;
        this.handoff = handoff;
        this.checks = new ReceivedChecks(store, engine, byStudent, handoff);
        this.service = ServerInterceptors.intercept(new PeerExchangeService(engine));
    }

    /** The record store columns the engine keeps its state in; declare them in the store's configuration. */
    public static List<Column<?, ?>> columns() {
        return ExchangeStore.COLUMNS;
    }

    /** Composes the engine; peers are called over mutual-TLS gRPC. Nothing runs until {@link #start()}. */
    public static ExchangeModule create(Context context) {
        Objects.requireNonNull(context, "context");
        return create(context, new GrpcPeerClient(context.credentials(), context.consortium(),
                context.settings().peerDeadline()));
    }

    /** Composes the engine with another way to reach peers (in-memory in unit tests). */
    static ExchangeModule create(Context context, PeerClient peers) {
        ExchangeSettings settings = context.settings();
        NodeEvents events = context.events();
        // Backoff is about real waiting, not about the time grants and receipts are stamped with.
        Backoffs backoffs = new Backoffs(settings.retryInitial(), settings.retryMax(), Clock.systemUTC(),
                new Backoffs.Listener() {
                    @Override
                    public void unavailable(String target, String error, Duration retryIn) {
                        if (target.equals(Backoffs.LEDGER)) {
                            events.ledgerUnavailable(error, retryIn);
                        } else if (!target.equals(WorkScheduler.LOCAL)) {
                            events.peerUnavailable(org.baton.trust.InstitutionId.of(target), error, retryIn);
                        }
                    }

                    @Override
                    public void available(String target) {
                        if (target.equals(Backoffs.LEDGER)) {
                            events.ledgerAvailable();
                        } else if (!target.equals(WorkScheduler.LOCAL)) {
                            events.peerAvailable(org.baton.trust.InstitutionId.of(target));
                        }
                    }
                });
        ExchangeStore store = new ExchangeStore(context.store());
        Outbox outbox = new Outbox(context.credentials().institutionId(), store, context.clock(), events);
        LedgerGate ledger = new LedgerGate(context.ledger(), backoffs);
        GrantCache grants = new GrantCache(context.ledger().reader(), settings.grantCacheSize());
        StudentMatcher matcher = new StudentMatcher(context.store());
        PackageVerifier verifier = PackageVerifier.create(context.consortium(), context.credentials().caCertificate());
        PackageSigner signer = new PackageSigner(context.credentials());
        SourceSide source = new SourceSide(outbox, ledger, grants, matcher, signer, peers, backoffs,
                context.calGrantGpas(), context.agStatus(), context.consortium());
        ReceivedByStudent byStudent = ReceivedByStudent.open(context.store());
        ArrivalHandoff handoff = new ArrivalHandoff();
        RecipientSide recipient = new RecipientSide(outbox, ledger, grants, verifier, peers, backoffs, byStudent,
                handoff);
        Consents consents = new Consents(outbox, ledger, grants, matcher, peers, backoffs, context.consortium(),
                recipient, settings.pullOnGrant(), byStudent);
        ExchangeEngine engine = new ExchangeEngine(outbox, source, recipient, consents, backoffs, byStudent,
                new DiscrepancyReports(outbox, peers, source));
        WorkScheduler scheduler = new WorkScheduler(settings.workers(), backoffs, engine,
                nanos -> context.events().exchangeStepTimed(ExchangeStep.QUEUED, nanos));
        outbox.attach(scheduler);
        engine.attach(scheduler);
        LedgerFollower follower = new LedgerFollower(outbox, ledger, grants, settings.ledgerPollInterval());
        return new ExchangeModule(engine, consents, store, scheduler, follower, peers, verifier, byStudent, handoff);
    }

    /** The engine's side of peers' calls (what the gRPC service calls), for in-memory peers in tests. */
    /** How this node's pulls went out in batch calls; empty when peers are not reached over gRPC. */
    Optional<PullBatcher> pullBatcher() {
        return peers instanceof GrpcPeerClient grpc ? Optional.of(grpc.pulls()) : Optional.empty();
    }

    PeerHandler handler() {
        return engine;
    }

    /** Reads the ledger's events now instead of waiting for the next poll. */
    int pollLedger() {
        return follower.poll();
    }

    ExchangeStore store() {
        return store;
    }

    /** The packages accepted lately, waiting for the data-quality check to take them. */
    ArrivalHandoff handoff() {
        return handoff;
    }

    /** The {@code PeerExchange} service, for the node's peer server (behind its mutual-TLS authenticator). */
    public List<ServerServiceDefinition> peerServices() {
        return List.of(service);
    }

    /** Resumes every unfinished step kept in the store and starts following the ledger. Call once. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("the exchange module is closed");
        }
        if (started) {
            return;
        }
        started = true;
        engine.resume();
        follower.start();
    }

    /** Grants, revocations and the access log, for the portal. */
    public ConsentService consent() {
        return consents;
    }

    /** Starting and following transfers. */
    public Exchanges exchanges() {
        return engine;
    }

    /** What other institutions sent this node. */
    public ReceivedRecords received() {
        return engine;
    }

    /**
     * The received packages waiting for the node's data-quality rules ({@link ReceivedQuality}):
     * each is marked in the write that accepts it.
     */
    public ReceivedQuality.Packages receivedChecks() {
        return checks;
    }

    /** The verifier this node checks packages with (for a saved package, see {@link PackageVerifier#read}). */
    public PackageVerifier verifier() {
        return verifier;
    }

    /**
     * Stops the workers (a step in flight finishes or is resumed on the next start), the ledger follower and the
     * peer channels, and commits the writes already queued. Leaves the store and the ledger open. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        follower.close();
        scheduler.stop(Duration.ofSeconds(10));
        peers.close();
        store.writer().close();
    }
}
