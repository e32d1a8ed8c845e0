package org.baton.node.readiness;

import java.util.List;

/**
 * A what-if projection: the report now, the report with the planned courses, and what changes.
 *
 * @param current the evaluation of the records as they are
 * @param projected the evaluation with the planned courses added
 * @param changes every status or GPA that differs, in words
 */
public record WhatIfResult(ReadinessReport current, ReadinessReport projected, List<Change> changes) {

    public WhatIfResult {
        changes = List.copyOf(changes);
    }

    /**
     * One difference.
     *
     * @param subject what changes ("UC area c", "CSU GPA (capped weighted)")
     * @param before its value now
     * @param after its value with the plan
     */
    public record Change(String subject, String before, String after) {
    }
}
