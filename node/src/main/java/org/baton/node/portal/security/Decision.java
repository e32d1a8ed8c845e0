package org.baton.node.portal.security;

import java.util.Objects;

/**
 * The access policy's answer.
 *
 * @param allowed whether the action may proceed
 * @param reason  why, in words for the audit trail and the tests (never shown with record contents)
 */
public record Decision(boolean allowed, String reason) {

    public Decision {
        Objects.requireNonNull(reason, "reason");
    }

    static Decision allow(String reason) {
        return new Decision(true, reason);
    }

    static Decision deny(String reason) {
        return new Decision(false, reason);
    }
}
