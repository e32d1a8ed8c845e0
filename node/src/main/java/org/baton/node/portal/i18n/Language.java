package org.baton.node.portal.i18n;

import java.util.Locale;
import java.util.Optional;

/** The portal's languages. */
public enum Language {
    ENGLISH("en", "English"),
    SPANISH("es", "Español");

    private final String code;
    private final String nativeName;

    Language(String code, String nativeName) {
        this.code = code;
        this.nativeName = nativeName;
    }

    /** ISO 639-1 code, as in {@code lang="…"} and the language cookie. */
    public String code() {
        return code;
    }

    /** The language's name in itself, for the switch. */
    public String nativeName() {
        return nativeName;
    }

    public Locale locale() {
        return Locale.forLanguageTag(code);
    }

    /** The language with this code, if the portal has it. */
    public static Optional<Language> parse(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (Language l : values()) {
            if (l.code.equalsIgnoreCase(code.strip())) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /**
     * The best language for an {@code Accept-Language} header: the first listed (by quality) that the portal has,
     * English when none.
     */
    public static Language fromAcceptLanguage(String header) {
        if (header == null || header.isBlank() || header.length() > 500) {
            return ENGLISH;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                String tag = range.getRange();
                String primary = tag.contains("-") ? tag.substring(0, tag.indexOf('-')) : tag;
                Optional<Language> l = parse(primary);
                if (l.isPresent()) {
                    return l.get();
                }
            }
        } catch (IllegalArgumentException malformed) {
            return ENGLISH;
        }
        return ENGLISH;
    }
}
