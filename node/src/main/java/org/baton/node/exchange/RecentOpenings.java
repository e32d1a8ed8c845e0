package org.baton.node.exchange;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.baton.ledger.GrantId;
import org.baton.proto.v1.StoredOpening;

/**
 * The openings read lately, decoded, for any thread; beyond a capacity the one remembered first is dropped. An
 * opening is written once and changed at most once after (its sources filled in), so the store stays the truth
 * as long as the writer of a change calls {@link #changed} once its write has returned: a reader that read the
 * old value before that write committed does not remember it afterwards.
 */
final class RecentOpenings {

    private final int capacity;
    private final Map<GrantId, StoredOpening> byGrant = new ConcurrentHashMap<>();
    /** The grants remembered, oldest first; guarded by {@code this}. */
    private final Map<GrantId, Boolean> order = new LinkedHashMap<>();
    /** Counts the changes; guarded by {@code this}. */
    private long changes;

    RecentOpenings(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** The remembered opening of {@code grant}, or what {@code stored} reads (remembered when present). */
    Optional<StoredOpening> get(GrantId grant, Supplier<Optional<StoredOpening>> stored) {
        StoredOpening known = byGrant.get(grant);
        if (known != null) {
            return Optional.of(known);
        }
        long seen;
        synchronized (this) {
            seen = changes;
        }
        Optional<StoredOpening> read = stored.get();
        read.ifPresent(opening -> remember(grant, opening, seen));
        return read;
    }

    private synchronized void remember(GrantId grant, StoredOpening opening, long seen) {
        if (changes != seen) {
            return; // a change may have committed after this value was read
        }
        if (order.put(grant, Boolean.TRUE) == null && order.size() > capacity) {
            GrantId oldest = order.keySet().iterator().next();
            order.remove(oldest);
            byGrant.remove(oldest);
        }
        byGrant.put(grant, opening);
    }

    /** Forgets {@code grant}'s opening, and anything read before now that has not been remembered yet. */
    synchronized void changed(GrantId grant) {
        changes++;
        order.remove(grant);
        byGrant.remove(grant);
    }

    int size() {
        return byGrant.size();
    }
}
