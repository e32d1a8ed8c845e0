package org.baton.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.baton.node.store.Column;
import org.baton.node.store.DataKey;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoreConfig;
import org.baton.node.store.StoreTransaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class GroupCommitWriterTest {

    @TempDir
    Path dir;

    RecordStore store;
    GroupCommitWriter writer;

    @BeforeEach
    void open() {
        store = RecordStore.open(StoreConfig.of(dir.resolve("store"), DataKey.loadOrCreate(dir.resolve("key")))
                .withColumns(ExchangeModule.columns().toArray(Column<?, ?>[]::new)));
        writer = new GroupCommitWriter(store, "test-writer");
    }

    @AfterEach
    void close() {
        writer.close();
        store.close();
    }

    @Test
    void commits_every_queued_change_and_lets_a_change_read_what_an_earlier_one_wrote() {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            int n = i;
            done.add(writer.submit(tx -> {
                String previous = n == 0 ? "0" : tx.get(ExchangeStore.INDEX, "k" + (n - 1)).orElse("missing");
                tx.put(ExchangeStore.INDEX, "k" + n, previous.equals("missing") ? "missing" : Integer.toString(n));
            }));
        }
        done.forEach(GroupCommitWriter::await);

        for (int i = 0; i < 500; i++) {
            assertThat(store.get(ExchangeStore.INDEX, "k" + i)).contains(Integer.toString(i));
        }
    }

    @Test
    void fails_only_the_change_that_threw() throws Exception {
        CompletableFuture<Void> before = writer.submit(tx -> tx.put(ExchangeStore.INDEX, "a", "1"));
        CompletableFuture<Void> failing = writer.submit(tx -> {
            tx.put(ExchangeStore.INDEX, "b", "1");
            throw new IllegalStateException("refusing change b");
        });
        CompletableFuture<Void> after = writer.submit(tx -> tx.put(ExchangeStore.INDEX, "c", "1"));

        GroupCommitWriter.await(before);
        GroupCommitWriter.await(after);
        assertThatThrownBy(failing::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("refusing change b");
        assertThat(store.get(ExchangeStore.INDEX, "a")).contains("1");
        assertThat(store.get(ExchangeStore.INDEX, "b")).isEmpty();
        assertThat(store.get(ExchangeStore.INDEX, "c")).contains("1");
    }

    @Test
    void a_batch_of_changes_that_need_no_sync_commits_without_it_and_any_other_change_makes_the_batch_sync()
            throws Exception {
        List<String> commits = Collections.synchronizedList(new ArrayList<>());
        writer.close();
        writer = new GroupCommitWriter(recordingCommits(store, commits), "test-writer");
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        // Each batch is queued while the writer is held inside the batch before it, so it commits as one.
        CompletableFuture<Void> first = writer.submitWithoutSync(tx -> {
            tx.put(ExchangeStore.INDEX, "first", "1");
            holding.countDown();
            await(release);
        });
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> unsynced = writer.submitWithoutSync(tx -> tx.put(ExchangeStore.INDEX, "a", "1"));
        CompletableFuture<Void> synced = writer.submit(tx -> tx.put(ExchangeStore.INDEX, "b", "1"));
        release.countDown();
        GroupCommitWriter.await(first);
        GroupCommitWriter.await(unsynced);
        GroupCommitWriter.await(synced);
        writer.writeWithoutSync(tx -> tx.put(ExchangeStore.INDEX, "c", "1"));

        assertThat(commits).containsExactly("commitWithoutSync", "commit", "commitWithoutSync");
        assertThat(store.get(ExchangeStore.INDEX, "first")).contains("1");
        assertThat(store.get(ExchangeStore.INDEX, "a")).contains("1");
        assertThat(store.get(ExchangeStore.INDEX, "b")).contains("1");
        assertThat(store.get(ExchangeStore.INDEX, "c")).contains("1");
    }

    @Test
    void a_caller_that_waits_commits_on_its_own_thread_unless_another_commit_is_running() throws Exception {
        List<Thread> ranOn = Collections.synchronizedList(new ArrayList<>());
        writer.write(tx -> {
            ranOn.add(Thread.currentThread());
            tx.put(ExchangeStore.INDEX, "alone", "1");
        });
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> held = writer.submit(tx -> {
            ranOn.add(Thread.currentThread());
            holding.countDown();
            await(release);
        });
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        Thread caller = new Thread(() -> writer.write(tx -> {
            ranOn.add(Thread.currentThread());
            tx.put(ExchangeStore.INDEX, "behind", "1");
        }), "caller");
        caller.start();
        Eventually.until("the caller's change is queued", () -> writer.queued() == 1);
        release.countDown();
        caller.join(TimeUnit.SECONDS.toMillis(10));
        GroupCommitWriter.await(held);

        assertThat(caller.isAlive()).isFalse();
        assertThat(ranOn).hasSize(3);
        assertThat(ranOn.get(0)).isSameAs(Thread.currentThread());
        assertThat(ranOn.get(1).getName()).isEqualTo("test-writer");
        assertThat(ranOn.get(2).getName()).isEqualTo("test-writer");
        assertThat(store.get(ExchangeStore.INDEX, "alone")).contains("1");
        assertThat(store.get(ExchangeStore.INDEX, "behind")).contains("1");
    }

    @Test
    void refuses_changes_once_closed() {
        writer.close();

        assertThatThrownBy(() -> writer.write(tx -> tx.put(ExchangeStore.INDEX, "x", "1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the exchange store writer is closed");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code store}, whose transactions add the name of the commit method called to {@code commits}. */
    private static RecordStore recordingCommits(RecordStore store, List<String> commits) {
        InvocationHandler transactions = (proxy, method, args) -> {
            Object result = invoke(store, method, args);
            if (!method.getName().equals("beginTransaction")) {
                return result;
            }
            StoreTransaction tx = (StoreTransaction) result;
            return Proxy.newProxyInstance(StoreTransaction.class.getClassLoader(),
                    new Class<?>[] {StoreTransaction.class}, (txProxy, txMethod, txArgs) -> {
                        if (txMethod.getName().startsWith("commit")) {
                            commits.add(txMethod.getName());
                        }
                        return invoke(tx, txMethod, txArgs);
                    });
        };
        return (RecordStore) Proxy.newProxyInstance(RecordStore.class.getClassLoader(),
                new Class<?>[] {RecordStore.class}, transactions);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
