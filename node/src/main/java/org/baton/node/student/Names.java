package org.baton.node.student;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/** Names in the form they are matched in: the store's name index and the duplicate rule compare these. */
public final class Names {

    private Names() {
    }

    /**
     * The form of a name used for matching: compatibility-decomposed, diacritics dropped, letters and digits only,
     * upper case. "García-López", "GARCIA LOPEZ" and "Garcia Lopez" all become "GARCIALOPEZ"; "O'Brien" becomes
     * "OBRIEN".
     */
    public static String forMatching(String name) {
        // ASCII names (nearly all) the short way: NFKD leaves ASCII as it is, and its letters and digits are
        // [A-Za-z0-9]; anything else goes through the full normalisation.
        int n = name.length();
        byte[] ascii = new byte[n];
        int length = 0;
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (c >= 0x80) {
                return forMatchingUnicode(name);
            }
            if (c >= 'a' && c <= 'z') {
                ascii[length++] = (byte) (c - ('a' - 'A'));
            } else if (c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
                ascii[length++] = (byte) c;
            }
        }
        return new String(ascii, 0, length, StandardCharsets.US_ASCII);
    }

    /** {@link #forMatching} for any name, by compatibility decomposition. */
    static String forMatchingUnicode(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        decomposed.codePoints()
                .filter(Character::isLetterOrDigit)
                .map(Character::toUpperCase)
                .forEach(out::appendCodePoint);
        return out.toString();
    }
}
