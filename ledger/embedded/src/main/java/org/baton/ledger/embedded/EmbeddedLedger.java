package org.baton.ledger.embedded;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.baton.ledger.Committed;
import org.baton.ledger.Ledger;
import org.baton.ledger.LedgerReader;
import org.baton.ledger.tx.SignedTransaction;
import org.baton.trust.Consortium;
import org.baton.trust.InstitutionCredentials;
import org.baton.trust.InstitutionId;
import org.baton.trust.SigningKey;

/**
 * An embedded ledger open in this process: the chain in a RocksDB directory, a sequencer cutting blocks, and
 * views for institutions. Only one process may have a ledger directory open; other processes reach it through
 * {@link EmbeddedLedgerServer} and {@link RemoteLedger}. Thread-safe; {@link #close()} is idempotent.
 */
public interface EmbeddedLedger extends AutoCloseable {

    /**
     * Opens (creating if needed) the ledger in {@code config.dataDirectory()}.
     *
     * @param consortium the members whose signed transactions are accepted
     * @param operator the consortium member that signs blocks; its signing key must be the one the consortium
     *     lists
     * @param clock the source of transaction times
     * @throws LedgerStorageException if the store cannot be opened or is inconsistent
     * @throws IllegalArgumentException if the operator is not a member with that signing key
     */
    static EmbeddedLedger open(EmbeddedLedgerConfig config, Consortium consortium, InstitutionCredentials operator,
            Clock clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(consortium, "consortium");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(clock, "clock");
        return ChainLedger.open(config, consortium, operator.institutionId(), operator.signingKey(), clock);
    }

    /**
     * Rebuilds the grants, receipts, events and indexes of the closed ledger in {@code dataDirectory} from its
     * chain, replacing what was there. If the rebuild is interrupted, the next {@link #open} finishes it.
     *
     * @return the number of transactions replayed
     * @throws LedgerStorageException if the store cannot be opened or a stored transaction is refused on replay
     */
    static long rebuildState(Path dataDirectory) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        try (ChainStore store = ChainStore.open(dataDirectory)) {
            return StateRebuilder.rebuild(store);
        }
    }

    /** The ledger as {@code institution}, signing its transactions with {@code key}. */
    Ledger ledgerFor(InstitutionId institution, SigningKey key);

    /** Queries, without an institution. */
    LedgerReader reader();

    /**
     * Submits a transaction signed elsewhere, exactly as signed, and waits until it is committed.
     *
     * @throws org.baton.ledger.LedgerRejectedException if it is malformed, not signed by a member, or refused
     * @throws org.baton.ledger.LedgerUnavailableException if the ledger is closed, overloaded or cannot write
     */
    Committed submit(SignedTransaction transaction);

    /** The last block, or empty while the chain is empty. */
    Optional<ChainHead> head();

    @Override
    void close();
}
