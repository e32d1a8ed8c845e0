package org.baton.node.exchange;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.baton.ledger.Ledger;
import org.baton.ledger.LedgerReader;
import org.baton.ledger.LedgerRejectedException;
import org.baton.ledger.LedgerUnavailableException;
import org.baton.ledger.LedgerWriter;

/**
 * Every ledger call of the exchange goes through here, so the node's status knows whether the ledger answers: a
 * {@link LedgerUnavailableException} starts its backoff, a success ends it. Failures are rethrown unchanged (the
 * caller fails closed).
 */
final class LedgerGate {

    private final Ledger ledger;
    private final Backoffs backoffs;

    LedgerGate(Ledger ledger, Backoffs backoffs) {
        this.ledger = ledger;
        this.backoffs = backoffs;
    }

    /** Makes {@code call}, which may wait for the ledger's answer (see {@link Blocking}). */
    <T> T call(Supplier<T> call) {
        T result;
        try {
            result = Blocking.call(call);
        } catch (LedgerUnavailableException e) {
            backoffs.failed(Backoffs.LEDGER, e.getMessage());
            throw e;
        } catch (LedgerRejectedException e) {
            backoffs.succeeded(Backoffs.LEDGER);
            throw e;
        }
        backoffs.succeeded(Backoffs.LEDGER);
        return result;
    }

    /**
     * As {@link #call}, for a call that answers later: the backoff learns from the answer when it comes. The future
     * fails with the call's {@link LedgerUnavailableException} or {@link LedgerRejectedException} unchanged.
     */
    <T> CompletableFuture<T> callAsync(Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> answer;
        try {
            answer = call.get();
        } catch (LedgerUnavailableException | LedgerRejectedException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.whenComplete((result, error) -> {
            Throwable cause = ExchangeErrors.unwrap(error);
            if (cause instanceof LedgerUnavailableException unavailable) {
                backoffs.failed(Backoffs.LEDGER, unavailable.getMessage());
            } else if (cause == null || cause instanceof LedgerRejectedException) {
                backoffs.succeeded(Backoffs.LEDGER);
            }
        });
    }

    LedgerReader reader() {
        return ledger.reader();
    }

    LedgerWriter writer() {
        return ledger.writer();
    }
}
