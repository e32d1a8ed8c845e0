package org.baton.node.importer;

import java.io.IOException;
import java.nio.file.Path;

/** Reads one import format: validates each row and emits its fragment or its rejection to the context. */
interface FormatReader {

    /**
     * Reads everything under {@code input}.
     *
     * @throws IOException when the input cannot be read at all (bad rows are rejected, not thrown)
     */
    void read(Path input, ReadContext ctx) throws IOException;
}
