package org.baton.node.importer;

import java.util.Objects;

/** Imports SIS exports into a record store (see the package documentation for how). */
public interface Importer {

    /**
     * Runs one import to the end. Bad rows are rejected and reported, never thrown.
     *
     * @throws ImportFailedException when the input cannot be read, the work directory cannot be written, another
     *                               import holds the work directory, or the target refuses a batch
     */
    ImportSummary run(ImportRequest request);

    /** An importer writing to {@code target} and reporting progress to {@code listener}. */
    static Importer create(ImportTarget target, ImportListener listener) {
        return new PartitionedImporter(Objects.requireNonNull(target, "target"), Objects.requireNonNull(listener, "listener"));
    }
}
