package org.baton.node.readiness;

import java.util.ArrayList;
import java.util.List;

/** Collects an evaluation's trail entries. Not thread-safe: one per evaluation. */
final class Trail {

    private final List<TrailEntry> entries = new ArrayList<>(256);

    void add(TrailScope scope, TrailCode code, String recordId, Object... args) {
        entries.add(new TrailEntry(scope, code, recordId == null ? List.of() : List.of(recordId), List.of(args)));
    }

    void addMany(TrailScope scope, TrailCode code, List<String> recordIds, Object... args) {
        entries.add(new TrailEntry(scope, code, recordIds, List.of(args)));
    }

    List<TrailEntry> entries() {
        return List.copyOf(entries);
    }
}
