package org.baton.ledger;

import org.baton.trust.InstitutionId;

/**
 * The ledger as one institution sees it: a writer that signs as the institution, and a reader. Writes and
 * reads are kept apart so that code that only reads cannot write.
 *
 * <p>Implementations are thread-safe. {@link #close()} is idempotent.
 */
public interface Ledger extends AutoCloseable {

    /** The institution this ledger signs as. */
    InstitutionId institution();

    /** Submits transactions signed as {@link #institution()}. */
    LedgerWriter writer();

    /** Evaluates queries. */
    LedgerReader reader();

    /** Releases connections and threads; the ledger's data is unaffected. */
    @Override
    void close();
}
