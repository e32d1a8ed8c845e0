package org.baton.node.portal.student;

import java.time.Instant;
import java.util.Objects;
import org.baton.proto.v1.StudentRecord;
import org.baton.trust.InstitutionId;

/**
 * A record another institution sent under a grant or a legal basis.
 *
 * @param source     the sending institution
 * @param sourceName its display name from the consortium file
 * @param receivedAt when the package arrived
 * @param record     the record as received (signature and hash already verified)
 */
public record ReceivedRecord(InstitutionId source, String sourceName, Instant receivedAt, StudentRecord record) {

    public ReceivedRecord {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(record, "record");
    }
}
