package org.baton.node.portal.i18n;

import java.util.EnumMap;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * The portal's texts in one language, from the bundles {@code org/baton/node/portal/i18n/messages_*.properties}
 * (UTF-8). Placeholders are {@code {0}}, {@code {1}} … and are replaced verbatim (templates escape the result).
 */
public final class Messages {

    private static final Map<Language, Messages> ALL = new EnumMap<>(Language.class);

    static {
        for (Language l : Language.values()) {
            ALL.put(l, new Messages(l, ResourceBundle.getBundle("org.baton.node.portal.i18n.messages", l.locale(),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))));
        }
    }

    private final Language language;
    private final ResourceBundle bundle;

    private Messages(Language language, ResourceBundle bundle) {
        this.language = language;
        this.bundle = bundle;
    }

    public static Messages of(Language language) {
        return ALL.get(Objects.requireNonNull(language, "language"));
    }

    public Language language() {
        return language;
    }

    /** True when the bundle has the key. */
    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    /** Every key, for the test that the languages match. */
    public Set<String> keys() {
        return bundle.keySet();
    }

    /**
     * The text for a key with its placeholders filled.
     *
     * @throws MissingResourceException when the key is missing (a bug the bundle test catches)
     */
    public String t(String key, Object... args) {
        String text = bundle.getString(key);
        return fill(text, args);
    }

    /** The message for {@code key}, or {@code fallback} when this language has no such message. */
    public String tOrElse(String key, String fallback) {
        return bundle.containsKey(key) ? bundle.getString(key) : fallback;
    }

    private static String fill(String message, Object... args) {
        String text = message;
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }
}
