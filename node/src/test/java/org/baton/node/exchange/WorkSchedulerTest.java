package org.baton.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.baton.proto.v1.StoredWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WorkSchedulerTest {

    private final Backoffs backoffs = new Backoffs(Duration.ofMillis(100), Duration.ofSeconds(2), Clock.systemUTC(),
            new Backoffs.Listener() {
                @Override
                public void unavailable(String target, String error, Duration retryIn) {
                }

                @Override
                public void available(String target) {
                }
            });
    /** Each item's steps, in order: what the handler does at its n-th step. */
    private final Map<String, List<Function<Integer, WorkScheduler.Step>>> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> stepsRun = new ConcurrentHashMap<>();
    /** The items whose step is running right now, to catch two steps of one item at once. */
    private final Map<String, Boolean> inStep = new ConcurrentHashMap<>();
    private final List<String> overlaps = new CopyOnWriteArrayList<>();
    private WorkScheduler scheduler;

    @AfterEach
    void stop() {
        if (scheduler != null) {
            scheduler.close();
        }
    }

    private WorkScheduler scheduler(int threads) {
        return scheduler(threads, threads);
    }

    private WorkScheduler scheduler(int threads, int running) {
        scheduler = new WorkScheduler(threads, running, backoffs, work -> {
            String id = work.getId();
            if (inStep.putIfAbsent(id, true) != null) {
                overlaps.add(id);
            }
            try {
                int n = stepsRun.computeIfAbsent(id, k -> new AtomicInteger()).getAndIncrement();
                List<Function<Integer, WorkScheduler.Step>> script = scripts.get(id);
                return script.get(Math.min(n, script.size() - 1)).apply(n);
            } finally {
                inStep.remove(id);
            }
        }, nanos -> { });
        return scheduler;
    }

    private static StoredWork work(String id) {
        return StoredWork.newBuilder().setKind(StoredWork.Kind.EXCHANGE).setId(id).build();
    }

    private void submit(String id) {
        scheduler.submit(work(id), "REQUESTED");
    }

    private boolean pending(String id) {
        return scheduler.isPending(StoredWork.Kind.EXCHANGE, id);
    }

    private int runs(String id) {
        AtomicInteger n = stepsRun.get(id);
        return n == null ? 0 : n.get();
    }

    @Test
    void an_awaiting_step_frees_its_worker_and_ends_when_its_call_answers() {
        scheduler(1);
        CompletableFuture<WorkScheduler.Step> answer = new CompletableFuture<>();
        scripts.put("a", List.of(n -> new WorkScheduler.Step.Awaiting(answer)));
        scripts.put("b", List.of(n -> WorkScheduler.DONE));

        submit("a");
        Eventually.until("a's step ran", () -> runs("a") == 1);
        // The only worker is free while a waits: b runs and finishes.
        submit("b");
        Eventually.until("b finished", () -> !pending("b"));
        assertThat(pending("a")).isTrue();

        answer.complete(WorkScheduler.DONE);
        Eventually.until("a finished", () -> !pending("a"));
        assertThat(runs("a")).isEqualTo(1);
    }

    @Test
    void an_item_submitted_while_its_step_awaits_runs_once_the_step_has_ended_never_beside_it() {
        scheduler(4);
        CompletableFuture<WorkScheduler.Step> answer = new CompletableFuture<>();
        scripts.put("a", List.of(n -> new WorkScheduler.Step.Awaiting(answer), n -> WorkScheduler.DONE));

        submit("a");
        Eventually.until("a's first step ran", () -> runs("a") == 1);
        submit("a");
        submit("a");
        // No second step while the first awaits its answer.
        sleepMillis(100);
        assertThat(runs("a")).isEqualTo(1);

        answer.complete(WorkScheduler.CONTINUE);
        Eventually.until("a finished", () -> !pending("a"));
        assertThat(runs("a")).isEqualTo(2);
        assertThat(overlaps).isEmpty();
    }

    @Test
    void what_is_left_of_an_awaited_step_runs_on_a_worker_not_on_the_thread_that_answered() {
        scheduler(2);
        CompletableFuture<WorkScheduler.Step> answer = new CompletableFuture<>();
        String[] restRanOn = new String[1];
        scripts.put("a", List.of(n -> new WorkScheduler.Step.Awaiting(answer)));

        submit("a");
        Eventually.until("a's step ran", () -> runs("a") == 1);
        Thread answering = new Thread(() -> answer.complete(new WorkScheduler.Step.OnWorker(() -> {
            restRanOn[0] = Thread.currentThread().getName();
            return WorkScheduler.DONE;
        })), "ledger-answer");
        answering.start();

        Eventually.until("a finished", () -> !pending("a"));
        assertThat(restRanOn[0]).startsWith("exchange-worker-");
    }

    @Test
    void a_step_whose_awaited_call_fails_is_retried_as_a_local_fault() {
        scheduler(2);
        scripts.put("a", List.of(
                n -> new WorkScheduler.Step.Awaiting(CompletableFuture.failedFuture(new IllegalStateException("lost"))),
                n -> WorkScheduler.DONE));

        submit("a");

        Eventually.until("a retried and finished", () -> !pending("a"));
        assertThat(runs("a")).isEqualTo(2);
    }

    @Test
    void an_awaited_step_may_itself_await_another_call() {
        scheduler(1);
        CompletableFuture<WorkScheduler.Step> second = new CompletableFuture<>();
        scripts.put("a", List.of(
                n -> new WorkScheduler.Step.Awaiting(CompletableFuture.completedFuture(
                        new WorkScheduler.Step.Awaiting(second))),
                n -> WorkScheduler.DONE));

        submit("a");
        Eventually.until("a's step ran", () -> runs("a") == 1);
        sleepMillis(50);
        assertThat(pending("a")).isTrue();

        second.complete(WorkScheduler.CONTINUE);
        Eventually.until("a finished", () -> !pending("a"));
        assertThat(runs("a")).isEqualTo(2);
        assertThat(overlaps).isEmpty();
    }

    /**
     * One worker may run, of four: item a's step waits until {@code release} (in a {@linkplain Blocking blocking
     * call} if {@code saysItBlocks}), and item b, whose step ends at once, is submitted once a's step runs.
     */
    private void runningOneOfFourWithAWaitingUntil(CountDownLatch release, boolean saysItBlocks) {
        scheduler(4, 1);
        Supplier<WorkScheduler.Step> waits = () -> {
            awaitQuietly(release);
            return WorkScheduler.DONE;
        };
        scripts.put("a", List.of(n -> saysItBlocks ? Blocking.call(waits) : waits.get()));
        scripts.put("b", List.of(n -> WorkScheduler.DONE));
        submit("a");
        Eventually.until("a's step ran", () -> runs("a") == 1);
        submit("b");
    }

    @Test
    void no_more_steps_run_at_once_than_the_workers_allowed_to_run() {
        CountDownLatch release = new CountDownLatch(1);
        runningOneOfFourWithAWaitingUntil(release, false);

        sleepMillis(200);
        assertThat(runs("b")).as("b waits for the one running worker").isZero();

        release.countDown();
        Eventually.until("both finished", () -> !pending("a") && !pending("b"));
    }

    @Test
    void a_step_waiting_in_a_blocking_call_lets_another_worker_run_meanwhile() {
        CountDownLatch release = new CountDownLatch(1);
        runningOneOfFourWithAWaitingUntil(release, true);

        Eventually.until("b finished while a waits", () -> !pending("b"));
        assertThat(pending("a")).isTrue();

        release.countDown();
        Eventually.until("a finished", () -> !pending("a"));
    }

    @Test
    void a_blocking_call_returns_what_it_returned_and_throws_what_it_threw_on_any_thread() {
        assertThat(Blocking.call(() -> "answer")).isEqualTo("answer");
        IllegalStateException thrown = new IllegalStateException("refused");
        assertThatThrownBy(() -> Blocking.call(() -> {
            throw thrown;
        })).isSameAs(thrown);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("not released in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
