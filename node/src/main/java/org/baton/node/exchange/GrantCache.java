package org.baton.node.exchange;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.baton.ledger.GrantId;
import org.baton.ledger.GrantRecord;
import org.baton.ledger.LedgerReader;

/**
 * Grants read from the ledger, remembered. What a grant says never changes once recorded, so the cache answers
 * questions about its content (recipient, sources, scopes, commitment, expiry). Whether it is revoked can change:
 * no package is released on the cache's word — the receipt written to the ledger before every release is checked
 * against the grant by the ledger itself at commit time — and a revocation seen anywhere is noted here. A grant
 * not found is not remembered. Thread-safe.
 */
final class GrantCache {

    private final LedgerReader reader;
    private final Map<GrantId, GrantRecord> grants;

    GrantCache(LedgerReader reader, int capacity) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.grants = new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<GrantId, GrantRecord> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The grant, from the cache or the ledger.
     *
     * @throws UnknownGrantException if the ledger does not hold it
     * @throws org.baton.ledger.LedgerUnavailableException if the ledger cannot be read
     */
    GrantRecord get(GrantId id) {
        synchronized (grants) {
            GrantRecord cached = grants.get(id);
            if (cached != null) {
                return cached;
            }
        }
        return fresh(id);
    }

    /**
     * The grant as the ledger holds it now (never the cache's copy).
     *
     * @throws UnknownGrantException if the ledger does not hold it
     * @throws org.baton.ledger.LedgerUnavailableException if the ledger cannot be read
     */
    GrantRecord fresh(GrantId id) {
        Optional<GrantRecord> found = reader.grant(id);
        if (found.isEmpty()) {
            throw new UnknownGrantException(id, "on the ledger");
        }
        synchronized (grants) {
            grants.put(id, found.get());
        }
        return found.get();
    }

    /** Remembers a grant this node has just recorded itself. */
    void remember(GrantRecord record) {
        synchronized (grants) {
            grants.put(record.id(), record);
        }
    }

    /** Forgets the grant (it was revoked, or the ledger refused a receipt under it). */
    void forget(GrantId id) {
        synchronized (grants) {
            grants.remove(id);
        }
    }
}
