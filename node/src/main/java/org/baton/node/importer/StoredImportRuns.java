package org.baton.node.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.baton.node.store.Column;
import org.baton.node.store.ColumnEntry;
import org.baton.node.store.RecordStore;
import org.baton.node.store.Serializer;
import org.baton.node.store.Serializers;
import org.baton.node.store.StoreTransaction;

/**
 * Import runs in the record store: key the run number (uint64, big-endian, so a scan is in run order), value the run
 * as JSON (version 1), encrypted at rest although reasons never repeat a sensitive value.
 */
final class StoredImportRuns implements ImportRuns {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int VERSION = 1;

    static final Column<Long, ImportRun> RUNS = Column.encrypted("import_runs", Serializers.uint64(), new Codec());

    private final RecordStore store;

    StoredImportRuns(RecordStore store) {
        this.store = Objects.requireNonNull(store, "store");
        store.get(RUNS, 0L); // fails now, naming the column, if the store does not declare it
    }

    @Override
    public ImportRun recordFinished(ImportRequest request, Instant startedAt, ImportSummary summary) {
        Objects.requireNonNull(summary, "summary");
        return record(request, startedAt, Optional.empty(), summary.rowsRead(), summary.rowsLoaded(),
                summary.rowsRejected(), summary.rowsSkipped(), summary.studentsWritten(), summary.firstRejections());
    }

    @Override
    public ImportRun recordFailed(ImportRequest request, Instant startedAt, String reason) {
        Objects.requireNonNull(reason, "reason");
        return record(request, startedAt, Optional.of(reason), 0, 0, 0, 0, 0, List.of());
    }

    private ImportRun record(ImportRequest request, Instant startedAt, Optional<String> failure, long read,
            long loaded, long rejected, long skipped, long written, List<Rejection> rejections) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(startedAt, "startedAt");
        java.nio.file.Path name = request.input().toAbsolutePath().normalize().getFileName();
        synchronized (StoredImportRuns.class) {
            try (StoreTransaction tx = store.beginTransaction()) {
                ImportRun run = new ImportRun(lastId() + 1, request.format().cliName(),
                        name == null ? request.input().toString() : name.toString(), startedAt, Instant.now(), failure,
                        read, loaded, rejected, skipped, written, request.report().toAbsolutePath().toString(),
                        rejections);
                tx.put(RUNS, run.id(), run);
                tx.commit();
                return run;
            }
        }
    }

    private long lastId() {
        try (Stream<ColumnEntry<Long, ImportRun>> all = store.scan(RUNS)) {
            return all.reduce((a, b) -> b).map(ColumnEntry::key).orElse(0L);
        }
    }

    @Override
    public List<ImportRun> recent(int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be 1 to 10000, was " + limit);
        }
        List<ImportRun> all;
        try (Stream<ColumnEntry<Long, ImportRun>> scan = store.scan(RUNS)) {
            all = new ArrayList<>(scan.map(ColumnEntry::value).toList());
        }
        java.util.Collections.reverse(all);
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }

    @Override
    public Optional<ImportRun> find(long id) {
        return id < 1 ? Optional.empty() : store.get(RUNS, id);
    }

    /** The run as JSON: field names as in {@link ImportRun}, instants as ISO-8601, rejections as objects. */
    static final class Codec implements Serializer<ImportRun> {

        @Override
        public byte[] serialize(ImportRun run) {
            ObjectNode o = JSON.createObjectNode();
            o.put("version", VERSION);
            o.put("id", run.id());
            o.put("format", run.format());
            o.put("input", run.input());
            o.put("startedAt", run.startedAt().toString());
            o.put("finishedAt", run.finishedAt().toString());
            run.failure().ifPresent(f -> o.put("failure", f));
            o.put("rowsRead", run.rowsRead());
            o.put("rowsLoaded", run.rowsLoaded());
            o.put("rowsRejected", run.rowsRejected());
            o.put("rowsSkipped", run.rowsSkipped());
            o.put("studentsWritten", run.studentsWritten());
            o.put("report", run.report());
            ArrayNode rejections = o.putArray("rejections");
            for (Rejection r : run.rejections()) {
                ObjectNode rejection = rejections.addObject().put("file", r.file()).put("line", r.line())
                        .put("field", r.field()).put("reason", r.reason());
                if (!r.code().isEmpty()) {
                    rejection.put("code", r.code());
                    ArrayNode facts = rejection.putArray("facts");
                    r.facts().forEach(facts::add);
                }
            }
            try {
                return JSON.writeValueAsBytes(o);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot encode import run " + run.id(), e);
            }
        }

        @Override
        public ImportRun deserialize(byte[] bytes) {
            JsonNode o;
            try {
                o = JSON.readTree(bytes);
            } catch (IOException e) {
                throw new IllegalArgumentException("import run is not JSON", e);
            }
            if (o == null || o.path("version").asInt() != VERSION) {
                throw new IllegalArgumentException("import run has version " + (o == null ? "none"
                        : o.path("version").asText()) + ", expected " + VERSION);
            }
            List<Rejection> rejections = new ArrayList<>();
            for (JsonNode r : o.path("rejections")) {
                List<String> facts = new ArrayList<>();
                r.path("facts").forEach(fact -> facts.add(fact.asText()));
                // A run stored before rejections had codes has none: its reasons show in English.
                rejections.add(new Rejection(r.path("file").asText(), r.path("line").asLong(),
                        r.path("field").asText(), r.path("reason").asText(), r.path("code").asText(""), facts));
            }
            return new ImportRun(o.path("id").asLong(), o.path("format").asText(), o.path("input").asText(),
                    Instant.parse(o.path("startedAt").asText()), Instant.parse(o.path("finishedAt").asText()),
                    o.hasNonNull("failure") ? Optional.of(o.get("failure").asText()) : Optional.empty(),
                    o.path("rowsRead").asLong(), o.path("rowsLoaded").asLong(), o.path("rowsRejected").asLong(),
                    o.path("rowsSkipped").asLong(), o.path("studentsWritten").asLong(), o.path("report").asText(),
                    rejections);
        }
    }
}
