package org.baton.node.portal.i18n;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.baton.node.quality.QualityFinding;

/**
 * A data-quality finding in the reader's language: its wording ({@code quality.finding.<message>}) filled with its
 * facts, or its English detail when it has no wording the portal knows (a finding stored before findings had one, or
 * by a newer version), or facts that do not fit it.
 */
public final class FindingWording {

    /** The facts each wording needs. */
    private static final Map<String, Integer> FACTS = Map.ofEntries(
            Map.entry("SSID_CHECK_DIGIT", 0),
            Map.entry("POSSIBLE_DUPLICATE.SAME_NAME_AND_BIRTH_DATE", 2),
            Map.entry("POSSIBLE_DUPLICATE.NAMES_SWAPPED", 4),
            Map.entry("POSSIBLE_DUPLICATE.FIRST_NAME_VARIANT", 4),
            Map.entry("POSSIBLE_DUPLICATE.LAST_NAME_VARIANT", 4),
            Map.entry("POSSIBLE_DUPLICATE.BIRTH_DAY_AND_MONTH_SWAPPED", 4),
            Map.entry("trail.AG_LIST_NOT_LISTED", 5),
            Map.entry("trail.AG_LIST_DIFFERS", 6),
            Map.entry("trail.REPORTED_GPA_DIFFERS", 7),
            Map.entry("trail.REPORTED_GPA_WEIGHTED", 3),
            Map.entry("CUMULATIVE_GPA", 6),
            Map.entry("COURSE_OUTSIDE_ENROLLMENT", 5));

    private FindingWording() {
    }

    /** A finding in the language of {@code m}. */
    public static String of(Messages m, QualityFinding finding) {
        return of(m, finding.message(), finding.facts(), finding.detail());
    }

    /** A finding's wording in the language of {@code m}, or {@code detail}. */
    public static String of(Messages m, String message, List<String> facts, String detail) {
        Integer needs = FACTS.get(message);
        if (needs == null || needs != facts.size()) {
            return detail;
        }
        List<Object> args = new ArrayList<>(facts);
        String key = "quality.finding." + message;
        if (message.startsWith("POSSIBLE_DUPLICATE.")) {
            args.set(1, facts.get(1).isEmpty() ? "" : m.t("quality.finding.localids", facts.get(1)));
        }
        switch (message) {
            case "trail.AG_LIST_NOT_LISTED" -> args.set(4, area(m, facts.get(4)));
            case "trail.AG_LIST_DIFFERS" -> {
                args.set(4, area(m, facts.get(4)));
                args.set(5, area(m, facts.get(5)));
            }
            case "trail.REPORTED_GPA_DIFFERS" -> {
                args.set(0, m.tOrElse("gpakind." + facts.get(0), facts.get(0)));
                args.set(2, facts.get(2).isEmpty() ? m.t("quality.finding.asof.none")
                        : m.t("quality.finding.asof", facts.get(2)));
            }
            case "trail.REPORTED_GPA_WEIGHTED" -> {
                String[] weighted = facts.get(2).split("/", -1);
                if (weighted.length != 2) {
                    return detail;
                }
                args.set(2, weighted[0]);
                args.add(weighted[1]);
            }
            case "CUMULATIVE_GPA" -> args.set(1, facts.get(1).isEmpty() ? ""
                    : m.t("quality.finding.cumulative.asof", facts.get(1)));
            case "COURSE_OUTSIDE_ENROLLMENT" -> key += facts.get(0).equals("1") ? ".one" : "";
            default -> { }
        }
        return m.t(key, args.toArray());
    }

    /** An a-g flag's fact ("b", "b+honors", or empty for not a-g) in words. */
    private static String area(Messages m, String fact) {
        if (fact.isEmpty()) {
            return m.t("quality.finding.area.none");
        }
        return fact.endsWith("+honors") ? m.t("quality.finding.area.honors", fact.substring(0, fact.indexOf('+')))
                : m.t("quality.finding.area", fact);
    }
}
