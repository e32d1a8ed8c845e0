package org.baton.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.baton.node.exchange.ExchangeNetwork.DISTRICT;
import static org.baton.node.exchange.ExchangeNetwork.UNIVERSITY;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.baton.ledger.GrantRecord;
import org.baton.ledger.LedgerReader;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.Page;
import org.baton.ledger.PageRequest;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.TimeRange;
import org.baton.ledger.Verdict;
import org.baton.ledger.embedded.EmbeddedLedger;
import org.baton.ledger.embedded.EmbeddedLedgerConfig;
import org.baton.ledger.embedded.EmbeddedLedgerServer;
import org.baton.node.config.NodeConfig;
import org.baton.node.store.Column;
import org.baton.node.store.DataKey;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoreConfig;
import org.baton.proto.v1.StoredExchange;
import org.baton.proto.v1.StoredExchangeKind;
import org.baton.proto.v1.StoredExchangeState;
import org.baton.proto.v1.StudentRecord;
import org.baton.trust.InstitutionId;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger, a source (district) and a recipient (university) each in a process of its own, under a burst of
 * grants (each pulled by the recipient) and disclosures (each pushed by the source), while in turn the source, the
 * recipient and the ledger are killed with SIGKILL at random moments and restarted. Afterwards every transfer must
 * have completed exactly once: the ledger's receipts, the source's outbox and the recipient's outbox name the same
 * packages, each acknowledged once, none stored twice.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ExchangeFaultIT {

    private static final int STUDENTS = 400;
    private static final int CHUNK = 30;
    private static final List<String> VICTIMS = List.of("district", "university", "ledger", "university", "district",
            "ledger");

    @TempDir
    Path dir;

    private ExchangeNetwork network;
    private ChildProcess ledger;
    private ChildProcess district;
    private ChildProcess university;

    @Test
    void every_transfer_completes_exactly_once_through_kills_of_source_recipient_and_ledger() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        network = new ExchangeNetwork(dir, "exchange:\n  retryInitialMillis: 20\n  retryMaxMillis: 400\n"
                + "  peerDeadlineMillis: 5000\n");
        populate(DISTRICT);
        populate(UNIVERSITY);
        try {
            ledger = startLedger();
            district = startNode(DISTRICT);
            university = startNode(UNIVERSITY);
            int next = 0;
            for (String victim : VICTIMS) {
                university.send("grants " + next + " " + (next + CHUNK) + " " + DISTRICT);
                district.send("disclose " + (next + CHUNK) + " " + (next + 2 * CHUNK) + " " + UNIVERSITY);
                next += 2 * CHUNK;
                Thread.sleep(50 + random.nextInt(1200));
                switch (victim) {
                    case "district" -> {
                        district.kill();
                        Thread.sleep(random.nextInt(400));
                        district = startNode(DISTRICT);
                        university.await("grants done", 120);
                    }
                    case "university" -> {
                        university.kill();
                        Thread.sleep(random.nextInt(400));
                        university = startNode(UNIVERSITY);
                        district.await("disclose done", 120);
                    }
                    default -> {
                        ledger.kill();
                        Thread.sleep(random.nextInt(400));
                        ledger = startLedger();
                        university.await("grants done", 120);
                        district.await("disclose done", 120);
                    }
                }
            }
            awaitQuiet(university, "university");
            awaitQuiet(district, "district");
            university.send("quit");
            university.await("bye", 60);
            district.send("quit");
            district.await("bye", 60);
        } finally {
            for (ChildProcess process : new ChildProcess[] {university, district, ledger}) {
                if (process != null) {
                    process.close();
                }
            }
        }
        verify(seed);
    }

    private void populate(InstitutionId id) {
        NodeConfig config = NodeConfig.load(network.config(id));
        try (RecordStore store = RecordStore.open(StoreConfig.of(config.dataDir().resolve("store"),
                DataKey.loadOrCreate(config.store().dataKeyFile())))) {
            List<StudentRecord> records = new ArrayList<>();
            for (int n = 0; n < STUDENTS; n++) {
                records.add(Students.record(n, id.value(), id.equals(DISTRICT) ? 40 : 0));
            }
            store.writeStudents(records);
        }
    }

    private ChildProcess startLedger() {
        for (int attempt = 1; ; attempt++) {
            ChildProcess process = ChildProcess.start("ledger", dir.resolve("ledger.log"), EmbeddedLedgerServer.class,
                    "--data", network.ledgerDir().toString(),
                    "--credentials", network.credentialsDir(ExchangeNetwork.OPERATOR).toString(),
                    "--consortium", network.consortiumFile().toString(),
                    "--port", Integer.toString(network.ledgerPort()));
            try {
                process.await("ledger listening on port", 60);
                return process;
            } catch (AssertionError e) {
                process.kill();
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private ChildProcess startNode(InstitutionId id) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            ChildProcess process = ChildProcess.start(id.value(), dir.resolve(id.value() + ".log"),
                    ExchangeNodeProcess.class, network.config(id).toString());
            try {
                System.out.println(id + ": " + process.await("node ready", 90));
                return process;
            } catch (AssertionError e) {
                process.kill();
                if (attempt == 5) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    /** Waits until the node has no unfinished work: every exchange, notification and grant done. */
    private static void awaitQuiet(ChildProcess node, String name) throws InterruptedException {
        long deadline = System.nanoTime() + 240_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline) {
            node.send("status");
            last = node.await("status ", 30);
            if (last.startsWith("status unfinished=0 ") && last.contains(" notifications=0 ")
                    && last.contains(" grants=0 ")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(name + " never finished its work: " + last);
    }

    // ---------------------------------------------------------------------------------------------- invariants

    private void verify(long seed) {
        Map<ReceiptId, ReceiptRecord> onLedger = new HashMap<>();
        List<GrantRecord> grants = new ArrayList<>();
        try (EmbeddedLedger chain = EmbeddedLedger.open(EmbeddedLedgerConfig.defaults(network.ledgerDir()),
                network.consortium(), network.credentials(ExchangeNetwork.OPERATOR), Clock.systemUTC())) {
            LedgerReader reader = chain.reader();
            for (ReceiptRecord record : all(page -> reader.receiptsByInstitution(DISTRICT, TimeRange.all(), page))) {
                onLedger.put(record.id(), record);
            }
            for (GrantRecord grant : all(page -> reader.grantsByInstitution(UNIVERSITY, TimeRange.all(), page))) {
                grants.add(grant);
                assertThat(reader.receiptsByGrant(grant.id())).as("receipts of grant %s (seed %d)", grant.id(), seed)
                        .hasSize(1);
            }
        }
        List<StoredExchange> sent = exchanges(DISTRICT);
        List<StoredExchange> received = exchanges(UNIVERSITY);
        String context = "seed " + seed;

        assertThat(onLedger.values()).as(context).allSatisfy(record -> {
            assertThat(record.receipt().recipient()).isEqualTo(UNIVERSITY);
            assertThat(record.acknowledged()).isPresent();
            assertThat(record.acknowledged().get().acknowledgment().verdict()).isEqualTo(Verdict.ACCEPTED);
        });
        assertThat(grants).as(context).isNotEmpty();
        assertThat(onLedger.values().stream().filter(r -> r.receipt().basis() == LegalBasis.SEEKS_ENROLLMENT))
                .as(context).isNotEmpty();

        // The source: every package it signed reached the ledger once and was released; nothing is left half done.
        assertThat(sent).as(context).allSatisfy(x -> assertThat(x.getState()).isIn(StoredExchangeState.STATE_DELIVERED,
                StoredExchangeState.STATE_ACKNOWLEDGED));
        Map<String, Long> perRequest = new HashMap<>();
        sent.stream().filter(x -> x.getKind() == StoredExchangeKind.SERVE_PULL)
                .forEach(x -> perRequest.merge(x.getRequestId(), 1L, Long::sum));
        assertThat(perRequest.values()).as(context).allMatch(count -> count == 1);
        assertThat(receiptIds(sent)).as(context).isEqualTo(onLedger.keySet());

        // The recipient: one exchange per package, each stored once and acknowledged.
        assertThat(received).as(context).allSatisfy(x -> {
            assertThat(x.getState()).isEqualTo(StoredExchangeState.STATE_ACKNOWLEDGED);
            assertThat(x.getKind()).isIn(StoredExchangeKind.PULL, StoredExchangeKind.RECEIVE_PUSH);
        });
        assertThat(receiptIds(received)).as(context).isEqualTo(onLedger.keySet());
        Set<String> packages = new HashSet<>();
        received.forEach(x -> assertThat(packages.add(x.getPackageId())).as("package %s twice (%s)",
                x.getPackageId(), context).isTrue());
        assertThat(received.stream().filter(x -> x.getKind() == StoredExchangeKind.PULL)).as(context)
                .hasSize(grants.size());
        assertThat(receivedPackages(UNIVERSITY)).as(context).isEqualTo(received.size());
        System.out.printf("fault run (seed %d): %d grants, %d receipts on the ledger, %d exchanges at the source,"
                + " %d at the recipient%n", seed, grants.size(), onLedger.size(), sent.size(), received.size());
    }

    private static Set<ReceiptId> receiptIds(List<StoredExchange> exchanges) {
        Set<ReceiptId> ids = new HashSet<>();
        for (StoredExchange x : exchanges) {
            assertThat(ids.add(ReceiptId.of(x.getReceiptId()))).as("receipt %s twice", x.getReceiptId()).isTrue();
        }
        return ids;
    }

    private List<StoredExchange> exchanges(InstitutionId id) {
        return withStore(id, store -> {
            try (Stream<StoredExchange> all = store.exchanges()) {
                return all.toList();
            }
        });
    }

    private long receivedPackages(InstitutionId id) {
        return withStore(id, store -> {
            try (var all = store.records().scan(ExchangeStore.RECEIVED)) {
                return all.count();
            }
        });
    }

    private <T> T withStore(InstitutionId id, java.util.function.Function<ExchangeStore, T> read) {
        NodeConfig config = NodeConfig.load(network.config(id));
        try (RecordStore records = RecordStore.open(StoreConfig.of(config.dataDir().resolve("store"),
                DataKey.load(config.store().dataKeyFile())).withColumns(ExchangeModule.columns()
                .toArray(Column<?, ?>[]::new)))) {
            ExchangeStore store = new ExchangeStore(records);
            try {
                return read.apply(store);
            } finally {
                store.writer().close();
            }
        }
    }

    private static <T> List<T> all(java.util.function.Function<PageRequest, Page<T>> query) {
        List<T> out = new ArrayList<>();
        Optional<PageRequest> page = Optional.of(PageRequest.first(PageRequest.MAX_SIZE));
        while (page.isPresent()) {
            Page<T> result = query.apply(page.get());
            out.addAll(result.items());
            page = page.get().next(result);
        }
        return out;
    }
}
