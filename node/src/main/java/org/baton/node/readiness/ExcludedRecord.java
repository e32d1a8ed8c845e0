package org.baton.node.readiness;

import java.util.Objects;

/**
 * A course record the engine could not evaluate, and why. Nothing is dropped silently.
 *
 * @param institutionId the institution that issued it
 * @param recordId its record id
 * @param reason what is wrong with it
 */
public record ExcludedRecord(String institutionId, String recordId, String reason) {
    public ExcludedRecord {
        Objects.requireNonNull(institutionId, "institutionId");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(reason, "reason");
    }
}
