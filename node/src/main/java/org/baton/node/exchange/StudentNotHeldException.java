package org.baton.node.exchange;

import java.util.Objects;

/** This node holds no records of the student a request names (by the grant's SSID, or by its own student id). */
public final class StudentNotHeldException extends ExchangeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param subject names the student by ids only, e.g. "the student of grant 5f…" or "student 17"
     */
    public StudentNotHeldException(String subject) {
        super("no records of " + Objects.requireNonNull(subject, "subject") + " are held here", null);
    }
}
