package org.baton.node.importer;

import java.util.ArrayList;
import java.util.List;

/** The problems found in one row; reused from row to row. */
final class RowProblems {

    private final List<String> fields = new ArrayList<>();
    private final List<String> reasons = new ArrayList<>();

    void add(String field, String reason) {
        fields.add(field);
        reasons.add(reason);
    }

    boolean isEmpty() {
        return fields.isEmpty();
    }

    int size() {
        return fields.size();
    }

    String field(int i) {
        return fields.get(i);
    }

    String reason(int i) {
        return reasons.get(i);
    }

    void clear() {
        fields.clear();
        reasons.clear();
    }
}
