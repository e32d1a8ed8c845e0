package org.baton.ledger;

import java.util.Objects;
import java.util.Optional;

/**
 * Which page of a query to read.
 *
 * @param size at most this many items (1 to {@link #MAX_SIZE})
 * @param after the token of the previous page; empty for the first page
 */
public record PageRequest(int size, Optional<PageToken> after) {

    /** The largest page a backend returns. */
    public static final int MAX_SIZE = 1000;

    public PageRequest {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page size " + size + " is outside 1.." + MAX_SIZE);
        }
        Objects.requireNonNull(after, "after");
    }

    public static PageRequest first(int size) {
        return new PageRequest(size, Optional.empty());
    }

    public static PageRequest after(PageToken token, int size) {
        return new PageRequest(size, Optional.of(token));
    }

    /** The request for the page after {@code page}, or empty if it was the last. */
    public Optional<PageRequest> next(Page<?> page) {
        return page.next().map(token -> after(token, size));
    }
}
