package org.baton.node.readiness;

import java.util.Objects;
import java.util.Optional;

/**
 * The points DOMAIN.md marks <em>configurable</em>. Each is empty by default, meaning the default in the rule
 * tables.
 *
 * @param ucCMinusCountsAsC UC: whether C- counts as C (rule-table default: yes, +/- ignored)
 * @param csuGpaWindow CSU GPA window by its name in {@code csu.yaml} ({@code tenth-eleventh} by default,
 *     {@code all-after-ninth} for "all grades after 9th")
 * @param explain whether reports carry the explanation trail (default true); a summary evaluation without it, for
 *     caseload and dashboard views, computes every status and GPA the same way, only faster
 */
public record EvaluationOptions(Optional<Boolean> ucCMinusCountsAsC, Optional<String> csuGpaWindow, boolean explain) {

    private static final EvaluationOptions DEFAULTS = new EvaluationOptions(Optional.empty(), Optional.empty(), true);

    public EvaluationOptions {
        Objects.requireNonNull(ucCMinusCountsAsC, "ucCMinusCountsAsC");
        Objects.requireNonNull(csuGpaWindow, "csuGpaWindow");
    }

    /** The rule tables' defaults. */
    public static EvaluationOptions defaults() {
        return DEFAULTS;
    }

    /** These options with UC's C- handling set. */
    public EvaluationOptions withUcCMinusCountsAsC(boolean value) {
        return new EvaluationOptions(Optional.of(value), csuGpaWindow, explain);
    }

    /** These options with the CSU GPA window set. */
    public EvaluationOptions withCsuGpaWindow(String window) {
        return new EvaluationOptions(ucCMinusCountsAsC, Optional.of(window), explain);
    }

    /** These options without the explanation trail (summary evaluations for caseload views). */
    public EvaluationOptions withoutExplanation() {
        return new EvaluationOptions(ucCMinusCountsAsC, csuGpaWindow, false);
    }
}
