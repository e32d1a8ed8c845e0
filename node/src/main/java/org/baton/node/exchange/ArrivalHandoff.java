package org.baton.node.exchange;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.baton.ledger.Scope;
import org.baton.trust.InstitutionId;

/**
 * Packages this node just accepted, as the recipient verified them, for the data-quality check ({@link
 * ReceivedChecks#arrival}): it takes a package from here rather than reading and decrypting it again (in the exchange
 * benchmark that reading was a third of the check's work).
 *
 * <p>Only accepted packages are handed over: an accepted exchange is final, so its stored package stays as it is
 * and the hand-off cannot disagree with the store. The records stay serialized, one array each: thousands of parsed
 * course objects, kept while the check catches up, made each young collection of the heap nearly twice as long.
 * What is not taken is dropped oldest first beyond the capacity ({@link #CAPACITY} unless told); the check reads
 * those from the store, as it does after a restart.
 */
final class ArrivalHandoff {

    /** Packages held for the check: it takes them in batches of 64, so this leaves it room to fall behind a while. */
    static final int CAPACITY = 512;

    /**
     * An accepted package, as {@link ReceivedChecks#arrival} needs it.
     *
     * @param studentKey the package's student key ({@link ReceivedChecks#studentKey})
     * @param content the package's signed content ({@code PackageContent}), in an array of its own
     */
    record Accepted(PackageId packageId, InstitutionId source, Instant receivedAt, String studentKey,
            Set<Scope> scopes, ByteString content) {
        Accepted {
            Objects.requireNonNull(packageId, "packageId");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(receivedAt, "receivedAt");
            Objects.requireNonNull(studentKey, "studentKey");
            scopes = Set.copyOf(scopes);
            Objects.requireNonNull(content, "content");
        }
    }

    private final int capacity;
    private final Map<PackageId, Accepted> waiting;

    ArrivalHandoff() {
        this(CAPACITY);
    }

    ArrivalHandoff(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.waiting = new LinkedHashMap<>(capacity * 2, 0.75f) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<PackageId, Accepted> eldest) {
                return size() > ArrivalHandoff.this.capacity;
            }
        };
    }

    /** Hands over a package whose acceptance is committed. */
    synchronized void accepted(Accepted accepted) {
        waiting.put(accepted.packageId(), accepted);
    }

    /** The package handed over with this id, once; empty if it was not, or was dropped. */
    synchronized Optional<Accepted> take(PackageId packageId) {
        return Optional.ofNullable(waiting.remove(packageId));
    }

    synchronized int size() {
        return waiting.size();
    }
}
