package org.baton.node.importer;

import java.io.IOException;
import java.nio.file.Path;

final class PescReader implements FormatReader {
    @Override
    public void read(Path input, ReadContext ctx) throws IOException {
        throw new IOException("not yet");
    }
}
