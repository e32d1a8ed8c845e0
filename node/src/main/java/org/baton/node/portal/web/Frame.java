package org.baton.node.portal.web;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.baton.node.portal.i18n.Language;
import org.baton.node.portal.i18n.Messages;
import org.baton.node.portal.security.Principal;

/**
 * What every page template gets besides its own model: the language and texts, the CSRF token for its forms,
 * who is signed in, the navigation for their role and a one-line notice.
 *
 * @param messages    texts in the visitor's language
 * @param csrf        the token every form posts as {@code _csrf}
 * @param user        the signed-in principal, if any
 * @param nav         navigation links for the role
 * @param path        the current path (the language switch returns to it)
 * @param notice      a message key to show once (after a redirect), if any
 * @param institution the institution's display name
 */
public record Frame(Messages messages, String csrf, Optional<Principal> user, List<NavLink> nav, String path,
                    Optional<String> notice, String institution) {

    public Frame {
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(csrf, "csrf");
        Objects.requireNonNull(user, "user");
        nav = List.copyOf(nav);
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(notice, "notice");
        Objects.requireNonNull(institution, "institution");
    }

    /** A text in the visitor's language. */
    public String t(String key, Object... args) {
        return messages.t(key, args);
    }

    /** The message for {@code key}, or {@code fallback} (shown escaped, as everything) when there is none. */
    public String tOrElse(String key, String fallback) {
        return messages.tOrElse(key, fallback);
    }

    /** A whole number as the visitor's language writes it (1,204 in English, 1.204 in Spanish). */
    public String number(long value) {
        return java.text.NumberFormat.getIntegerInstance(java.util.Locale.forLanguageTag(language().code()))
                .format(value);
    }

    public Language language() {
        return messages.language();
    }

    /** The other languages, for the switch. */
    public List<Language> otherLanguages() {
        return java.util.Arrays.stream(Language.values()).filter(l -> l != language()).toList();
    }

    /**
     * A navigation link.
     *
     * @param href    the path
     * @param label   message key of its label
     * @param current whether it is the current page
     */
    public record NavLink(String href, String label, boolean current) {
    }
}
