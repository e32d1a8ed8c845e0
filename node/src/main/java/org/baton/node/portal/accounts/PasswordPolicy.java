package org.baton.node.portal.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * NIST SP 800-63B-style password rules: length is what matters (15 to 128 characters, any characters, no
 * composition rules), and a password must not be a known common password, one repeated short pattern, or contain
 * the username. The common-password list is the resource {@code common-passwords.txt} (10,000 entries; its
 * provenance is written at its top).
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 15;
    static final int MAX_LENGTH = 128;

    private final Set<String> common;

    private PasswordPolicy(Set<String> common) {
        this.common = Set.copyOf(common);
    }

    static PasswordPolicy withBundledList() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("resource common-passwords.txt is missing from the portal");
            }
            Set<String> words = new HashSet<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    words.add(line.strip().toLowerCase(Locale.ROOT));
                }
            }
            return new PasswordPolicy(words);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the common-password list failed", e);
        }
    }

    int commonPasswordCount() {
        return common.size();
    }

    /** Normalizes a password as typed (NFKC), the form that is checked and hashed. */
    static String normalize(String password) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC);
    }

    /** The first rule the (normalized) password breaks, or empty when it is acceptable. */
    Optional<PasswordRejectedException.Reason> check(String password, String username) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of(PasswordRejectedException.Reason.TOO_SHORT);
        }
        if (length > MAX_LENGTH) {
            return Optional.of(PasswordRejectedException.Reason.TOO_LONG);
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower) || repeatsCommonOrShortUnit(lower)) {
            return Optional.of(PasswordRejectedException.Reason.COMMON);
        }
        if (username != null && username.length() >= 3 && lower.contains(username.toLowerCase(Locale.ROOT))) {
            return Optional.of(PasswordRejectedException.Reason.CONTAINS_USERNAME);
        }
        return Optional.empty();
    }

    /** "aaaaaaaaaaaaaaa", "abcabcabcabcabc", "passwordpassword": one unit repeated. */
    private boolean repeatsCommonOrShortUnit(String lower) {
        int n = lower.length();
        for (int unit = 1; unit <= n / 2; unit++) {
            if (n % unit != 0) {
                continue;
            }
            String head = lower.substring(0, unit);
            if (head.repeat(n / unit).equals(lower) && (unit <= 4 || common.contains(head))) {
                return true;
            }
        }
        return false;
    }
}
