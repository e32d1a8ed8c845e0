package org.baton.node.portal.i18n;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The readiness rules' texts (requirement labels, course levels, GPA windows, deadlines, GE pattern areas) in the
 * portal's languages. The rules are written in English; another language translates them in
 * {@code org/baton/node/portal/i18n/rule-texts_<code>.yaml}, keyed by the English text, so a rule whose wording
 * changes shows its new English until it is translated again, never an outdated translation.
 */
public final class RuleTexts {

    private static final Map<Language, Map<String, String>> ALL = new EnumMap<>(Language.class);

    static {
        for (Language l : Language.values()) {
            ALL.put(l, l == Language.ENGLISH ? Map.of() : load(l));
        }
    }

    private RuleTexts() {
    }

    /** {@code english} in {@code language}, or {@code english} itself when it has no translation. */
    public static String in(Language language, String english) {
        Objects.requireNonNull(english, "english");
        return ALL.get(Objects.requireNonNull(language, "language")).getOrDefault(english, english);
    }

    /** The translations of one language, English text to translation (for the test that they are complete). */
    public static Map<String, String> translations(Language language) {
        return ALL.get(Objects.requireNonNull(language, "language"));
    }

    private static Map<String, String> load(Language language) {
        String resource = "rule-texts_" + language.code() + ".yaml";
        try (InputStream in = RuleTexts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the portal's " + resource + " is missing");
            }
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            return Map.copyOf(yaml.readValue(in,
                    new TypeReference<Map<String, String>>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the portal's " + resource, e);
        }
    }
}
