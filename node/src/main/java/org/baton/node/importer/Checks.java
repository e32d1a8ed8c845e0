package org.baton.node.importer;

import java.util.Locale;
import org.baton.proto.v1.AgArea;
import org.baton.proto.v1.Term;
import org.baton.proto.v1.TermCalendar;
import org.baton.proto.v1.TermType;

/**
 * Field validation shared by every format. Each check returns the value in Baton's canonical form, or records a
 * problem (field and reason) and returns a sentinel ({@code null}, {@code -1}). Reasons never repeat a sensitive
 * value; where a value is not sensitive (a grade, a CDS code, a term code) they quote it.
 */
final class Checks {

    static final String REQUIRED = "required, but empty";

    private Checks() {
    }

    /** A non-empty value, or a problem. */
    static String required(RowProblems p, String field, String value) {
        if (value.isEmpty()) {
            p.add(field, REQUIRED);
            return null;
        }
        return value;
    }

    /** A 10-digit SSID; empty is allowed only when not required (returns ""). */
    static String ssid(RowProblems p, String field, String value, boolean required) {
        if (value.isEmpty()) {
            if (required) {
                p.add(field, REQUIRED);
                return null;
            }
            return "";
        }
        if (value.length() != 10 || !digits(value)) {
            p.add(field, "an SSID is exactly 10 digits (got " + describe(value) + ")",
                    digits(value) ? "ssid" : "ssid.notDigits", Integer.toString(value.length()));
            return null;
        }
        return value;
    }

    /** A 14-digit CDS code; empty is allowed only when not required (returns ""). */
    static String cds(RowProblems p, String field, String value, boolean required) {
        if (value.isEmpty()) {
            if (required) {
                p.add(field, REQUIRED);
                return null;
            }
            return "";
        }
        if (value.length() != 14 || !digits(value)) {
            p.add(field, "'" + value + "' is not a 14-digit CDS code", "cds", value);
            return null;
        }
        return value;
    }

    /** A 6-digit IPEDS unit id. */
    static String ipeds(RowProblems p, String field, String value, boolean required) {
        if (value.isEmpty()) {
            if (required) {
                p.add(field, REQUIRED);
                return null;
            }
            return "";
        }
        if (value.length() != 6 || !digits(value)) {
            p.add(field, "'" + value + "' is not a 6-digit IPEDS unit id", "ipeds", value);
            return null;
        }
        return value;
    }

    /**
     * Records that the date {@code later} is before {@code earlier}; {@code what} names the earlier one, in words
     * ("the start date") or as the input's field name.
     */
    static void before(RowProblems p, String field, String later, String earlier, String what) {
        p.add(field, "'" + later + "' is before " + what + " '" + earlier + "'", "before", later, what, earlier);
    }

    /** Records that {@code school} (a CDS code) is not a school of the importing district ({@code district}, 7 digits). */
    static void notInDistrict(RowProblems p, String field, String school, String district) {
        String shown = district.substring(0, 2) + "-" + district.substring(2);
        p.add(field, "school '" + school + "' is not in the importing district (CDS " + shown + ")", "notInDistrict",
                school, shown);
    }

    /** A 4-digit CALPADS state course code; empty allowed when not required. */
    static String stateCourseCode(RowProblems p, String field, String value, boolean required) {
        if (value.isEmpty()) {
            if (required) {
                p.add(field, REQUIRED);
                return null;
            }
            return "";
        }
        if (value.length() != 4 || !digits(value)) {
            p.add(field, "'" + value + "' is not a 4-digit state course code", "stateCourseCode", value);
            return null;
        }
        return value;
    }

    /**
     * A real calendar date in {@code YYYY-MM-DD}, {@code YYYYMMDD} or {@code MM/DD/YYYY}, returned as
     * {@code YYYY-MM-DD}. Empty is allowed when not required (returns "").
     *
     * @param sensitive when true the reason does not quote the value (dates of birth)
     */
    static String date(RowProblems p, String field, String value, boolean required, boolean sensitive) {
        if (value.isEmpty()) {
            if (required) {
                p.add(field, REQUIRED);
                return null;
            }
            return "";
        }
        int y;
        int m;
        int d;
        boolean iso = false;
        int len = value.length();
        // A date-time (OneRoster allows one) is cut to its date.
        if (len > 10 && value.charAt(4) == '-' && value.charAt(10) == 'T') {
            value = value.substring(0, 10);
            len = 10;
        }
        if (len == 10 && value.charAt(4) == '-' && value.charAt(7) == '-') {
            y = number(value, 0, 4);
            m = number(value, 5, 7);
            d = number(value, 8, 10);
            iso = true;
        } else if (len == 8) {
            y = number(value, 0, 4);
            m = number(value, 4, 6);
            d = number(value, 6, 8);
        } else if (len == 10 && value.charAt(2) == '/' && value.charAt(5) == '/') {
            m = number(value, 0, 2);
            d = number(value, 3, 5);
            y = number(value, 6, 10);
        } else {
            p.add(field, (sensitive ? "the value" : "'" + value + "'")
                    + " is not a date (expected YYYY-MM-DD, YYYYMMDD or MM/DD/YYYY)",
                    sensitive ? "date.sensitive" : "date", sensitive ? new String[0] : new String[] {value});
            return null;
        }
        if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) {
            p.add(field, (sensitive ? "the value" : "'" + value + "'") + " is not a real date",
                    sensitive ? "realDate.sensitive" : "realDate", sensitive ? new String[0] : new String[] {value});
            return null;
        }
        if (iso) {
            return value;
        }
        char[] out = {
            digit(y / 1000), digit(y / 100 % 10), digit(y / 10 % 10), digit(y % 10), '-',
            digit(m / 10), digit(m % 10), '-', digit(d / 10), digit(d % 10)};
        return new String(out);
    }

    /**
     * A non-negative decimal with at most two places (credits, units), in hundredths; 0 when empty and not
     * required; -1 on a problem.
     */
    static int hundredths(RowProblems p, String field, String value, boolean required) {
        return fixed(p, field, value, required, 2);
    }

    /** A non-negative decimal with at most three places (GPAs), in thousandths; -1 on a problem. */
    static int thousandths(RowProblems p, String field, String value, boolean required) {
        return fixed(p, field, value, required, 3);
    }

    private static int fixed(RowProblems p, String field, String value, boolean required, int places) {
        if (value.isEmpty()) {
            if (required) {
                p.add(field, REQUIRED);
                return -1;
            }
            return 0;
        }
        if (value.charAt(0) == '-') {
            p.add(field, "'" + value + "' is negative; it must be 0 or more", "negative", value);
            return -1;
        }
        long whole = 0;
        int frac = 0;
        int fracDigits = 0;
        boolean dot = false;
        boolean any = false;
        for (int i = value.charAt(0) == '+' ? 1 : 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '.' && !dot) {
                dot = true;
            } else if (c >= '0' && c <= '9') {
                any = true;
                if (dot) {
                    if (++fracDigits > places) {
                        if (c != '0') {
                            p.add(field, "'" + value + "' has more than " + places + " decimal places",
                                    "decimals", value, Integer.toString(places));
                            return -1;
                        }
                        continue;
                    }
                    frac = frac * 10 + (c - '0');
                } else {
                    whole = whole * 10 + (c - '0');
                    if (whole > 1_000_000) {
                        p.add(field, "'" + value + "' is too large", "tooLarge", value);
                        return -1;
                    }
                }
            } else {
                p.add(field, "'" + value + "' is not a number", "number", value);
                return -1;
            }
        }
        if (!any) {
            p.add(field, "'" + value + "' is not a number", "number", value);
            return -1;
        }
        for (int i = Math.min(fracDigits, places); i < places; i++) {
            frac *= 10;
        }
        int scale = places == 2 ? 100 : 1000;
        return (int) (whole * scale + frac);
    }

    /** A grade on the institution's scale, canonical form. */
    static String grade(RowProblems p, String field, String value, GradeScale scale) {
        if (value.isEmpty()) {
            p.add(field, REQUIRED);
            return null;
        }
        String g = scale.canonical(value);
        if (g == null) {
            p.add(field, "'" + value + "' is not on the institution's grade scale", "grade", value);
        }
        return g;
    }

    /** An a-g area letter A-G (either case); empty or N means not an a-g course. */
    static AgArea agArea(RowProblems p, String field, String value) {
        if (value.isEmpty()) {
            return AgArea.AG_NONE;
        }
        if (value.length() == 1) {
            switch (Character.toUpperCase(value.charAt(0))) {
                case 'A': return AgArea.AG_A_HISTORY;
                case 'B': return AgArea.AG_B_ENGLISH;
                case 'C': return AgArea.AG_C_MATH;
                case 'D': return AgArea.AG_D_SCIENCE;
                case 'E': return AgArea.AG_E_LANGUAGE;
                case 'F': return AgArea.AG_F_ARTS;
                case 'G': return AgArea.AG_G_ELECTIVE;
                case 'N': return AgArea.AG_NONE;
                default: break;
            }
        }
        p.add(field, "'" + value + "' is not an a-g area (A to G, or N or empty for none)", "agArea", value);
        return null;
    }

    /** Y/N, true/false, 1/0 (either case); empty is false. Returns null on a problem. */
    static Boolean flag(RowProblems p, String field, String value) {
        switch (value.toUpperCase(Locale.ROOT)) {
            case "": case "N": case "NO": case "FALSE": case "0": return Boolean.FALSE;
            case "Y": case "YES": case "TRUE": case "1": return Boolean.TRUE;
            default:
                p.add(field, "'" + value + "' is not a yes/no flag (Y or N)", "flag", value);
                return null;
        }
    }

    /** A grade level 7 to 12 ("07" or "7"); -1 on a problem; 0 when empty and not required. */
    static int gradeLevel(RowProblems p, String field, String value, boolean required) {
        if (value.isEmpty()) {
            if (required) {
                p.add(field, REQUIRED);
                return -1;
            }
            return 0;
        }
        int g = value.length() <= 2 && digits(value) ? Integer.parseInt(value) : -1;
        if (g < 7 || g > 12) {
            p.add(field, "'" + value + "' is not a grade level from 07 to 12 (Baton holds grades 7-12)", "gradeLevel",
                    value);
            return -1;
        }
        return g;
    }

    /** A positive whole number with at most {@code maxDigits} digits; 0 when empty and not required; -1 on a problem. */
    static int whole(RowProblems p, String field, String value, boolean required, int maxDigits) {
        if (value.isEmpty()) {
            if (required) {
                p.add(field, REQUIRED);
                return -1;
            }
            return 0;
        }
        if (value.length() > maxDigits || !digits(value)) {
            p.add(field, "'" + value + "' is not a whole number of at most " + maxDigits + " digits", "whole", value,
                    Integer.toString(maxDigits));
            return -1;
        }
        return Integer.parseInt(value);
    }

    /**
     * An academic year as CALPADS writes it ({@code 2024-2025}), or {@code 2024-25}, or the first year alone;
     * returns the first year, -1 on a problem.
     */
    static int academicYear(RowProblems p, String field, String value) {
        if (value.isEmpty()) {
            p.add(field, REQUIRED);
            return -1;
        }
        int first = value.length() >= 4 ? number(value, 0, 4) : -1;
        boolean ok;
        if (value.length() == 4) {
            ok = first >= 0;
        } else if (value.length() == 9 && value.charAt(4) == '-') {
            ok = first >= 0 && number(value, 5, 9) == first + 1;
        } else if (value.length() == 7 && value.charAt(4) == '-') {
            ok = first >= 0 && number(value, 5, 7) == (first + 1) % 100;
        } else {
            ok = false;
        }
        if (!ok || first < 1950 || first > 2150) {
            p.add(field, "'" + value + "' is not an academic year like 2024-2025", "academicYear", value);
            return -1;
        }
        return first;
    }

    /**
     * A term from a CALPADS-style academic term code: FY, S1, S2, Q1-Q4, T1-T3, SU (summer), IS (intersession).
     * Returns null (and a problem) for any other code.
     */
    static Term term(RowProblems p, String field, String code, int academicYear) {
        TermType type;
        TermCalendar calendar;
        switch (code.toUpperCase(Locale.ROOT)) {
            case "FY": type = TermType.FULL_YEAR; calendar = TermCalendar.SEMESTER; break;
            case "S1": type = TermType.FALL; calendar = TermCalendar.SEMESTER; break;
            case "S2": type = TermType.SPRING; calendar = TermCalendar.SEMESTER; break;
            case "Q1": case "Q2": type = TermType.FALL; calendar = TermCalendar.QUARTER; break;
            case "Q3": case "Q4": type = TermType.SPRING; calendar = TermCalendar.QUARTER; break;
            case "T1": type = TermType.FALL; calendar = TermCalendar.TRIMESTER; break;
            case "T2": type = TermType.WINTER; calendar = TermCalendar.TRIMESTER; break;
            case "T3": type = TermType.SPRING; calendar = TermCalendar.TRIMESTER; break;
            case "SU": type = TermType.SUMMER; calendar = TermCalendar.SEMESTER; break;
            case "IS": type = TermType.WINTER; calendar = TermCalendar.SEMESTER; break;
            default:
                if (code.isEmpty()) {
                    p.add(field, REQUIRED);
                } else {
                    p.add(field, "'" + code + "' is not a known term code (FY, S1, S2, Q1-Q4, T1-T3, SU, IS)", "term",
                            code);
                }
                return null;
        }
        return Term.newBuilder()
                .setAcademicYear(academicYear)
                .setType(type)
                .setCode(code.toUpperCase(Locale.ROOT))
                .setCalendar(calendar)
                .build();
    }

    /**
     * Spellings already matched, by enum type, prefix and spelling: most columns repeat a handful of values. Nested
     * maps, so a lookup builds no key.
     */
    private static final java.util.concurrent.ConcurrentHashMap<Class<?>,
            java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.ConcurrentHashMap<String, Enum<?>>>>
            MATCHED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MATCHED_PER_TYPE = 1_000;

    /** The constant of {@code type} named {@code value} (either case, with optional prefix), or null and a problem. */
    static <E extends Enum<E>> E oneOf(RowProblems p, String field, String value, Class<E> type, String prefix,
            boolean required) {
        if (value.isEmpty()) {
            if (required) {
                p.add(field, REQUIRED);
            }
            return null;
        }
        java.util.concurrent.ConcurrentHashMap<String, Enum<?>> spellings = MATCHED
                .computeIfAbsent(type, t -> new java.util.concurrent.ConcurrentHashMap<>())
                .computeIfAbsent(prefix, x -> new java.util.concurrent.ConcurrentHashMap<>());
        Enum<?> hit = spellings.get(value);
        if (hit != null) {
            return type.cast(hit);
        }
        E found = match(p, field, value, type, prefix);
        if (found != null && spellings.size() < MATCHED_PER_TYPE) {
            spellings.put(value, found);
        }
        return found;
    }

    private static <E extends Enum<E>> E match(RowProblems p, String field, String value, Class<E> type,
            String prefix) {
        String wanted = value.toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        StringBuilder names = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            String name = e.name();
            if (name.endsWith("_UNSPECIFIED") || name.equals("UNRECOGNIZED")) {
                continue;
            }
            String shortName = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
            if (name.equals(wanted) || shortName.equals(wanted)) {
                return e;
            }
            if (names.length() > 0) {
                names.append(", ");
            }
            names.append(shortName);
        }
        p.add(field, "'" + value + "' is not one of " + names, "oneOf", value, names.toString());
        return null;
    }

    static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** How a rejected sensitive value looked, without repeating it. */
    static String describe(String value) {
        return value.length() + " characters" + (digits(value) ? "" : ", not all digits");
    }

    private static int number(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static char digit(int d) {
        return (char) ('0' + d);
    }

    static int daysIn(int y, int m) {
        switch (m) {
            case 2: return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4: case 6: case 9: case 11: return 30;
            default: return 31;
        }
    }
}
