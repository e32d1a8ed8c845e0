package org.baton.node.portal.accounts;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies a portal account: 32 lower-case hex digits (128 random bits), never reused.
 *
 * @param value the id as stored and shown in URLs of admin pages
 */
public record AccountId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}");

    public AccountId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("account id '" + value + "' is not 32 lower-case hex digits");
        }
    }

    /** A fresh random id. */
    public static AccountId random(SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return new AccountId(HexFormat.of().formatHex(bytes));
    }

    @Override
    public String toString() {
        return value;
    }
}
