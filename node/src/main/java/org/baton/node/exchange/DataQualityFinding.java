package org.baton.node.exchange;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.baton.ledger.GrantId;
import org.baton.node.student.StudentId;
import org.baton.trust.InstitutionId;

/**
 * A data-quality problem the exchange found, for the clean-up work queue: a grant's opening named a student held
 * here by SSID, but the name or birth date disagree. The records were not released.
 *
 * @param grant the grant whose opening revealed it
 * @param peer the institution that asked (or notified)
 * @param student this node's student with that SSID
 * @param fields the fields that disagree ("first_name", "last_name", "name", "birth_date"), never their values
 * @param foundAt when it was found
 */
public record DataQualityFinding(GrantId grant, InstitutionId peer, StudentId student, List<String> fields,
        Instant foundAt) {

    public DataQualityFinding {
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(student, "student");
        fields = List.copyOf(fields);
        Objects.requireNonNull(foundAt, "foundAt");
    }
}
