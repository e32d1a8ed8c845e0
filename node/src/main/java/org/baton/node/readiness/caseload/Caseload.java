package org.baton.node.readiness.caseload;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.baton.node.readiness.ReadinessEngine;
import org.baton.node.readiness.ReadinessInput;
import org.baton.node.readiness.UpcomingDeadline;
import org.baton.node.readiness.rules.CounselingRules;

/**
 * A counselor's (or a school's) students, each evaluated once, ready to be filtered and sorted.
 *
 * @param rows one row per student, in the order of the input map's keys
 * @param <K> the caller's student key (a typed student id)
 */
public record Caseload<K>(List<CaseloadRow<K>> rows) {

    public Caseload {
        rows = List.copyOf(rows);
    }

    /**
     * Evaluates every student of a caseload. For a page of many students, give an engine created with
     * {@code EvaluationOptions.withoutExplanation()}: rows never show the trail, and summary evaluations are faster.
     *
     * @param engine the readiness engine
     * @param rules the counseling rules that decide the flags ({@code RuleBook#counseling()})
     * @param inputs each student's records, by the caller's key
     */
    public static <K> Caseload<K> evaluate(ReadinessEngine engine, CounselingRules rules, Map<K, ReadinessInput> inputs) {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(inputs, "inputs");
        List<CaseloadRow<K>> rows = new ArrayList<>(inputs.size());
        for (Map.Entry<K, ReadinessInput> e : inputs.entrySet()) {
            rows.add(CaseloadRow.of(e.getKey(), engine.evaluate(e.getValue()), rules));
        }
        return new Caseload<>(rows);
    }

    /** The rows that pass the query, in its order, at most its limit. */
    public List<CaseloadRow<K>> query(CaseloadQuery query) {
        Objects.requireNonNull(query, "query");
        List<CaseloadRow<K>> out = new ArrayList<>();
        for (CaseloadRow<K> row : rows) {
            if (query.matches(row)) {
                out.add(row);
            }
        }
        Comparator<CaseloadRow<K>> order = order(query.sort());
        out.sort(query.descending() ? order.reversed() : order);
        return query.limit() > 0 && out.size() > query.limit() ? List.copyOf(out.subList(0, query.limit()))
                : List.copyOf(out);
    }

    private static <K> Comparator<CaseloadRow<K>> order(CaseloadQuery.Sort sort) {
        return switch (sort) {
            case FLAGS -> Comparator.comparingInt((CaseloadRow<K> r) -> r.flags().size()).reversed();
            case UC_GPA -> byGpa(CaseloadRow::ucGpa);
            case CSU_GPA -> byGpa(CaseloadRow::csuGpa);
            case CAL_GRANT_GPA -> byGpa(CaseloadRow::calGrantGpa);
            case NEXT_DEADLINE -> Comparator.comparing((CaseloadRow<K> r) -> r.nextDeadline()
                    .map(UpcomingDeadline::daysLeft).orElse(Long.MAX_VALUE));
            case GRADE_LEVEL -> Comparator.comparingInt(CaseloadRow::gradeLevel);
        };
    }

    private static <K> Comparator<CaseloadRow<K>> byGpa(Function<CaseloadRow<K>, Optional<BigDecimal>> gpa) {
        return Comparator.comparing((CaseloadRow<K> r) -> gpa.apply(r).isEmpty())
                .thenComparing(r -> gpa.apply(r).orElse(BigDecimal.ZERO));
    }
}
