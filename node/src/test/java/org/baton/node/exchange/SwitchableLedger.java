package org.baton.node.exchange;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.baton.ledger.Acknowledgment;
import org.baton.ledger.Committed;
import org.baton.ledger.ConsentGrant;
import org.baton.ledger.EventCheckpoint;
import org.baton.ledger.EventPage;
import org.baton.ledger.LedgerEvent;
import org.baton.ledger.ExchangeReceipt;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantRecord;
import org.baton.ledger.Ledger;
import org.baton.ledger.LedgerReader;
import org.baton.ledger.LedgerUnavailableException;
import org.baton.ledger.LedgerWriter;
import org.baton.ledger.Page;
import org.baton.ledger.PageRequest;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.ReceiptRecord;
import org.baton.ledger.TimeRange;
import org.baton.ledger.TxId;
import org.baton.trust.InstitutionId;

/**
 * A ledger view that can be switched off: every call then fails as unreachable, as over a broken connection. It can
 * also lose the answer to one call that reached the ledger, and it keeps the name of every call made through it, in
 * order.
 */
final class SwitchableLedger implements Ledger, LedgerReader, LedgerWriter {

    private final Ledger inner;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Set<String> losingAnswer = ConcurrentHashMap.newKeySet();
    private volatile boolean off;
    private volatile boolean eventsWithoutVerdicts;

    SwitchableLedger(Ledger inner) {
        this.inner = inner;
    }

    /** From now on events carry no verdicts, as events recorded before they carried them. */
    void eventsWithoutVerdicts() {
        eventsWithoutVerdicts = true;
    }

    void off() {
        off = true;
    }

    void on() {
        off = false;
    }

    /** The names of the calls made so far (the ledger operations: {@code "receipt"}, {@code "accept"}, …). */
    List<String> calls() {
        return List.copyOf(calls);
    }

    /** The next call of {@code operation} reaches the ledger, but its answer is lost: it fails as unreachable. */
    void loseNextAnswer(String operation) {
        losingAnswer.add(operation);
    }

    private <T> T call(String operation, Supplier<T> call) {
        calls.add(operation);
        if (off) {
            throw new LedgerUnavailableException(operation, Optional.empty(),
                    new java.io.IOException("connection refused"));
        }
        T answer = call.get();
        if (losingAnswer.remove(operation)) {
            throw new LedgerUnavailableException(operation, Optional.empty(), new java.io.IOException("connection reset"));
        }
        return answer;
    }

    @Override
    public InstitutionId institution() {
        return inner.institution();
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
        inner.close();
    }

    @Override
    public Committed createGrant(ConsentGrant grant) {
        return call("createGrant", () -> inner.writer().createGrant(grant));
    }

    @Override
    public Committed revokeGrant(GrantId grant) {
        return call("revokeGrant", () -> inner.writer().revokeGrant(grant));
    }

    @Override
    public Committed recordReceipt(ExchangeReceipt receipt) {
        return call("recordReceipt", () -> inner.writer().recordReceipt(receipt));
    }

    @Override
    public Committed acknowledge(Acknowledgment acknowledgment) {
        return call("acknowledge", () -> inner.writer().acknowledge(acknowledgment));
    }

    @Override
    public Committed accept(ExchangeReceipt expected) {
        return call("accept", () -> inner.writer().accept(expected));
    }

    @Override
    public Optional<GrantRecord> grant(GrantId id) {
        return call("grant", () -> inner.reader().grant(id));
    }

    @Override
    public Optional<ReceiptRecord> receipt(ReceiptId id) {
        return call("receipt", () -> inner.reader().receipt(id));
    }

    @Override
    public Optional<Committed> transaction(TxId id) {
        return call("transaction", () -> inner.reader().transaction(id));
    }

    @Override
    public List<ReceiptRecord> receiptsByGrant(GrantId grant) {
        return call("receiptsByGrant", () -> inner.reader().receiptsByGrant(grant));
    }

    @Override
    public Page<GrantRecord> grantsByInstitution(InstitutionId institution, TimeRange range, PageRequest page) {
        return call("grantsByInstitution", () -> inner.reader().grantsByInstitution(institution, range, page));
    }

    @Override
    public Page<ReceiptRecord> receiptsByInstitution(InstitutionId institution, TimeRange range, PageRequest page) {
        return call("receiptsByInstitution", () -> inner.reader().receiptsByInstitution(institution, range, page));
    }

    @Override
    public EventPage events(EventCheckpoint after, int max) {
        EventPage page = call("events", () -> inner.reader().events(after, max));
        if (!eventsWithoutVerdicts) {
            return page;
        }
        return new EventPage(page.events().stream().map(event -> new LedgerEvent(event.sequence(), event.type(),
                event.txId(), event.committedAt(), event.submitter(), event.grant(), event.receipt())).toList(),
                page.next());
    }
}
