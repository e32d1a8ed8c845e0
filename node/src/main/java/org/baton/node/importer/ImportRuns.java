package org.baton.node.importer;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.baton.node.store.Column;
import org.baton.node.store.RecordStore;

/**
 * The node's memory of its imports: each run's summary and first rejections, kept in the record store (column
 * {@code import_runs}, encrypted) so the registrar sees them in the portal. {@code baton import} records a run when
 * it ends, whether it ran to the end or failed.
 *
 * <pre>{@code
 * ImportRuns runs = ImportRuns.in(store);          // the store declares ImportRuns.columns()
 * runs.recordFinished(request, startedAt, summary);
 * List<ImportRun> newest = runs.recent(50);
 * }</pre>
 */
public interface ImportRuns {

    /** The columns the store must declare ({@link org.baton.node.store.StoreConfig#withColumns}). */
    static List<Column<?, ?>> columns() {
        return List.of(StoredImportRuns.RUNS);
    }

    /**
     * The runs kept in {@code store}.
     *
     * @throws IllegalArgumentException if the store does not declare {@link #columns()}
     */
    static ImportRuns in(RecordStore store) {
        return new StoredImportRuns(store);
    }

    /** Records an import that ran to the end; returns the run as kept. */
    ImportRun recordFinished(ImportRequest request, Instant startedAt, ImportSummary summary);

    /** Records an import that stopped ({@link ImportFailedException}); returns the run as kept. */
    ImportRun recordFailed(ImportRequest request, Instant startedAt, String reason);

    /** The newest runs first, at most {@code limit} (1 to 10,000). */
    List<ImportRun> recent(int limit);

    /** Run {@code id}, if kept. */
    Optional<ImportRun> find(long id);
}
