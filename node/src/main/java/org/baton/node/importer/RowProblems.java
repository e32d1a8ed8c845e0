package org.baton.node.importer;

import java.util.ArrayList;
import java.util.List;

/** The problems found in one row; reused from row to row. */
final class RowProblems {

    private final List<String> fields = new ArrayList<>();
    private final List<String> reasons = new ArrayList<>();
    private final List<String> codes = new ArrayList<>();
    private final List<List<String>> facts = new ArrayList<>();

    void add(String field, String reason) {
        add(field, reason, reason.equals(Checks.REQUIRED) ? "required" : "");
    }

    /**
     * A problem with a code ({@code import.reason.<code>} in the portal's messages) and the facts its wording is
     * filled with, beside its English reason.
     */
    void add(String field, String reason, String code, String... facts) {
        fields.add(field);
        reasons.add(reason);
        codes.add(code);
        this.facts.add(List.of(facts));
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

    String code(int i) {
        return codes.get(i);
    }

    List<String> facts(int i) {
        return facts.get(i);
    }

    void clear() {
        fields.clear();
        reasons.clear();
        codes.clear();
        facts.clear();
    }
}
