package org.baton.node.exchange;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.baton.ledger.testing.InMemoryLedger;
import org.baton.ledger.testing.MutableClock;
import org.baton.node.NodeApp;
import org.baton.node.NodeEvents;
import org.baton.node.readiness.AgCourseLists;
import org.baton.node.readiness.ReadinessEngine;
import org.baton.node.readiness.rules.RuleBook;
import org.baton.node.store.Column;
import org.baton.node.store.DataKey;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoreConfig;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.StudentRecord;
import org.baton.trust.Consortium;
import org.baton.trust.ConsortiumCa;
import org.baton.trust.InstitutionCredentials;
import org.baton.trust.InstitutionId;
import org.baton.trust.InstitutionKind;
import org.baton.trust.Member;
import org.baton.trust.PeerEndpoint;
import org.baton.trust.Validity;

/**
 * Nodes of a small consortium for unit tests of the exchange: real record stores (RocksDB in a temp directory),
 * the in-memory ledger that applies the real rules, and peers that call each other in memory.
 */
final class ExchangeHarness implements AutoCloseable {

    static final InstitutionId DISTRICT = InstitutionId.of("19647330000000");
    static final InstitutionId OTHER_DISTRICT = InstitutionId.of("01611920000000");
    static final InstitutionId COLLEGE = InstitutionId.of("117645");
    static final InstitutionId UNIVERSITY = InstitutionId.of("110662");
    static final InstitutionId CSAC = InstitutionId.of("CSAC");

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Every node's engine: the real one, with the default rules and no school's a-g course list. */
    private static final ReadinessEngine READINESS = ReadinessEngine.create(RuleBook.loadDefault());

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    final InMemoryLedger ledger = new InMemoryLedger(clock);
    final InMemoryPeers peers = new InMemoryPeers();
    final Consortium consortium;
    final ConsortiumCa ca;
    private final Path dir;
    private final Map<InstitutionId, InstitutionCredentials> credentials;
    private final Map<InstitutionId, Node> nodes = new HashMap<>();

    /** The key material of the test consortium: made once per test run (issuing keys takes a while). */
    private record Pki(ConsortiumCa ca, Map<InstitutionId, InstitutionCredentials> credentials, Consortium consortium) {
    }

    private static Pki pki;

    private static synchronized Pki pki() {
        if (pki == null) {
            ConsortiumCa ca = ConsortiumCa.create("Test CA", Validity.startingAt(Instant.now().minus(Duration.ofDays(1)),
                    Duration.ofDays(3650)), RANDOM);
            Map<InstitutionId, InstitutionCredentials> credentials = new HashMap<>();
            List<Member> members = new ArrayList<>();
            int port = 7000;
            for (Map.Entry<InstitutionId, InstitutionKind> entry : Map.of(DISTRICT, InstitutionKind.K12_DISTRICT,
                    OTHER_DISTRICT, InstitutionKind.K12_DISTRICT, COLLEGE, InstitutionKind.COMMUNITY_COLLEGE,
                    UNIVERSITY, InstitutionKind.UC, CSAC, InstitutionKind.CSAC).entrySet()) {
                PeerEndpoint endpoint = new PeerEndpoint("127.0.0.1", port++);
                InstitutionCredentials issued = ca.issue(entry.getKey(), endpoint,
                        Validity.startingAt(Instant.now().minus(Duration.ofDays(1)), Duration.ofDays(365)));
                credentials.put(entry.getKey(), issued);
                members.add(Member.of(issued, entry.getValue(), "Institution " + entry.getKey(), endpoint,
                        Optional.empty()));
            }
            pki = new Pki(ca, Map.copyOf(credentials), Consortium.of("Test Consortium", 1, Instant.now(), members));
        }
        return pki;
    }

    ExchangeHarness(Path dir) {
        this.dir = dir;
        Pki shared = pki();
        this.ca = shared.ca();
        this.credentials = shared.credentials();
        this.consortium = shared.consortium();
    }

    static ExchangeSettings fastSettings() {
        return ExchangeSettings.defaults()
                .withRetry(Duration.ofMillis(5), Duration.ofMillis(50))
                .withWorkers(4)
                .withLedgerPollInterval(Duration.ofHours(1));
    }

    Node start(InstitutionId id) {
        return start(id, fastSettings());
    }

    Node start(InstitutionId id, ExchangeSettings settings) {
        Node node = new Node(id, settings);
        nodes.put(id, node);
        return node;
    }

    Node node(InstitutionId id) {
        return nodes.get(id);
    }

    InstitutionCredentials credentials(InstitutionId id) {
        return credentials.get(id);
    }

    @Override
    public void close() {
        nodes.values().forEach(Node::close);
    }

    /** One node: its store, its view of the ledger (which can be switched off) and its exchange module. */
    final class Node implements AutoCloseable {
        final InstitutionId id;
        final SwitchableLedger ledgerView;
        private final ExchangeSettings settings;
        private final Path storeDir;
        private final DataKey key;
        RecordStore store;
        ExchangeModule module;
        final List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());

        Node(InstitutionId id, ExchangeSettings settings) {
            this.id = id;
            this.settings = settings;
            this.ledgerView = new SwitchableLedger(ledger.as(id));
            this.storeDir = dir.resolve(id.value()).resolve("store");
            this.key = DataKey.loadOrCreate(dir.resolve(id.value()).resolve("data.key"));
            open();
        }

        private void open() {
            store = RecordStore.open(StoreConfig.of(storeDir, key).withSyncWrites(false)
                    .withColumns(ExchangeModule.columns().toArray(Column<?, ?>[]::new)));
            module = ExchangeModule.create(new ExchangeModule.Context(credentials.get(id), consortium, store,
                    ledgerView, new NodeEvents(List.of(new RecordingListener(events))), clock, settings,
                    CalGrantGpaSource.reported(), NodeApp.agStatus(READINESS, AgCourseLists.none(), clock)),
                    peers.clientFor(id));
            peers.register(id, module.handler());
            module.start();
        }

        StudentId put(StudentRecord record) {
            return store.writeStudents(List.of(record)).get(0);
        }

        Exchanges exchanges() {
            return module.exchanges();
        }

        ConsentService consent() {
            return module.consent();
        }

        ExchangeView settle(ExchangeId exchange) {
            try {
                return exchanges().whenSettled(exchange).toCompletableFuture().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("exchange " + exchange + " at " + id + " did not settle: "
                        + exchanges().exchange(exchange), e);
            }
        }

        /** Closes module and store as a stop would, and opens them again. */
        void restart() {
            module.close();
            store.close();
            open();
        }

        @Override
        public void close() {
            module.close();
            store.close();
        }
    }
}
