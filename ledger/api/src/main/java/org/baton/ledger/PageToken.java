package org.baton.ledger;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a paginated query resumes. Opaque to callers: pass back what {@link Page#next()} returned, with the same
 * query.
 *
 * @param value the backend's encoding (URL-safe base64, at most 512 characters)
 */
public record PageToken(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{1,512}");

    public PageToken {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("page token is not 1 to 512 URL-safe base64 characters");
        }
    }

    public static PageToken of(String value) {
        return new PageToken(value);
    }
}
