package org.baton.node.portal.i18n;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Why an import refused a row, in the reader's language: the wording of its code ({@code import.reason.<code>})
 * filled with its facts, or its English reason when it has no code the portal knows (a check without a wording yet,
 * a run stored before rejections had codes) or facts that do not fit.
 */
public final class RejectionWording {

    /** The facts each wording needs. */
    private static final Map<String, Integer> FACTS = Map.ofEntries(
            Map.entry("required", 0),
            Map.entry("ssid", 1),
            Map.entry("ssid.notDigits", 1),
            Map.entry("cds", 1),
            Map.entry("ipeds", 1),
            Map.entry("stateCourseCode", 1),
            Map.entry("date", 1),
            Map.entry("date.sensitive", 0),
            Map.entry("realDate", 1),
            Map.entry("realDate.sensitive", 0),
            Map.entry("negative", 1),
            Map.entry("decimals", 2),
            Map.entry("tooLarge", 1),
            Map.entry("number", 1),
            Map.entry("grade", 1),
            Map.entry("agArea", 1),
            Map.entry("flag", 1),
            Map.entry("gradeLevel", 1),
            Map.entry("whole", 2),
            Map.entry("academicYear", 1),
            Map.entry("term", 1),
            Map.entry("oneOf", 2),
            Map.entry("notInDistrict", 2),
            Map.entry("before", 3));

    private RejectionWording() {
    }

    /** The codes this class words: every one has a message in each language. */
    public static Set<String> codes() {
        return FACTS.keySet();
    }

    /** A rejection's reason in the language of {@code m}, or {@code reason} (English). */
    public static String of(Messages m, String code, List<String> facts, String reason) {
        Integer needs = FACTS.get(code);
        if (needs == null || needs != facts.size()) {
            return reason;
        }
        Object[] args = facts.toArray();
        if (code.equals("before")) {
            // The earlier date's name: words the messages know ("the start date"), or the input's own field name.
            args[1] = m.tOrElse("import.reason.before." + facts.get(1).replace(' ', '_'), facts.get(1));
        }
        return m.t("import.reason." + code, args);
    }
}
