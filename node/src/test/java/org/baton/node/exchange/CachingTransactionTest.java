package org.baton.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.baton.node.store.Column;
import org.baton.node.store.DataKey;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoreConfig;
import org.baton.node.store.StoreTransaction;
import org.baton.proto.v1.StoredWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CachingTransactionTest {

    @TempDir
    Path dir;

    RecordStore store;
    CachingTransaction.Cache<String, String> cache;

    @BeforeEach
    void open() {
        store = RecordStore.open(StoreConfig.of(dir.resolve("store"), DataKey.loadOrCreate(dir.resolve("key")))
                .withColumns(ExchangeModule.columns().toArray(Column<?, ?>[]::new)));
        cache = new CachingTransaction.Cache<>(ExchangeStore.INDEX, 2);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void cached(Consumer<StoreTransaction> change) {
        try (StoreTransaction tx = new CachingTransaction<>(store.beginTransaction(), cache)) {
            change.accept(tx);
            tx.commit();
        }
    }

    /** Writes past the cache, as nothing but the writer may: shows whether a read came from memory. */
    private void behindTheCache(String key, String value) {
        try (StoreTransaction tx = store.beginTransaction()) {
            tx.put(ExchangeStore.INDEX, key, value);
            tx.commit();
        }
    }

    private String read(String key) {
        String[] out = new String[1];
        cached(tx -> out[0] = tx.get(ExchangeStore.INDEX, key).orElse("absent"));
        return out[0];
    }

    @Nested
    class Reads {

        @Test
        void answer_from_memory_what_a_committed_transaction_wrote() {
            cached(tx -> tx.put(ExchangeStore.INDEX, "a", "1"));
            behindTheCache("a", "2");

            assertThat(read("a")).isEqualTo("1");
            assertThat(store.get(ExchangeStore.INDEX, "a")).contains("2");
        }

        @Test
        void keep_what_they_read_from_the_store() {
            behindTheCache("a", "1");
            assertThat(read("a")).isEqualTo("1");
            behindTheCache("a", "2");

            assertThat(read("a")).isEqualTo("1");
        }

        @Test
        void of_other_columns_go_to_the_store() {
            cached(tx -> ExchangeStore.addPending(tx, StoredWork.Kind.EXCHANGE, "x1"));
            try (StoreTransaction tx = store.beginTransaction()) {
                ExchangeStore.removePending(tx, StoredWork.Kind.EXCHANGE, "x1");
                tx.commit();
            }

            String key = ExchangeStore.workKey(StoredWork.Kind.EXCHANGE, "x1");
            cached(tx -> assertThat(tx.get(ExchangeStore.PENDING, key)).isEmpty());
        }

        @Test
        void keep_at_most_the_capacity_least_recent_out_first() {
            behindTheCache("a", "1");
            behindTheCache("b", "1");
            behindTheCache("c", "1");
            read("a");
            read("b");
            read("a");
            read("c");
            behindTheCache("a", "2");
            behindTheCache("b", "2");

            assertThat(cache.size()).isEqualTo(2);
            assertThat(read("a")).as("recently used, kept").isEqualTo("1");
            assertThat(read("b")).as("least recently used, evicted").isEqualTo("2");
        }
    }

    @Nested
    class Writes {

        @Test
        void are_seen_by_their_own_transaction_before_commit_deletes_too() {
            cached(tx -> tx.put(ExchangeStore.INDEX, "a", "1"));
            cached(tx -> {
                tx.put(ExchangeStore.INDEX, "b", "2");
                tx.delete(ExchangeStore.INDEX, "a");
                assertThat(tx.get(ExchangeStore.INDEX, "b")).contains("2");
                assertThat(tx.get(ExchangeStore.INDEX, "a")).isEmpty();
            });

            assertThat(read("a")).isEqualTo("absent");
            assertThat(store.get(ExchangeStore.INDEX, "a")).isEmpty();
        }

        @Test
        void of_prepared_values_are_remembered_as_plain_puts_are() {
            var prepared = store.prepare(ExchangeStore.INDEX, "a", "1");
            cached(tx -> tx.put(prepared));
            behindTheCache("a", "2");

            assertThat(read("a")).isEqualTo("1");
        }

        @Test
        void of_a_transaction_closed_without_commit_are_forgotten() {
            behindTheCache("a", "stored");
            try (StoreTransaction tx = new CachingTransaction<>(store.beginTransaction(), cache)) {
                tx.put(ExchangeStore.INDEX, "a", "never committed");
                tx.put(ExchangeStore.INDEX, "b", "never committed");
            }

            assertThat(read("a")).isEqualTo("stored");
            assertThat(read("b")).isEqualTo("absent");
        }
    }

    @Nested
    class Peeks {

        @Test
        void from_another_thread_see_committed_values_only() throws Exception {
            cached(tx -> tx.put(ExchangeStore.INDEX, "a", "1"));
            try (StoreTransaction tx = new CachingTransaction<>(store.beginTransaction(), cache)) {
                tx.put(ExchangeStore.INDEX, "a", "2");
                tx.put(ExchangeStore.INDEX, "b", "2");
                assertThat(elsewhere(() -> cache.peek("a"))).isEqualTo("1");
                assertThat(elsewhere(() -> cache.peek("b"))).isNull();
                tx.commit();
            }

            assertThat(elsewhere(() -> cache.peek("a"))).isEqualTo("2");
            assertThat(elsewhere(() -> cache.peek("b"))).isEqualTo("2");
        }

        @Test
        void miss_what_was_deleted_or_evicted() throws Exception {
            cached(tx -> tx.put(ExchangeStore.INDEX, "a", "1"));
            cached(tx -> tx.put(ExchangeStore.INDEX, "b", "1"));
            cached(tx -> tx.delete(ExchangeStore.INDEX, "b"));
            cached(tx -> tx.put(ExchangeStore.INDEX, "c", "1"));
            cached(tx -> tx.put(ExchangeStore.INDEX, "d", "1"));

            assertThat(elsewhere(() -> cache.peek("a"))).as("evicted").isNull();
            assertThat(elsewhere(() -> cache.peek("b"))).as("deleted").isNull();
            assertThat(elsewhere(() -> cache.peek("c"))).isEqualTo("1");
            assertThat(elsewhere(() -> cache.peek("d"))).isEqualTo("1");
        }

        @Test
        void do_not_change_what_the_writer_evicts_next() {
            behindTheCache("a", "1");
            behindTheCache("b", "1");
            behindTheCache("c", "1");
            read("a");
            read("b");
            cache.peek("a");
            read("c");
            behindTheCache("a", "2");

            assertThat(read("a")).as("least recently used by the writer, evicted").isEqualTo("2");
        }

        private String elsewhere(java.util.concurrent.Callable<String> peek) throws Exception {
            var executor = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                return executor.submit(peek).get();
            } finally {
                executor.shutdownNow();
            }
        }
    }

    @Test
    void a_cache_needs_room_for_one_value() {
        assertThatThrownBy(() -> new CachingTransaction.Cache<>(ExchangeStore.INDEX, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cache capacity must be at least 1, got 0");
    }
}
