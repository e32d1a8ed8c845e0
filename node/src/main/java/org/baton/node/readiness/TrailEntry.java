package org.baton.node.readiness;

import java.util.List;
import java.util.Objects;

/**
 * One decision of an evaluation, structured for programs and readable by counselors.
 *
 * @param scope what part of the evaluation it belongs to
 * @param code the kind of decision
 * @param recordIds the course records it is about (may be empty)
 * @param args the facts the message is built from, in the order of {@link TrailCode#template()}
 */
public record TrailEntry(TrailScope scope, TrailCode code, List<String> recordIds, List<Object> args) {

    public TrailEntry {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(code, "code");
        recordIds = List.copyOf(recordIds);
        args = List.copyOf(args);
    }

    /** The decision in words, e.g. "Geometry (fall 2023, D): the D is below the minimum C …". */
    public String message() {
        return code.render(args);
    }

    @Override
    public String toString() {
        return scope + " " + code + ": " + message();
    }
}
