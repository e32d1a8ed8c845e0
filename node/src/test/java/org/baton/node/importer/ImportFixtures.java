package org.baton.node.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.baton.node.store.DataKey;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoreConfig;
import org.baton.node.store.StoredStudent;
import org.baton.node.student.Ssid;
import org.baton.proto.v1.StudentRecord;
import org.baton.trust.InstitutionId;

/** Test inputs under src/test/resources/importer, a real record store, and a helper to run an import into it. */
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

    /** {@code path} as a user may type it: relative to the working directory. */
    static Path relative(Path path) {
        return Path.of("").toAbsolutePath().relativize(path.toAbsolutePath());
    }

    static Path standard(String name) {
        try {
            return Path.of(ImportFixtures.class.getResource("/standards/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A record store in {@code dir} (created, or reopened with the same data key). */
    static RecordStore openStore(Path dir) {
        DataKey key = DataKey.loadOrCreate(dir.resolve("data.key"));
        return RecordStore.open(StoreConfig.of(dir.resolve("store"), key).withSyncWrites(false));
    }

    static ImportSummary run(RecordStore store, ImportFormat format, Path input, InstitutionId institution,
            Path work) {
        ImportRequest request = ImportRequest.of(format, input, institution)
                .withReport(work.resolve("report.txt"))
                .withWorkDir(work.resolve("work"))
                .withBatchSize(2);
        return Importer.create(store, ImportListener.NONE).run(request);
    }

    /** The rejection lines of a report (without the # comment lines). */
    static List<String> rejections(Path report) {
        try {
            return Files.readAllLines(report).stream().filter(l -> !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every stored record, keyed "S" + SSID, or "L" + issuer + "|" + value of the first local id. */
    static Map<String, StudentRecord> records(RecordStore store) {
        Map<String, StudentRecord> map = new TreeMap<>();
        try (Stream<StoredStudent> all = store.students()) {
            all.forEach(s -> {
                StudentRecord r = s.record();
                String key = r.getStudent().getSsid().isEmpty()
                        ? "L" + r.getStudent().getLocalIds(0).getIssuer() + "|" + r.getStudent().getLocalIds(0).getValue()
                        : "S" + r.getStudent().getSsid();
                if (map.put(key, r) != null) {
                    throw new AssertionError("two stored students with key " + key.charAt(0));
                }
            });
        }
        return map;
    }

    static StudentRecord bySsid(RecordStore store, String ssid) {
        return store.findBySsid(Ssid.of(ssid)).orElseThrow(() -> new AssertionError("no student with the SSID"))
                .record();
    }
}
