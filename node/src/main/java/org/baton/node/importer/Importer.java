package org.baton.node.importer;

import java.util.Objects;
import org.baton.node.store.RecordStore;

/** Imports SIS exports into a record store (see the package documentation for how). */
public interface Importer {

    /**
     * Runs one import to the end. Bad rows are rejected and reported, never thrown.
     *
     * @throws ImportFailedException when the input cannot be read, the work directory cannot be written, another
     *                               import holds the work directory, or the store fails (a student the store
     *                               refuses is rejected and reported, not thrown)
     */
    ImportSummary run(ImportRequest request);

    /**
     * An importer writing to {@code store} and reporting progress to {@code listener}. The store stays open and
     * owned by the caller.
     */
    static Importer create(RecordStore store, ImportListener listener) {
        return new PartitionedImporter(Objects.requireNonNull(store, "store"), Objects.requireNonNull(listener, "listener"));
    }
}
