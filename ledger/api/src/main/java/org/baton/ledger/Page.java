package org.baton.ledger;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a query's results, in the query's order.
 *
 * @param items the results (possibly none)
 * @param next the token for the following page; empty when this is the last
 * @param <T> the result type
 */
public record Page<T>(List<T> items, Optional<PageToken> next) {

    public Page {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        Objects.requireNonNull(next, "next");
    }
}
