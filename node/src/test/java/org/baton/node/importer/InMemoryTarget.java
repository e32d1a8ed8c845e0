package org.baton.node.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.baton.proto.v1.LocalId;
import org.baton.proto.v1.StudentRecord;

/** An {@link ImportTarget} over maps, keyed like the store: by SSID, else by the first local id. */
final class InMemoryTarget implements ImportTarget {

    private final Map<String, StudentRecord> records = new TreeMap<>();
    private final List<Integer> batches = new ArrayList<>();

    @Override
    public synchronized Optional<StudentRecord> find(StudentKey key) {
        if (key instanceof StudentKey.BySsid s) {
            return records.values().stream().filter(r -> r.getStudent().getSsid().equals(s.ssid())).findFirst();
        }
        StudentKey.ByLocalId l = (StudentKey.ByLocalId) key;
        return records.values().stream()
                .filter(r -> r.getStudent().getLocalIdsList().stream()
                        .anyMatch(id -> id.getIssuer().equals(l.issuer()) && id.getValue().equals(l.value())))
                .findFirst();
    }

    @Override
    public synchronized void writeAtomically(List<StudentRecord> batch) {
        batches.add(batch.size());
        for (StudentRecord r : batch) {
            records.put(idOf(r), r);
        }
    }

    private static String idOf(StudentRecord r) {
        if (!r.getStudent().getSsid().isEmpty()) {
            return "S" + r.getStudent().getSsid();
        }
        LocalId id = r.getStudent().getLocalIds(0);
        return "L" + id.getIssuer() + "|" + id.getValue();
    }

    synchronized Map<String, StudentRecord> records() {
        return new TreeMap<>(records);
    }

    synchronized StudentRecord bySsid(String ssid) {
        StudentRecord r = records.get("S" + ssid);
        if (r == null) {
            throw new AssertionError("no record for the SSID");
        }
        return r;
    }

    synchronized List<Integer> batches() {
        return List.copyOf(batches);
    }
}
