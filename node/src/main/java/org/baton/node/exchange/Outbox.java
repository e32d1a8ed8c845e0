package org.baton.node.exchange;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.baton.ledger.GrantId;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.RejectionReason;
import org.baton.ledger.Scope;
import org.baton.ledger.Sha256;
import org.baton.ledger.Verdict;
import org.baton.node.NodeEvents;
import org.baton.node.store.PreparedValue;
import org.baton.node.store.StoreTransaction;
import org.baton.proto.v1.StoredExchange;
import org.baton.proto.v1.StoredExchangeKind;
import org.baton.proto.v1.StoredExchangeState;
import org.baton.proto.v1.StoredWork;
import org.baton.trust.InstitutionId;

/**
 * The outbox's state machine, shared by both sides of the exchange: how a stored exchange moves from step to step
 * (only forward, never out of a final step — so a late or repeated write cannot undo progress), how it is shown,
 * and who is told when it settles. State changes are applied inside the {@link GroupCommitWriter}'s transactions.
 */
final class Outbox {

    private final InstitutionId self;
    private final ExchangeStore store;
    private final Clock clock;
    private final NodeEvents events;
    private final Map<ExchangeId, CompletableFuture<ExchangeView>> waiters = new ConcurrentHashMap<>();
    private final AtomicLong settled = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile WorkScheduler scheduler;

    Outbox(InstitutionId self, ExchangeStore store, Clock clock, NodeEvents events) {
        this.self = self;
        this.store = store;
        this.clock = clock;
        this.events = events;
    }

    void attach(WorkScheduler workScheduler) {
        this.scheduler = workScheduler;
    }

    InstitutionId self() {
        return self;
    }

    ExchangeStore store() {
        return store;
    }

    GroupCommitWriter writer() {
        return store.writer();
    }

    Instant now() {
        return clock.instant();
    }

    Clock clock() {
        return clock;
    }

    NodeEvents events() {
        return events;
    }

    /** Reports that {@code step} took from {@code startNanos} ({@link System#nanoTime()}) until now. */
    void timed(ExchangeStep step, long startNanos) {
        events.exchangeStepTimed(step, System.nanoTime() - startNanos);
    }

    long settledCount() {
        return settled.get();
    }

    long failedCount() {
        return failed.get();
    }

    // ---------------------------------------------------------------------------------------------- steps

    private static int rank(StoredExchangeState state) {
        return switch (state) {
            case STATE_REQUESTED -> 1;
            case STATE_SIGNED -> 2;
            case STATE_RECEIPTED -> 3;
            case STATE_DELIVERED, STATE_RECEIVED -> 4;
            case STATE_ACKNOWLEDGED -> 5;
            case STATE_REFUSED, STATE_REJECTED -> 6;
            default -> 0;
        };
    }

    static boolean isFinal(StoredExchangeState state) {
        return state == StoredExchangeState.STATE_ACKNOWLEDGED || state == StoredExchangeState.STATE_REFUSED
                || state == StoredExchangeState.STATE_REJECTED;
    }

    /** A new exchange record. */
    StoredExchange.Builder create(ExchangeId id, StoredExchangeKind kind, StoredExchangeState state, InstitutionId peer,
            Optional<GrantId> grant, LegalBasis basis, Set<Scope> scopes, Instant now) {
        StoredExchange.Builder builder = StoredExchange.newBuilder()
                .setExchangeId(id.value())
                .setKind(kind)
                .setState(state)
                .setPeer(peer.value())
                .setBasis(ExchangeProtos.basisToProto(basis))
                .addAllScopes(ExchangeProtos.scopesToProto(scopes))
                .setCreatedAt(ExchangeProtos.timestamp(now))
                .setUpdatedAt(ExchangeProtos.timestamp(now));
        grant.ifPresent(g -> builder.setGrantId(g.value()));
        return builder;
    }

    /**
     * A new exchange with its stored value prepared (serialized and encrypted) on the caller's thread, so that
     * {@link #insert(StoreTransaction, NewExchange, boolean)} leaves only the put to the writer thread.
     */
    record NewExchange(StoredExchange exchange, PreparedValue<ExchangeId, StoredExchange> value) {
    }

    NewExchange prepare(StoredExchange exchange) {
        return new NewExchange(exchange, store.records().prepare(ExchangeStore.EXCHANGES,
                ExchangeId.of(exchange.getExchangeId()), exchange));
    }

    /** Stores a new exchange, its place in the time index, and (if it has work left) its pending row. */
    static void insert(StoreTransaction tx, StoredExchange exchange, boolean pending) {
        ExchangeId id = ExchangeId.of(exchange.getExchangeId());
        tx.put(ExchangeStore.EXCHANGES, id, exchange);
        index(tx, exchange, id, pending);
    }

    /** As {@link #insert(StoreTransaction, StoredExchange, boolean)}, with the value prepared by {@link #prepare}. */
    static void insert(StoreTransaction tx, NewExchange prepared, boolean pending) {
        StoredExchange exchange = prepared.exchange();
        tx.put(prepared.value());
        index(tx, exchange, ExchangeId.of(exchange.getExchangeId()), pending);
    }

    private static void index(StoreTransaction tx, StoredExchange exchange, ExchangeId id, boolean pending) {
        tx.put(ExchangeStore.INDEX, ExchangeStore.timeKey(ExchangeProtos.instant(exchange.getCreatedAt()), id), id.value());
        if (pending) {
            ExchangeStore.addPending(tx, StoredWork.Kind.EXCHANGE, id.value());
        }
    }

    /**
     * Moves an exchange to {@code target} (applying {@code more} too), unless it is already past it or in another
     * final step; returns the exchange as stored afterwards.
     */
    static StoredExchange advance(StoreTransaction tx, ExchangeId id, StoredExchangeState target, Instant now,
            Consumer<StoredExchange.Builder> more) {
        StoredExchange current = tx.get(ExchangeStore.EXCHANGES, id)
                .orElseThrow(() -> new IllegalStateException("exchange " + id + " is not in the outbox"));
        return advance(tx, current, target, now, more);
    }

    /**
     * As {@link #advance(StoreTransaction, ExchangeId, StoredExchangeState, Instant, Consumer)}, from {@code current}
     * as the caller just read it inside {@code tx} (saves reading and decrypting it again).
     */
    static StoredExchange advance(StoreTransaction tx, StoredExchange current, StoredExchangeState target, Instant now,
            Consumer<StoredExchange.Builder> more) {
        ExchangeId id = ExchangeId.of(current.getExchangeId());
        StoredExchangeState state = current.getState();
        boolean allowed = state == target || (!isFinal(state) && rank(target) >= rank(state));
        if (!allowed) {
            return current;
        }
        StoredExchange.Builder builder = current.toBuilder().setUpdatedAt(ExchangeProtos.timestamp(now));
        if (state != target) {
            builder.setState(target).setAttempts(0).clearLastError();
        }
        more.accept(builder);
        StoredExchange updated = builder.build();
        tx.put(ExchangeStore.EXCHANGES, id, updated);
        return updated;
    }

    /** Notes a failed attempt of the current step (ids and codes only). */
    static void attemptFailed(StoreTransaction tx, ExchangeId id, String error, Instant now) {
        tx.get(ExchangeStore.EXCHANGES, id).ifPresent(current -> tx.put(ExchangeStore.EXCHANGES, id, current.toBuilder()
                .setAttempts(current.getAttempts() + 1)
                .setLastError(error.length() <= 500 ? error : error.substring(0, 497) + "...")
                .setUpdatedAt(ExchangeProtos.timestamp(now))
                .build()));
    }

    static void finish(StoreTransaction tx, ExchangeId id) {
        ExchangeStore.removePending(tx, StoredWork.Kind.EXCHANGE, id.value());
    }

    // ---------------------------------------------------------------------------------------------- scheduling

    void schedule(ExchangeId id, StoredExchangeState state) {
        scheduler.submit(StoredWork.newBuilder().setKind(StoredWork.Kind.EXCHANGE).setId(id.value()).build(),
                label(state));
    }

    void schedule(StoredWork work, String label) {
        scheduler.submit(work, label);
    }

    void label(ExchangeId id, StoredExchangeState state) {
        scheduler.label(StoredWork.Kind.EXCHANGE, id.value(), label(state));
    }

    static String label(StoredExchangeState state) {
        return state.name().substring("STATE_".length());
    }

    /** Tells waiters and listeners that the exchange needs nothing more from this node. */
    void settled(StoredExchange exchange) {
        ExchangeView view = view(exchange);
        boolean success = view.state() == ExchangeState.ACKNOWLEDGED || view.state() == ExchangeState.DELIVERED;
        (success ? settled : failed).incrementAndGet();
        events.exchangeSettled(view.id(), view.direction(), view.peer(), view.state(),
                success ? Optional.empty() : view.failure().or(() -> view.rejection().map(Enum::name)));
        CompletableFuture<ExchangeView> waiter = waiters.remove(view.id());
        if (waiter != null) {
            waiter.complete(view);
        }
    }

    CompletableFuture<ExchangeView> whenSettled(ExchangeId id) {
        CompletableFuture<ExchangeView> waiter = waiters.computeIfAbsent(id, k -> new CompletableFuture<>());
        Optional<StoredExchange> stored = store.exchange(id);
        if (stored.isEmpty()) {
            waiters.remove(id, waiter);
            return CompletableFuture.failedFuture(new IllegalArgumentException("no exchange " + id + " here"));
        }
        boolean pending = store.records().get(ExchangeStore.PENDING,
                ExchangeStore.workKey(StoredWork.Kind.EXCHANGE, id.value())).isPresent();
        if (!pending) {
            waiters.remove(id, waiter);
            waiter.complete(view(store.exchange(id).orElse(stored.get())));
        }
        return waiter;
    }

    // ---------------------------------------------------------------------------------------------- views

    static ExchangeDirection direction(StoredExchangeKind kind) {
        return kind == StoredExchangeKind.SERVE_PULL || kind == StoredExchangeKind.SEND_PUSH
                ? ExchangeDirection.OUTBOUND
                : ExchangeDirection.INBOUND;
    }

    static ExchangeView view(StoredExchange x) {
        Set<Scope> scopes = x.getScopesCount() == 0 ? EnumSet.noneOf(Scope.class)
                : ExchangeProtos.scopesFromProto(x.getScopesList(), "scopes");
        return new ExchangeView(
                ExchangeId.of(x.getExchangeId()),
                direction(x.getKind()),
                x.getKind() == StoredExchangeKind.SERVE_PULL || x.getKind() == StoredExchangeKind.PULL,
                ExchangeState.valueOf(label(x.getState())),
                InstitutionId.of(x.getPeer()),
                x.getGrantId().isEmpty() ? Optional.empty() : Optional.of(GrantId.of(x.getGrantId())),
                ExchangeProtos.basisFromProto(x.getBasis()),
                scopes,
                x.getPackageId().isEmpty() ? Optional.empty() : Optional.of(PackageId.of(x.getPackageId())),
                x.getReceiptId().isEmpty() ? Optional.empty() : Optional.of(ReceiptId.of(x.getReceiptId())),
                x.getPackageHash().isEmpty() ? Optional.empty() : Optional.of(Sha256.ofHex(x.getPackageHash())),
                ExchangeProtos.instant(x.getCreatedAt()),
                ExchangeProtos.instant(x.getUpdatedAt()),
                x.getAttempts(),
                x.getLastError().isEmpty() ? Optional.empty() : Optional.of(x.getLastError()),
                x.getFailure().isEmpty() ? Optional.empty() : Optional.of(x.getFailure()),
                switch (x.getVerdict()) {
                    case VERDICT_ACCEPTED -> Optional.of(Verdict.ACCEPTED);
                    case VERDICT_REJECTED -> Optional.of(Verdict.REJECTED);
                    default -> Optional.empty();
                },
                x.getRejection() == org.baton.proto.v1.RejectionReason.REJECTION_REASON_UNSPECIFIED
                        ? Optional.<RejectionReason>empty()
                        : Optional.of(ExchangeProtos.rejectionFromProto(x.getRejection())));
    }
}
