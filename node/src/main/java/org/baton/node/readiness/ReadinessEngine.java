package org.baton.node.readiness;

import java.util.List;
import java.util.Objects;
import org.baton.node.readiness.rules.RuleBook;
import org.baton.proto.v1.CourseRecord;

/**
 * Evaluates students' readiness for UC, CSU, Cal Grant and transfer against the rule tables.
 *
 * <p>Implementations are immutable and thread-safe; an evaluation reads only its input.
 */
public interface ReadinessEngine {

    /**
     * Evaluates one student.
     *
     * @throws NullPointerException when the input is null
     */
    ReadinessReport evaluate(ReadinessInput input);

    /**
     * Evaluates one student as they are and with planned courses added. A planned course is a
     * {@link CourseRecord} for a future term: with a letter grade it counts as completed with that grade; without
     * a grade (or "IP") it counts as in progress.
     */
    WhatIfResult whatIf(ReadinessInput input, List<CourseRecord> plannedCourses);

    /** An engine with the rule tables' defaults for every configurable point. */
    static ReadinessEngine create(RuleBook rules) {
        return create(rules, EvaluationOptions.defaults());
    }

    /**
     * An engine with options.
     *
     * @throws IllegalArgumentException when an option names something the rule tables do not have
     */
    static ReadinessEngine create(RuleBook rules, EvaluationOptions options) {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(options, "options");
        return new DefaultReadinessEngine(rules, options);
    }
}
