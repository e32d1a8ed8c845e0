package org.baton.ledger.testing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.baton.ledger.Acknowledgment;
import org.baton.ledger.Committed;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.EventCheckpoint;
import org.baton.ledger.EventPage;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantRecord;
import org.baton.ledger.Ledger;
import org.baton.ledger.LedgerEvent;
import org.baton.ledger.LedgerReader;
import org.baton.ledger.LedgerWriter;
import org.baton.ledger.Page;
import org.baton.ledger.PageRequest;
import org.baton.ledger.PageToken;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.TimeRange;
import org.baton.ledger.TxId;
import org.baton.ledger.rules.Decision;
import org.baton.ledger.rules.LedgerRules;
import org.baton.ledger.rules.LedgerState;
import org.baton.ledger.rules.StateWrite;
import org.baton.ledger.tx.LedgerTransaction;
import org.baton.ledger.tx.TransactionCodec;
import org.baton.ledger.tx.TxBody;
import org.baton.trust.InstitutionId;

/**
 * A ledger held in memory that applies {@link LedgerRules} like a real backend, for tests of code that uses
 * the {@link Ledger} port. Submitters are trusted (no signatures). Thread-safe.
 */
public final class InMemoryLedger {

    private final Clock clock;
    private final Map<GrantId, GrantRecord> grants = new HashMap<>();
    private final Map<ReceiptId, ReceiptRecord> receipts = new HashMap<>();
    private final Map<TxId, Committed> committed = new HashMap<>();
    private final Map<TxId, LedgerTransaction> transactions = new HashMap<>();
    private final List<LedgerEvent> events = new ArrayList<>();

    public InMemoryLedger(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The ledger as {@code institution} sees it. */
    public Ledger as(InstitutionId institution) {
        Objects.requireNonNull(institution, "institution");
        return new View(institution);
    }

    /** Submits {@code tx} as its submitter. */
    public synchronized Committed submit(LedgerTransaction tx) {
        TxId txId = TransactionCodec.txId(TransactionCodec.encode(tx));
        Committed commit = new Committed(txId, events.size() + 1L, clock.instant());
        Decision decision = LedgerRules.decide(state(), tx, commit);
        if (decision instanceof Decision.Refused refused) {
            throw refused.toException(txId);
        }
        Decision.Accepted accepted = (Decision.Accepted) decision;
        if (accepted.write() instanceof StateWrite.Grant grant) {
            grants.put(grant.record().id(), grant.record());
        } else if (accepted.write() instanceof StateWrite.Receipt receipt) {
            receipts.put(receipt.record().id(), receipt.record());
        }
        committed.put(txId, commit);
        transactions.put(txId, tx);
        events.add(accepted.event());
        return commit;
    }

    /** Submits the committed transaction {@code txId} again. */
    public void replay(TxId txId) {
        LedgerTransaction tx;
        synchronized (this) {
            tx = Objects.requireNonNull(transactions.get(txId), "no transaction " + txId);
        }
        submit(tx);
    }

    private LedgerState state() {
        return new LedgerState() {
            @Override
            public Optional<GrantRecord> grant(GrantId id) {
                return Optional.ofNullable(grants.get(id));
            }

            @Override
            public Optional<ReceiptRecord> receipt(ReceiptId id) {
                return Optional.ofNullable(receipts.get(id));
            }

            @Override
            public boolean containsTransaction(TxId id) {
                return committed.containsKey(id);
            }
        };
    }

    private static <T> Page<T> page(Stream<T> matching, Function<T, Committed> stamp, PageRequest request) {
        long after = request.after().map(token -> Long.parseLong(token.value())).orElse(0L);
        List<T> sorted = matching
                .filter(item -> stamp.apply(item).sequence() > after)
                .sorted(Comparator.comparingLong(item -> stamp.apply(item).sequence()))
                .toList();
        List<T> items = sorted.subList(0, Math.min(request.size(), sorted.size()));
        Optional<PageToken> next = sorted.size() > items.size()
                ? Optional.of(PageToken.of(Long.toString(stamp.apply(items.get(items.size() - 1)).sequence())))
                : Optional.empty();
        return new Page<>(items, next);
    }

    private final class View implements Ledger, LedgerWriter, LedgerReader {
        private final InstitutionId institution;

        View(InstitutionId institution) {
            this.institution = institution;
        }

        @Override
        public InstitutionId institution() {
            return institution;
        }

        @Override
        public LedgerWriter writer() {
            return this;
        }

        @Override
        public LedgerReader reader() {
            return this;
        }

        @Override
        public void close() {
        }

        private Committed submit(TxBody body) {
            return InMemoryLedger.this.submit(LedgerTransaction.create(institution, body, clock.instant()));
        }

        @Override
        public Committed createGrant(ConsentGrant grant) {
            return submit(new TxBody.CreateGrant(grant));
        }

        @Override
        public Committed revokeGrant(GrantId grant) {
            return submit(new TxBody.RevokeGrant(grant));
        }

        @Override
        public Committed recordReceipt(ExchangeReceipt receipt) {
            return submit(new TxBody.RecordReceipt(receipt));
        }

        @Override
        public Committed acknowledge(Acknowledgment acknowledgment) {
            return submit(new TxBody.AcknowledgeReceipt(acknowledgment));
        }

        @Override
        public Committed accept(ExchangeReceipt expected) {
            return submit(TxBody.AcknowledgeReceipt.accepting(expected));
        }

        @Override
        public Optional<GrantRecord> grant(GrantId id) {
            synchronized (InMemoryLedger.this) {
                return Optional.ofNullable(grants.get(id));
            }
        }

        @Override
        public Optional<ReceiptRecord> receipt(ReceiptId id) {
            synchronized (InMemoryLedger.this) {
                return Optional.ofNullable(receipts.get(id));
            }
        }

        @Override
        public Optional<Committed> transaction(TxId id) {
            synchronized (InMemoryLedger.this) {
                return Optional.ofNullable(committed.get(id));
            }
        }

        @Override
        public List<ReceiptRecord> receiptsByGrant(GrantId grant) {
            synchronized (InMemoryLedger.this) {
                return receipts.values().stream()
                        .filter(record -> record.receipt().grant().equals(Optional.of(grant)))
                        .sorted(Comparator.comparingLong(record -> record.recorded().sequence()))
                        .toList();
            }
        }

        @Override
        public Page<GrantRecord> grantsByInstitution(InstitutionId party, TimeRange range, PageRequest request) {
            Predicate<ConsentGrant> involves = grant -> grant.attester().equals(party)
                    || grant.recipient().equals(party) || grant.sources().named().contains(party);
            synchronized (InMemoryLedger.this) {
                return page(grants.values().stream()
                                .filter(record -> involves.test(record.grant()))
                                .filter(record -> range.contains(record.created().committedAt())),
                        GrantRecord::created, request);
            }
        }

        @Override
        public Page<ReceiptRecord> receiptsByInstitution(InstitutionId party, TimeRange range, PageRequest request) {
            synchronized (InMemoryLedger.this) {
                return page(receipts.values().stream()
                                .filter(record -> record.receipt().sender().equals(party)
                                        || record.receipt().recipient().equals(party))
                                .filter(record -> range.contains(record.recorded().committedAt())),
                        ReceiptRecord::recorded, request);
            }
        }

        @Override
        public EventPage events(EventCheckpoint after, int max) {
            if (max < 1 || max > PageRequest.MAX_SIZE) {
                throw new IllegalArgumentException("max " + max + " is outside 1.." + PageRequest.MAX_SIZE);
            }
            synchronized (InMemoryLedger.this) {
                int from = (int) Math.min(after.sequence(), events.size());
                List<LedgerEvent> page = List.copyOf(events.subList(from, Math.min(events.size(), from + max)));
                return new EventPage(page, page.isEmpty() ? after : page.get(page.size() - 1).checkpoint());
            }
        }
    }
}
