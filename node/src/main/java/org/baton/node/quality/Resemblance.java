package org.baton.node.quality;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How two students' identities are alike enough that they may be one person under two records: what a registrar
 * checks before merging them in the SIS.
 *
 * <p>Each kind allows one of the slips a duplicate record usually comes from, and no more: the birth date must be
 * the same for a name to differ, and the names must be the same for the birth date to differ. A birth date mistyped
 * in any other way than day and month swapped is not looked for: among students of one name, too many are born a
 * digit apart. Two records that both give a gender and differ in it, or both give middle names that differ (an
 * initial matches its name), are never one person.
 */
public enum Resemblance {

    /** The same legal first and last name and birth date. */
    SAME_NAME_AND_BIRTH_DATE,
    /** The same birth date, one's first name the other's last and the other way round. */
    NAMES_SWAPPED,
    /**
     * The same last name and birth date, and first names one letter apart (two for long names), one the start of the
     * other ("Alex", "Alexander"; "María", "María José"), or a name and its usual short form ("William", "Bill").
     */
    FIRST_NAME_VARIANT,
    /**
     * The same first name and birth date, and last names one letter apart (two for long names), or one of them a
     * part of the other ("García", "García López").
     */
    LAST_NAME_VARIANT,
    /** The same name, and birth dates with day and month swapped (2009-04-03 and 2009-03-04). */
    BIRTH_DAY_AND_MONTH_SWAPPED;

    /**
     * Given names and their usual short forms, English and Spanish, as {@linkplain org.baton.node.student.Names#forMatching normalised}: a
     * short form that is the start of its name ("Alex", "Alexander") needs no entry.
     */
    private static final Map<String, Set<String>> SHORT_FORMS = Map.ofEntries(
            Map.entry("WILLIAM", Set.of("BILL", "BILLY", "LIAM")),
            Map.entry("ROBERT", Set.of("BOB", "BOBBY")),
            Map.entry("RICHARD", Set.of("RICK", "RICKY", "DICK")),
            Map.entry("JAMES", Set.of("JIM", "JIMMY")),
            Map.entry("JOHN", Set.of("JACK", "JOHNNY")),
            Map.entry("JONATHAN", Set.of("JON", "JONNY")),
            Map.entry("MICHAEL", Set.of("MIKE", "MIKEY")),
            Map.entry("ANTHONY", Set.of("TONY")),
            Map.entry("JOSEPH", Set.of("JOE", "JOEY")),
            Map.entry("THOMAS", Set.of("TOM", "TOMMY")),
            Map.entry("CHRISTOPHER", Set.of("CHRIS", "KRIS")),
            Map.entry("NICHOLAS", Set.of("NICK", "NICKY")),
            Map.entry("EDWARD", Set.of("ED", "EDDIE", "TED")),
            Map.entry("ELIZABETH", Set.of("LIZ", "LIZZIE", "BETH", "BETSY", "ELIZA")),
            Map.entry("MARGARET", Set.of("MAGGIE", "PEGGY", "MEG")),
            Map.entry("KATHERINE", Set.of("KATE", "KATIE", "KATHY")),
            Map.entry("CATHERINE", Set.of("CATHY", "CATE", "KATIE")),
            Map.entry("REBECCA", Set.of("BECKY", "BECCA")),
            Map.entry("JENNIFER", Set.of("JENNY", "JEN")),
            Map.entry("ALEXANDRA", Set.of("SASHA", "LEXI")),
            Map.entry("ALEJANDRO", Set.of("ALEX")),
            Map.entry("ALEJANDRA", Set.of("ALE")),
            Map.entry("JOSE", Set.of("PEPE", "CHEPE")),
            Map.entry("FRANCISCO", Set.of("PANCHO", "PACO", "FRANK")),
            Map.entry("GUADALUPE", Set.of("LUPE", "LUPITA")),
            Map.entry("JESUS", Set.of("CHUY", "CHUCHO")),
            Map.entry("IGNACIO", Set.of("NACHO")),
            Map.entry("ENRIQUE", Set.of("KIKE", "QUIQUE")),
            Map.entry("EDUARDO", Set.of("LALO")),
            Map.entry("ROSARIO", Set.of("CHARO")),
            Map.entry("CONCEPCION", Set.of("CONCHA", "CONCHITA")),
            Map.entry("DOLORES", Set.of("LOLA")),
            Map.entry("MERCEDES", Set.of("MECHE")),
            Map.entry("MANUEL", Set.of("MANNY", "MANOLO")),
            Map.entry("GUILLERMO", Set.of("MEMO", "WILLY")),
            Map.entry("ROBERTO", Set.of("BETO")),
            Map.entry("ALBERTO", Set.of("BETO")),
            Map.entry("ANTONIO", Set.of("TONO", "TONY")),
            Map.entry("RAFAEL", Set.of("RAFA")),
            Map.entry("SANTIAGO", Set.of("SANTI")));

    /**
     * How {@code one} and {@code other} are alike, if they may be one person.
     */
    public static Optional<Resemblance> between(Identity one, Identity other) {
        if (!one.couldBeOnePersonWith(other)) {
            return Optional.empty();
        }
        if (one.birthDay() == other.birthDay()) {
            return sameBirthDate(one, other);
        }
        if (one.first().equals(other.first()) && one.last().equals(other.last())
                && swappedDayAndMonth(one.birthDate(), other.birthDate())) {
            return Optional.of(BIRTH_DAY_AND_MONTH_SWAPPED);
        }
        return Optional.empty();
    }

    private static Optional<Resemblance> sameBirthDate(Identity one, Identity other) {
        boolean sameFirst = one.first().equals(other.first());
        boolean sameLast = one.last().equals(other.last());
        if (sameFirst && sameLast) {
            return Optional.of(SAME_NAME_AND_BIRTH_DATE);
        }
        if (sameLast && firstNamesAlike(one.first(), other.first())) {
            return Optional.of(FIRST_NAME_VARIANT);
        }
        if (sameFirst && !one.first().isEmpty() && lastNamesAlike(one, other)) {
            return Optional.of(LAST_NAME_VARIANT);
        }
        if (!one.first().isEmpty() && one.first().equals(other.last()) && one.last().equals(other.first())) {
            return Optional.of(NAMES_SWAPPED);
        }
        return Optional.empty();
    }

    static boolean firstNamesAlike(String one, String other) {
        if (one.isEmpty() || other.isEmpty()) {
            return false;
        }
        String shorter = one.length() <= other.length() ? one : other;
        String longer = shorter == one ? other : one;
        if (shorter.length() >= 3 && longer.startsWith(shorter)) {
            return true;
        }
        if (SHORT_FORMS.getOrDefault(longer, Set.of()).contains(shorter)
                || SHORT_FORMS.getOrDefault(shorter, Set.of()).contains(longer)) {
            return true;
        }
        return lettersApart(shorter, longer);
    }

    static boolean lastNamesAlike(Identity one, Identity other) {
        if (one.lastWords().containsAll(other.lastWords()) || other.lastWords().containsAll(one.lastWords())) {
            return true; // "García" and "García López", "Cruz" and "de la Cruz"
        }
        String shorter = one.last().length() <= other.last().length() ? one.last() : other.last();
        return lettersApart(shorter, shorter == one.last() ? other.last() : one.last());
    }

    /**
     * Whether two different names are a slip of the keyboard apart: one letter added, dropped, changed, or two
     * neighbours swapped, for names of four letters or more; up to two such slips for names of eight or more.
     */
    private static boolean lettersApart(String shorter, String longer) {
        int allowed = shorter.length() >= 8 ? 2 : shorter.length() >= 4 ? 1 : 0;
        return allowed > 0 && longer.length() - shorter.length() <= allowed
                && distance(shorter, longer, allowed) <= allowed;
    }

    /**
     * The optimal string alignment distance (insertions, deletions, substitutions and swaps of neighbours), or
     * {@code limit + 1} once it is known to exceed {@code limit}.
     */
    static int distance(String a, String b, int limit) {
        int n = a.length();
        int m = b.length();
        int[] before = new int[m + 1];
        int[] previous = new int[m + 1];
        int[] current = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, before[j - 2] + 1);
                }
                current[j] = best;
                rowMin = Math.min(rowMin, best);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] spare = before;
            before = previous;
            previous = current;
            current = spare;
        }
        return Math.min(previous[m], limit + 1);
    }

    private static boolean swappedDayAndMonth(LocalDate one, LocalDate other) {
        return one.getYear() == other.getYear() && one.getDayOfMonth() != one.getMonthValue()
                && one.getDayOfMonth() == other.getMonthValue() && one.getMonthValue() == other.getDayOfMonth();
    }
}
