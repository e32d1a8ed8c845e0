package org.baton.node.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.baton.trust.InstitutionId;

/** Test inputs under src/test/resources/importer and a helper to run an import into a target. */
final class ImportFixtures {

    static final InstitutionId DISTRICT = InstitutionId.of("19765430000000");
    static final InstitutionId COLLEGE = InstitutionId.of("123456");

    private ImportFixtures() {
    }

    static Path resource(String name) {
        try {
            return Path.of(ImportFixtures.class.getResource("/importer/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static ImportSummary run(ImportTarget target, ImportFormat format, Path input, InstitutionId institution,
            Path work) {
        ImportRequest request = ImportRequest.of(format, input, institution)
                .withReport(work.resolve("report.txt"))
                .withWorkDir(work.resolve("work"))
                .withBatchSize(2);
        return Importer.create(target, ImportListener.NONE).run(request);
    }

    /** The rejection lines of a report (without the # comment lines). */
    static List<String> rejections(Path report) {
        try {
            return Files.readAllLines(report).stream().filter(l -> !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
