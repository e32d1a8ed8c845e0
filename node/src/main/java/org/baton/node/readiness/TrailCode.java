package org.baton.node.readiness;

import java.util.List;

/** The kinds of decisions an evaluation records, each with its message template ({0}, {1} … are the args). */
public enum TrailCode {
    // Reading records.
    RECORD_EXCLUDED("Record {0} from {1} is not evaluated: {2}."),
    DUPLICATE_RECORD("Record {0} from {1} appears twice; the second copy is ignored."),
    DUPLICATE_COLLEGE_COURSE("{0} ({1}) from college {2} appears on more than one transcript; it is counted once, as issued by {3}."),
    RULES_VERSION("{0} rules: the version for cohorts from {1} applies to cohort {2}."),
    RULES_VERSION_FALLBACK("{0} rules: no version covers cohort {1}; the earliest version (cohorts from {2}) is used."),
    COHORT_UNKNOWN("The student's cohort (high-school graduation year) is unknown; cohort {0} is assumed from {1}."),
    GRADE_LEVEL_DERIVED("{0} ({1}): the record gives no grade level; grade {2} is derived from the cohort {3}."),
    TERM_TYPE_UNKNOWN("{0} ({1}): the term type is not given; it is treated as a regular (non-summer) term."),
    AG_LIST_MISSING("No a-g course list for school {0} in {1}; the a-g area and honors flags on its course records are used."),
    AG_LIST_NOT_LISTED("{0} ({1}) is not on school {2}'s a-g list for {3}: not an a-g course, although the record says {4}."),
    AG_LIST_DIFFERS("{0} ({1}) is on school {2}'s a-g list for {3} as {4}; the record says {5}; the list is used."),
    PLANNED_COURSE("{0} ({1}) is a planned course, {2}."),
    GRADE_PENDING("{0} ({1}): no final grade yet ({2})."),

    // Repeats.
    REPEAT_REPLACES("{0}: the {1} of {2} is replaced by the repeat's {3} of {4} (same course)."),
    REPEAT_OF_PASSING_NOT_USED("{0}: repeated in {1} after a {2} in {3}; only D and F may be repeated, so the repeat's {4} is not used."),
    REPEAT_LATEST_USED("{0}: repeated; only the latest grade, {1} of {2}, is used (earlier: {3} of {4})."),

    // a-g.
    AG_CREDITED("{0} ({1}, {2}): {3} semester(s) of area {4}."),
    AG_CREDITED_C_MINUS("{0} ({1}, C-): C- counts as C ({2} ignores +/-); {3} semester(s) of area {4}."),
    AG_PASS_IN_WINDOW("{0} ({1}, {2}): pass/credit grades count for courses of winter 2020 through summer 2021; {3} semester(s) of area {4}."),
    AG_PASS_OUTSIDE_WINDOW("{0} ({1}, {2}): pass/credit grades count only for winter 2020 through summer 2021; not counted."),
    AG_BELOW_MINIMUM("{0} ({1}, {2}): below the minimum {3}; does not satisfy area {4}."),
    AG_NO_PASS("{0} ({1}, {2}): no credit; does not satisfy area {3}."),
    AG_WITHDRAWN("{0} ({1}): withdrawn; not counted."),
    AG_IN_PROGRESS("{0} ({1}): in progress ({2}); counts for area {3} when completed with {4} or better."),
    AG_COLLEGE_YEAR("{0} ({1}, {2} {3} units, {4}): a college course of at least {5} units counts as one year (2 semesters) of area {6}."),
    AG_COLLEGE_SEMESTER("{0} ({1}, {2} {3} units, {4}): under {5} units, counts as one semester of area {6}."),
    AG_COLLEGE_NOT_ACCEPTED("{0} ({1}): the college course is not {2}; not counted toward a-g."),
    AG_MIDDLE_SCHOOL_AREA("{0} ({1}, grade {2}): 7th/8th-grade courses count only in areas {3}; not counted."),
    AG_MIDDLE_SCHOOL_BELOW("{0} ({1}, grade {2}, {3}): 7th/8th-grade courses count only with {4} or better; treated as not taken."),
    AG_LEVEL_ALREADY_CREDITED("{0} ({1}): {2} already has credit for this semester; not counted again."),
    AG_SECOND_SEMESTER_VALIDATES("{0} ({1}): the second semester ({2}) validates the first semester{3} of the same course."),
    AG_VALIDATED_OMISSION("{0}{1}, never taken, is validated by omission by {2} ({3}, {4})."),
    AG_VALIDATED_DEFICIENCY("{0} ({1}, {2}): the {2} is validated by {3} ({4}, {5}); the {2} still counts in the GPA."),
    AG_VALIDATION_PENDING("{0}{1}: would be validated by {2}, which is in progress."),
    AG_VALIDATION_NOT_ALLOWED("{0}{1}: {2} cannot be validated by a higher-level course; it must be completed with an accepted grade."),
    AG_VALIDATOR_EXCLUDED("{0} ({1}) does not validate {2}: {3}."),
    AG_DEFICIENCY_UNCLEARED("{0} ({1}, {2}): the deficiency in area {3} is not cleared (repeat the course{4})."),
    AG_CAP("{0} ({1}): at most {2} semesters of {3} count toward area {4}; this semester does not."),
    AG_OVERFLOW("{0} ({1}): beyond area {2}'s requirement; overflows into g."),
    AG_BORROWED("{0} ({1}), an area {2} course, counts toward area {3}: {4}."),
    AG_COMPONENT_UNMET("Area {0}: {1} — not met{2}."),
    AG_LEVEL_UNMET("Area {0}: {1} is neither completed nor validated."),
    AG_AREA_RESULT("Area {0}: {1} — {2} of {3} semesters completed, {4} in progress."),
    AG_SENIOR_YEAR("{0} of {1} yearlong a-g courses completed before the senior year ({2} semesters{3})."),
    AG_TOTAL("{0} of {1} yearlong a-g courses completed{2}."),

    // GPAs.
    GPA_GRADE("{0} ({1}, grade {2}, {3}): {4} point(s) x {5}{6}."),
    GPA_OUTSIDE_WINDOW("{0} ({1}, grade {2}): outside the window ({3}); not in the GPA."),
    GPA_NOT_LETTER("{0} ({1}, {2}): not a letter grade; not in the GPA."),
    GPA_NOT_AG("{0} ({1}): not an a-g course for {2}; not in the GPA."),
    GPA_CATEGORY_EXCLUDED("{0} ({1}): {2} courses are excluded."),
    GPA_CATEGORY_ASSUMED("{0} ({1}): no course category on the record; treated as academic."),
    GPA_HONORS_CAPPED("{0} ({1}): honors point not in the capped GPA — {2}."),
    GPA_RESULT("{0}: {1} grade(s), {2} grade points, {3} honors point(s) ({4} within caps) → unweighted {5}, capped weighted {6}, fully weighted {7}; minimum {8}: {9}."),
    GPA_NO_GRADES("{0}: no grades in the window ({1})."),
    CAL_GRANT_RESULT("Cal Grant GPA: {0} grade(s), {1} grade points → {2} (rounded to the nearest hundredth); Cal Grant A needs {3}: {4}; Cal Grant B needs {5}: {6}."),
    REPORTED_GPA_AGREES("{0} reported by {1} ({2}): {3}; Baton computes {4}."),
    REPORTED_GPA_DIFFERS("{0} reported by {1} ({2}): {3}; Baton computes {4} — a difference of {5}, more than {6}."),
    REPORTED_GPA_NOT_COMPUTED("{0} reported by {1} ({2}): {3}; Baton does not compute this GPA."),
    REPORTED_GPA_WEIGHTED("Cal Grant GPA reported by {0} is {1}: above 4.00 or matching a weighted GPA ({2}); CSAC needs the unweighted GPA."),

    // Transfer.
    TRANSFER_COURSE("{0} ({1}, {2}, {3} {4} units): {5}."),
    TRANSFER_REPEAT("{0}: repeated; units and grade of {1} are used, {2} is not."),
    TRANSFER_UNITS("{0}: {1} semester units{2}."),
    TRANSFER_GPA("{0}: {1} grade points over {2} graded units → {3}."),
    TRANSFER_PATTERN_CHOSEN("GE pattern: {0} ({1})."),
    TRANSFER_SLOT("{0}: {1} fills {2}."),
    TRANSFER_SLOT_EMPTY("{0}: {1} is not filled{2}."),
    TRANSFER_GROUP_UNMET("{0}: {1} — not met."),
    TRANSFER_ADT("ADT: {0}."),
    TRANSFER_UC("UC transfer: {0}."),
    TRANSFER_TAG("TAG {0} (GPA {1}): {2}."),
    TRANSFER_TAG_ONE_CAMPUS("TAG: {0} TAG applications on record; a student may file a TAG with one campus only."),

    // Aid and applications.
    AID_STATUS("{0} for {1}: {2}{3}."),
    AID_CONFIRMATION("Ed Code 51225.7 (seniors): {0}."),
    AID_UPLOAD("Cal Grant GPA upload: {0}."),
    AID_APPLICATION("{0} application to {1} for {2}: {3}{4}."),
    AID_DEADLINE("{0}: {1}{2} ({3} day(s) from {4})."),
    AID_PAST("{0}: the deadline {1} has passed.");

    private final String template;

    TrailCode(String template) {
        this.template = template;
    }

    /** The message template; {0}, {1} … stand for the entry's args. */
    public String template() {
        return template;
    }

    /** The template with its placeholders replaced by the args. */
    public String render(List<Object> args) {
        StringBuilder out = new StringBuilder(template.length() + 32 * args.size());
        int n = template.length();
        for (int i = 0; i < n; i++) {
            char c = template.charAt(i);
            if (c == '{' && i + 2 < n && template.charAt(i + 2) == '}' && Character.isDigit(template.charAt(i + 1))) {
                int index = template.charAt(i + 1) - '0';
                out.append(index < args.size() ? String.valueOf(args.get(index)) : "?");
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
