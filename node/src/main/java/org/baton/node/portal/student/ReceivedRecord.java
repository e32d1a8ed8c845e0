package org.baton.node.portal.student;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.baton.node.quality.QualityFinding;
import org.baton.proto.v1.StudentRecord;
import org.baton.trust.InstitutionId;

/**
 * A record another institution sent under a grant or a legal basis.
 *
 * @param source     the sending institution
 * @param sourceName its display name from the consortium file
 * @param receivedAt when the package arrived
 * @param record     the record as received (signature and hash already verified)
 * @param packageId  the package it came in, for a registrar's discrepancy report
 * @param checks     what this node's data-quality rules find in it (a registrar's starting point for a report),
 *                   worked out when asked: only a registrar's records page needs it
 */
public record ReceivedRecord(InstitutionId source, String sourceName, Instant receivedAt, StudentRecord record,
        Optional<String> packageId, Supplier<List<QualityFinding>> checks) {

    public ReceivedRecord {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(checks, "checks");
    }

    /** A received record whose package is not known (nothing to report a discrepancy on). */
    public ReceivedRecord(InstitutionId source, String sourceName, Instant receivedAt, StudentRecord record) {
        this(source, sourceName, receivedAt, record, Optional.empty(), List::of);
    }
}
