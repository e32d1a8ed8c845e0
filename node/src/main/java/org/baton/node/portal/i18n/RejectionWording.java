package org.baton.node.portal.i18n;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Why an import refused a row, in the reader's language: the wording of its code ({@code import.reason.<code>})
 * filled with its facts, or its English reason when it has no code the portal knows (a run stored before rejections
 * had codes) or facts that do not fit.
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
            Map.entry("before", 3),
            // Given by the format readers and the merge, not by a field check.
            Map.entry("csv.unclosedQuote", 0),
            Map.entry("csv.tooLong", 1),
            Map.entry("calpads.notAFile", 0),
            Map.entry("file.empty", 0),
            Map.entry("columns.missing", 0),
            Map.entry("columns.missing.row", 0),
            Map.entry("segment", 1),
            Map.entry("awardYear", 1),
            Map.entry("gender", 0),
            Map.entry("yesNoOrEmpty", 0),
            Map.entry("race", 0),
            Map.entry("language", 1),
            Map.entry("notInYear", 3),
            Map.entry("requiredWhen", 1),
            Map.entry("exitCode", 1),
            Map.entry("gpaAbove5", 1),
            Map.entry("gpaRange", 1),
            Map.entry("gpaThousandths", 1),
            Map.entry("cdsOrIpeds", 1),
            Map.entry("https", 1),
            Map.entry("year", 1),
            Map.entry("gradeLevel.record", 1),
            Map.entry("academicYear.record", 1),
            Map.entry("termType", 0),
            Map.entry("ssidOrLocalId", 0),
            Map.entry("json.notARecord", 1),
            Map.entry("json.agStatus", 0),
            Map.entry("json.noStudent", 0),
            Map.entry("oneroster.fileMissing", 0),
            Map.entry("oneroster.version", 1),
            Map.entry("oneroster.orgType", 1),
            Map.entry("oneroster.sessionType", 1),
            Map.entry("oneroster.unknownTerm", 1),
            Map.entry("oneroster.unknownCourse", 1),
            Map.entry("oneroster.unknownOrg", 1),
            Map.entry("oneroster.orgWithoutCds", 1),
            Map.entry("oneroster.sex", 0),
            Map.entry("oneroster.unknownClass", 1),
            Map.entry("oneroster.maxNotAboveMin", 0),
            Map.entry("oneroster.unknownStudent", 1),
            Map.entry("oneroster.scoreOutOfRange", 3),
            Map.entry("pesc.doctype", 0),
            Map.entry("pesc.tooDeep", 3),
            Map.entry("pesc.tooManyElements", 3),
            Map.entry("pesc.tooMuchText", 3),
            Map.entry("pesc.notWellFormed", 1),
            Map.entry("pesc.noStudent", 0),
            Map.entry("pesc.noTerm", 0),
            Map.entry("pesc.personId", 0),
            Map.entry("pesc.gpaDate", 0),
            Map.entry("pesc.sessionDesignator", 1),
            Map.entry("studentUnknown", 0),
            Map.entry("conflicts", 1),
            Map.entry("differs", 2),
            Map.entry("storeRefused", 2));

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
        if (code.equals("before") || code.equals("differs")) {
            // Words the messages know ("the start date", "birth date"), or the input's own field name.
            args[1] = m.tOrElse("import.reason." + code + "." + facts.get(1).replace(' ', '_'), facts.get(1));
        }
        return m.t("import.reason." + code, args);
    }
}
