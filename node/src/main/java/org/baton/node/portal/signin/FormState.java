package org.baton.node.portal.signin;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A form as shown again after a failed submission: the error to show and the non-secret values to keep.
 *
 * @param error  message key of the error, if any
 * @param values field values to refill (never passwords or codes)
 * @param extra  page-specific text (e.g. the TOTP seed being enrolled)
 */
public record FormState(Optional<String> error, Map<String, String> values, Map<String, String> extra) {

    public FormState {
        Objects.requireNonNull(error, "error");
        values = Map.copyOf(values);
        extra = Map.copyOf(extra);
    }

    public static FormState empty() {
        return new FormState(Optional.empty(), Map.of(), Map.of());
    }

    public static FormState error(String key, Map<String, String> values) {
        return new FormState(Optional.of(key), values, Map.of());
    }

    /** A refilled value, or the empty string. */
    public String value(String field) {
        return values.getOrDefault(field, "");
    }

    public String extra(String key) {
        return extra.getOrDefault(key, "");
    }
}
