package org.baton.node.importer;

/**
 * Observes an import's progress, for progress bars and periodic log lines. Called from the import's threads, one
 * call at a time; implementations must be quick and must not throw.
 */
public interface ImportListener {

    /** A listener that ignores everything. */
    ImportListener NONE = new ImportListener() { };

    /**
     * A phase starts.
     *
     * @param total its size: input bytes for {@link ImportPhase#READ}, students for {@link ImportPhase#LOAD}
     */
    default void phaseStarted(ImportPhase phase, long total) {
    }

    /**
     * Progress within a phase, at most every few thousand rows.
     *
     * @param done     units done so far (bytes or students, as for {@link #phaseStarted})
     * @param rowsRead data rows read so far in the whole import
     */
    default void progress(ImportPhase phase, long done, long rowsRead) {
    }

    /** A batch of students was committed to the store. */
    default void batchCommitted(int students, long studentsCommittedSoFar) {
    }

    /** A phase ended. */
    default void phaseFinished(ImportPhase phase) {
    }
}
