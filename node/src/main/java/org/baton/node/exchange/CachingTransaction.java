package org.baton.node.exchange;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.baton.node.store.Column;
import org.baton.node.store.PreparedStudent;
import org.baton.node.store.PreparedValue;
import org.baton.node.store.StoreTransaction;
import org.baton.node.store.StoredStudent;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.StudentRecord;

/**
 * A {@link GroupCommitWriter} transaction that keeps the decoded values of one column it reads or writes in a
 * write-through {@link Cache}, so that the next change of the same key reads the object instead of reading,
 * decrypting and parsing it again (an exchange is read-modified-written once per step). The store stays the truth:
 * the cache holds only what the store held when read or what a committed transaction wrote — this transaction's
 * writes join it in {@link #commitAndPublish}, after the commit succeeded, and are dropped otherwise. Correct only
 * while every write to the column goes through the writer (whose leading thread owns the cache) and values are
 * immutable. Other threads may {@link Cache#peek} at the cache: what they find there is a committed value, the
 * newest one once the write that made it has returned.
 */
final class CachingTransaction<K, V> implements StoreTransaction {

    /**
     * Decoded values of the column by key, least recently used evicted beyond a capacity. Only the writer's leading
     * thread changes it; any thread may {@link #peek}.
     */
    static final class Cache<K, V> {

        private final Column<K, V> column;
        /** In order of use, for eviction; the leading writer thread only. */
        private final Map<K, V> values;
        /** The same entries, for readers on other threads. */
        private final Map<K, V> published = new ConcurrentHashMap<>();

        Cache(Column<K, V> column, int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("cache capacity must be at least 1, got " + capacity);
            }
            this.column = Objects.requireNonNull(column, "column");
            this.values = new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                    if (size() > capacity) {
                        published.remove(eldest.getKey());
                        return true;
                    }
                    return false;
                }
            };
        }

        /**
         * The value the cache holds for {@code key}, from any thread: a value committed to the store, or null when
         * the cache holds none (the store may still).
         */
        V peek(K key) {
            return published.get(key);
        }

        private V use(K key) {
            return values.get(key);
        }

        private void remember(K key, V value) {
            values.put(key, value);
            published.put(key, value);
        }

        private void forget(K key) {
            values.remove(key);
            published.remove(key);
        }

        int size() {
            return values.size();
        }
    }

    private final StoreTransaction delegate;
    private final Cache<K, V> cache;
    /** This transaction's writes to the column: a value, or empty for a delete. */
    private final Map<K, Optional<V>> written = new HashMap<>();

    CachingTransaction(StoreTransaction delegate, Cache<K, V> cache) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /**
     * Commits (with {@code sync} false, as {@link StoreTransaction#commitWithoutSync()}), then lets the cache see this
     * transaction's writes.
     */
    void commitAndPublish(boolean sync) {
        if (sync) {
            delegate.commit();
        } else {
            delegate.commitWithoutSync();
        }
        written.forEach((key, value) -> {
            if (value.isPresent()) {
                cache.remember(key, value.get());
            } else {
                cache.forget(key);
            }
        });
        written.clear();
    }

    @Override
    public <K2, V2> Optional<V2> get(Column<K2, V2> column, K2 key) {
        if (!cache.column.equals(column)) {
            return delegate.get(column, key);
        }
        return cached(column, key);
    }

    @SuppressWarnings("unchecked") // column equals cache.column, so K2 is K and V2 is V
    private <K2, V2> Optional<V2> cached(Column<K2, V2> column, K2 key) {
        K k = (K) key;
        Optional<V> own = written.get(k);
        if (own != null) {
            return (Optional<V2>) own;
        }
        V known = cache.use(k);
        if (known != null) {
            return Optional.of((V2) known);
        }
        // Not written by this transaction (that would be in `written`), so this is the committed value.
        Optional<V2> stored = delegate.get(column, key);
        stored.ifPresent(value -> cache.remember(k, (V) value));
        return stored;
    }

    @Override
    public <K2, V2> void put(Column<K2, V2> column, K2 key, V2 value) {
        delegate.put(column, key, value);
        if (cache.column.equals(column)) {
            wrote(key, Optional.of(value));
        }
    }

    @Override
    public void put(PreparedValue<?, ?> prepared) {
        delegate.put(prepared);
        if (cache.column.equals(prepared.column())) {
            wrote(prepared.key(), Optional.of(prepared.value()));
        }
    }

    @Override
    public <K2, V2> void delete(Column<K2, V2> column, K2 key) {
        delegate.delete(column, key);
        if (cache.column.equals(column)) {
            wrote(key, Optional.empty());
        }
    }

    @SuppressWarnings("unchecked") // called only for cache.column, whose keys are K and values V
    private void wrote(Object key, Optional<?> value) {
        written.put((K) key, (Optional<V>) value);
    }

    @Override
    public StudentId putStudent(StudentRecord record) {
        return delegate.putStudent(record);
    }

    @Override
    public StudentId putPrepared(PreparedStudent prepared) {
        return delegate.putPrepared(prepared);
    }

    @Override
    public void replaceStudent(StudentId id, StudentRecord record) {
        delegate.replaceStudent(id, record);
    }

    @Override
    public boolean deleteStudent(StudentId id) {
        return delegate.deleteStudent(id);
    }

    @Override
    public Optional<StoredStudent> student(StudentId id) {
        return delegate.student(id);
    }

    @Override
    public void commit() {
        commitAndPublish(true);
    }

    @Override
    public void commitWithoutSync() {
        commitAndPublish(false);
    }

    @Override
    public void close() {
        written.clear();
        delegate.close();
    }
}
