package org.baton.tools.demo;

import java.util.Objects;

/**
 * How one step of the demo scenario went.
 *
 * @param number the step's number in the scenario (1-based)
 * @param title what the step shows
 * @param outcome passed, failed, or missing (not played yet)
 * @param detail what was checked and found, or what is missing
 */
record StepResult(int number, String title, Outcome outcome, String detail) {

    /** The outcome of a step. */
    enum Outcome {
        /** The step ran and every check of its outcome held. */
        PASSED,
        /** The step ran and a check failed (or it could not run to the end). */
        FAILED,
        /** The demo cannot play the step yet; it did not run and does not count as passed. */
        MISSING
    }

    StepResult {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
    }
}
