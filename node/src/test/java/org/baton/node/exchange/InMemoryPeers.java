package org.baton.node.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.baton.ledger.GrantId;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.Scope;
import org.baton.proto.v1.SignedPackage;
import org.baton.trust.InstitutionId;

/**
 * Nodes that call each other in memory: a call reaches the peer's {@link PeerHandler} with the caller's identity,
 * and a failure crosses the same status mapping it would on the wire. A peer can be taken down.
 */
final class InMemoryPeers {

    private final Map<InstitutionId, PeerHandler> handlers = new ConcurrentHashMap<>();
    private final Set<InstitutionId> down = ConcurrentHashMap.newKeySet();
    private final Set<InstitutionId> holding = ConcurrentHashMap.newKeySet();
    private final List<Runnable> held = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();

    void register(InstitutionId id, PeerHandler handler) {
        handlers.put(id, handler);
    }

    void down(InstitutionId id) {
        down.add(id);
    }

    void up(InstitutionId id) {
        down.remove(id);
    }

    /** From now on, pulls sent to {@code source} without a thread waiting for them are held, unanswered. */
    void hold(InstitutionId source) {
        holding.add(source);
    }

    /** The pulls held so far and not yet answered. */
    int heldPulls() {
        return held.size();
    }

    /** Answers every held pull, each on a thread of its own as an answer off the network would come, and holds no more. */
    void release() {
        holding.clear();
        List<Runnable> answers = new ArrayList<>(held);
        held.clear();
        answers.forEach(answer -> new Thread(answer, "peer-answer").start());
    }

    PeerClient clientFor(InstitutionId caller) {
        return new PeerClient() {
            @Override
            public boolean notifyGrant(InstitutionId party, GrantId grant, Opening opening,
                    List<InstitutionId> sources) {
                return call(party, handler -> handler.notifyGrant(caller, grant, opening, sources));
            }

            @Override
            public Pulled requestRecords(InstitutionId source, ExchangeId requestId, GrantId grant, Set<Scope> scopes,
                    Optional<Opening> opening) {
                return call(source, handler -> handler.requestRecords(caller, requestId.value(), grant, scopes,
                        opening));
            }

            @Override
            public CompletableFuture<Pulled> requestRecordsAsync(InstitutionId source, ExchangeId requestId,
                    GrantId grant, Set<Scope> scopes, Optional<Opening> opening) {
                if (!holding.contains(source)) {
                    return PeerClient.super.requestRecordsAsync(source, requestId, grant, scopes, opening);
                }
                CompletableFuture<Pulled> answer = new CompletableFuture<>();
                held.add(() -> {
                    try {
                        answer.complete(requestRecords(source, requestId, grant, scopes, opening));
                    } catch (RuntimeException e) {
                        answer.completeExceptionally(e);
                    }
                });
                return answer;
            }

            @Override
            public boolean deliverRecords(InstitutionId recipient, SignedPackage pkg, ReceiptId receipt) {
                return call(recipient, handler -> handler.deliverRecords(caller, pkg, receipt));
            }

            @Override
            public boolean reportDiscrepancy(InstitutionId source, String reportId, ReceiptId receipt, String text) {
                return call(source, handler -> handler.reportDiscrepancy(caller, reportId, receipt, text));
            }

            @Override
            public DiscrepancyAnswer discrepancyAnswer(InstitutionId source, String reportId) {
                return call(source, handler -> handler.discrepancyAnswer(caller, reportId));
            }

            @Override
            public void close() {
            }
        };
    }

    private <T> T call(InstitutionId peer, Function<PeerHandler, T> call) {
        calls.incrementAndGet();
        PeerHandler handler = handlers.get(peer);
        if (handler == null || down.contains(peer)) {
            throw new PeerUnavailableException(peer, "UNAVAILABLE: connection refused", null);
        }
        try {
            return call.apply(handler);
        } catch (RuntimeException e) {
            throw ExchangeErrors.fromStatus(peer, ExchangeErrors.toStatus(e));
        }
    }
}
