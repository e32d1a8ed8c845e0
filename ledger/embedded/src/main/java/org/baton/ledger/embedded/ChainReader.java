package org.baton.ledger.embedded;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.baton.ledger.Committed;
import org.baton.ledger.EventCheckpoint;
import org.baton.ledger.EventPage;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantRecord;
import org.baton.ledger.LedgerReader;
import org.baton.ledger.LedgerUnavailableException;
import org.baton.ledger.Page;
import org.baton.ledger.PageRequest;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.TimeRange;
import org.baton.ledger.TxId;
import org.baton.trust.InstitutionId;

/** Reads the embedded ledger's derived state. A storage failure surfaces as {@link LedgerUnavailableException}. */
final class ChainReader implements LedgerReader {

    private final ChainStore store;

    ChainReader(ChainStore store) {
        this.store = store;
    }

    @Override
    public Optional<GrantRecord> grant(GrantId id) {
        Objects.requireNonNull(id, "id");
        return read("grant", () -> store.grant(id));
    }

    @Override
    public Optional<ReceiptRecord> receipt(ReceiptId id) {
        Objects.requireNonNull(id, "id");
        return read("receipt", () -> store.receipt(id));
    }

    @Override
    public Optional<Committed> transaction(TxId id) {
        Objects.requireNonNull(id, "id");
        return read("transaction", () -> store.transaction(id).map(location -> location.committed(id)));
    }

    /** Where a transaction is in the chain. */
    Optional<TxLocation> location(TxId id) {
        return read("transaction", () -> store.transaction(id));
    }

    @Override
    public List<ReceiptRecord> receiptsByGrant(GrantId grant) {
        Objects.requireNonNull(grant, "grant");
        return read("receiptsByGrant", () -> store.receiptsByGrant(grant));
    }

    @Override
    public Page<GrantRecord> grantsByInstitution(InstitutionId institution, TimeRange range, PageRequest page) {
        Objects.requireNonNull(institution, "institution");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(page, "page");
        return read("grantsByInstitution", () -> store.grantsByInstitution(institution, range, page));
    }

    @Override
    public Page<ReceiptRecord> receiptsByInstitution(InstitutionId institution, TimeRange range, PageRequest page) {
        Objects.requireNonNull(institution, "institution");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(page, "page");
        return read("receiptsByInstitution", () -> store.receiptsByInstitution(institution, range, page));
    }

    @Override
    public EventPage events(EventCheckpoint after, int max) {
        Objects.requireNonNull(after, "after");
        if (max < 1 || max > PageRequest.MAX_SIZE) {
            throw new IllegalArgumentException("max " + max + " is outside 1.." + PageRequest.MAX_SIZE);
        }
        return read("events", () -> store.events(after, max));
    }

    private static <T> T read(String operation, Supplier<T> query) {
        try {
            return query.get();
        } catch (LedgerStorageException e) {
            throw new LedgerUnavailableException(operation, Optional.empty(), e);
        }
    }
}
