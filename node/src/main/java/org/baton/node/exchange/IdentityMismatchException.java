package org.baton.node.exchange;

import java.util.List;
import java.util.Objects;
import org.baton.ledger.GrantId;

/**
 * The student a grant names was found here by SSID, but the name or birth date disagree: the records are not
 * released and the mismatch is recorded as a data-quality finding. Never guessed.
 */
public final class IdentityMismatchException extends ExchangeException {

    private static final long serialVersionUID = 1L;

    private final GrantId grant;
    private final List<String> fields;

    /**
     * @param fields the fields that disagree ("first_name", "last_name", "birth_date"), never their values
     */
    public IdentityMismatchException(GrantId grant, List<String> fields) {
        super("the student of grant " + Objects.requireNonNull(grant, "grant")
                + " has this SSID here, but these fields disagree: " + String.join(", ", fields), null);
        this.grant = grant;
        this.fields = List.copyOf(fields);
    }

    public GrantId grant() {
        return grant;
    }

    public List<String> fields() {
        return fields;
    }
}
