package org.baton.tools.demo;

import java.util.List;
import java.util.Objects;

/**
 * What the scenario did.
 *
 * @param steps every step's result, in order
 * @param exchanges packages exchanged (one receipt each, as counted on the ledger)
 * @param receipts receipts on the ledger
 * @param grants consent grants on the ledger
 */
record ScenarioReport(List<StepResult> steps, int exchanges, int receipts, int grants) {

    ScenarioReport {
        steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
    }

    long count(StepResult.Outcome outcome) {
        return steps.stream().filter(step -> step.outcome() == outcome).count();
    }

    /** Whether every step ran and passed (a missing step is not a pass). */
    boolean allPassed() {
        return !steps.isEmpty() && count(StepResult.Outcome.PASSED) == steps.size();
    }
}
