package org.baton.node.quality;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.baton.node.readiness.AgCourseLists;
import org.baton.node.readiness.ReadinessEngine;
import org.baton.node.readiness.ReadinessInput;
import org.baton.node.readiness.ReadinessReport;
import org.baton.node.readiness.TrailCode;
import org.baton.node.readiness.TrailEntry;
import org.baton.node.readiness.TrailFacts;
import org.baton.node.readiness.TrailScope;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.Enrollment;
import org.baton.proto.v1.GpaKind;
import org.baton.proto.v1.ReportedGpa;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;
import org.baton.proto.v1.TermType;

/**
 * Runs every {@link QualityRule} over one student's record. The a-g list and reported-GPA rules read the readiness
 * engine's explanation trail, so a registrar sees the same judgement a counselor's readiness page explains.
 *
 * <p>Thread-safe when the engine and the lookalike lookup are.
 */
public final class QualityChecker {

    /** Finds the students a node holds that may be one person with a given one. */
    @FunctionalInterface
    public interface Lookalikes {

        /**
         * The students other than {@code self} that may be one person with {@code student}, and how they are alike
         * ({@link Resemblance}); none when the record gives no last name or no valid birth date.
         */
        List<Lookalike> of(StudentId self, Student student);

        /**
         * Forgets what was read of the students so far: the next lookup sees them as they are now. A scan calls it
         * before it checks the first student.
         */
        default void refresh() {
        }
    }

    /**
     * Another student who may be one person with the one checked.
     *
     * @param id          the node's id for them
     * @param localIds    their local ids
     * @param student     their identity, as the finding names it
     * @param resemblance how the two are alike
     */
    public record Lookalike(StudentId id, List<String> localIds, Student student, Resemblance resemblance) {
        public Lookalike {
            Objects.requireNonNull(id, "id");
            localIds = List.copyOf(localIds);
            Objects.requireNonNull(student, "student");
            Objects.requireNonNull(resemblance, "resemblance");
        }
    }

    /** The student of a received record's findings ({@link #checkReceived}): none of the node's. */
    public static final StudentId RECEIVED = new StudentId(1);

    private final ReadinessEngine engine;
    private final AgCourseLists agLists;
    private final QualityOptions options;
    private final Lookalikes lookalikes;

    public QualityChecker(ReadinessEngine engine, AgCourseLists agLists, QualityOptions options,
            Lookalikes lookalikes) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.agLists = Objects.requireNonNull(agLists, "agLists");
        this.options = Objects.requireNonNull(options, "options");
        this.lookalikes = Objects.requireNonNull(lookalikes, "lookalikes");
    }

    /** Makes the next checks compare each student with the others as they are now ({@link Lookalikes#refresh}). */
    public void refresh() {
        lookalikes.refresh();
    }

    /** What the rules find in {@code record}, the node's record of {@code student}, as of {@code asOf}. */
    public List<QualityFinding> check(StudentId student, StudentRecord record, LocalDate asOf) {
        Objects.requireNonNull(student, "student");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(asOf, "asOf");
        List<QualityFinding> found = new ArrayList<>(0);
        if (options.ssidCheckDigit()) {
            ssidCheckDigit(student, record.getStudent().getSsid(), found);
        }
        duplicates(student, record.getStudent(), found);
        fromReadiness(student, record, asOf, found);
        cumulativeGpa(student, record, found);
        coursesOutsideEnrollment(student, record, found);
        return found;
    }

    /**
     * What the rules that judge a record on its own find in a record another institution sent: a registrar's
     * starting point for a discrepancy report to the sender. Possible duplicates are left out (they are about this
     * node's own students). The record is not one of this node's students: the findings' student is
     * {@link #RECEIVED}, a stand-in.
     */
    public List<QualityFinding> checkReceived(StudentRecord record, LocalDate asOf) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(asOf, "asOf");
        StudentId sender = RECEIVED;
        List<QualityFinding> found = new ArrayList<>(0);
        if (options.ssidCheckDigit()) {
            ssidCheckDigit(sender, record.getStudent().getSsid(), found);
        }
        fromReadiness(sender, record, asOf, found);
        cumulativeGpa(sender, record, found);
        coursesOutsideEnrollment(sender, record, found);
        return List.copyOf(found);
    }

    // ------------------------------------------------------------------------------------------------ the rules

    private static void ssidCheckDigit(StudentId student, String ssid, List<QualityFinding> found) {
        if (ssid.length() != 10 || !ssid.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return; // the importer refuses malformed SSIDs; a record without one has nothing to check
        }
        if (luhn(ssid.substring(0, 9)) != ssid.charAt(9)) {
            found.add(new QualityFinding(QualityRule.SSID_CHECK_DIGIT, student, "",
                    "The SSID's last digit is not the check digit of its first nine (Luhn): a digit was probably "
                            + "mistyped or swapped. Compare it with CALPADS.", QualityRule.SSID_CHECK_DIGIT.name(),
                    List.of()));
        }
    }

    /** The Luhn check digit of {@code digits}. */
    public static char luhn(String digits) {
        int sum = 0;
        boolean twice = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    private void duplicates(StudentId student, Student identity, List<QualityFinding> found) {
        for (Lookalike other : lookalikes.of(student, identity)) {
            if (!other.id().equals(student)) {
                found.add(new QualityFinding(QualityRule.POSSIBLE_DUPLICATE, student, "", duplicate(identity, other),
                        QualityRule.POSSIBLE_DUPLICATE.name() + "." + other.resemblance().name(),
                        duplicateFacts(identity, other)));
            }
        }
    }

    /** What a possible duplicate's finding says: who the other student is, how they are alike, what to do. */
    static String duplicate(Student self, Lookalike other) {
        Student them = other.student();
        String alike = switch (other.resemblance()) {
            case SAME_NAME_AND_BIRTH_DATE -> "the same legal name, date of birth and gender";
            case NAMES_SWAPPED -> "the same date of birth, and first and last names swapped (first name \""
                    + them.getLegalName().getFirst() + "\", last name \"" + them.getLegalName().getLast() + "\")";
            case FIRST_NAME_VARIANT -> "the same last name and date of birth, and the first name \""
                    + them.getLegalName().getFirst() + "\" where this record has \"" + self.getLegalName().getFirst()
                    + "\" (mistyped or shortened in one of them, or twins)";
            case LAST_NAME_VARIANT -> "the same first name and date of birth, and the last name \""
                    + them.getLegalName().getLast() + "\" where this record has \"" + self.getLegalName().getLast()
                    + "\" (mistyped or shortened in one of them)";
            case BIRTH_DAY_AND_MONTH_SWAPPED -> "the same legal name, and the date of birth " + them.getBirthDate()
                    + " where this record has " + self.getBirthDate() + " (day and month swapped in one of them)";
        };
        return "Student " + other.id().value()
                + (other.localIds().isEmpty() ? "" : " (local id " + String.join(", ", other.localIds()) + ")")
                + " has " + alike + ". If they are one person, merge the records in the SIS and keep one SSID; if "
                + "not, check both names and birth dates.";
    }

    /**
     * The facts of a possible duplicate's wording: the other student's id and local ids (comma-separated), then
     * how the two differ: their names swapped (first, last), or their value and this record's.
     */
    static List<String> duplicateFacts(Student self, Lookalike other) {
        Student them = other.student();
        List<String> facts = new ArrayList<>(List.of(Long.toString(other.id().value()),
                String.join(", ", other.localIds())));
        switch (other.resemblance()) {
            case SAME_NAME_AND_BIRTH_DATE -> { }
            case NAMES_SWAPPED -> facts.addAll(List.of(them.getLegalName().getFirst(), them.getLegalName().getLast()));
            case FIRST_NAME_VARIANT -> facts.addAll(List.of(them.getLegalName().getFirst(),
                    self.getLegalName().getFirst()));
            case LAST_NAME_VARIANT -> facts.addAll(List.of(them.getLegalName().getLast(),
                    self.getLegalName().getLast()));
            case BIRTH_DAY_AND_MONTH_SWAPPED -> facts.addAll(List.of(them.getBirthDate(), self.getBirthDate()));
        }
        return facts;
    }

    private static List<String> facts(TrailEntry entry) {
        return entry.args().stream().map(TrailFacts::fact).toList();
    }

    private void fromReadiness(StudentId student, StudentRecord record, LocalDate asOf, List<QualityFinding> found) {
        if (agLists.lists().isEmpty() && record.getReportedGpasCount() == 0) {
            return; // no list to compare courses with and no reported GPA: nothing the trail could flag here
        }
        ReadinessReport report = engine.evaluate(new ReadinessInput(List.of(record), agLists, asOf));
        for (TrailEntry entry : report.trail(TrailScope.RECORDS)) {
            QualityRule rule = entry.code() == TrailCode.AG_LIST_NOT_LISTED ? QualityRule.AG_NOT_ON_LIST
                    : entry.code() == TrailCode.AG_LIST_DIFFERS ? QualityRule.AG_FLAGS_DIFFER
                    : null;
            if (rule != null) {
                found.add(new QualityFinding(rule, student, entry.recordIds().isEmpty() ? "" : entry.recordIds().get(0),
                        entry.message() + " Correct the course's a-g flags in the SIS, or the school's list.",
                        "trail." + entry.code().name(), facts(entry)));
            }
        }
        for (TrailEntry entry : report.trail(TrailScope.REPORTED_GPA)) {
            if (entry.code() == TrailCode.REPORTED_GPA_DIFFERS) {
                found.add(new QualityFinding(QualityRule.GPA_MISMATCH, student, "", entry.message(),
                        "trail." + entry.code().name(), facts(entry)));
            } else if (entry.code() == TrailCode.REPORTED_GPA_WEIGHTED) {
                found.add(new QualityFinding(QualityRule.CAL_GRANT_GPA_WEIGHTED, student, "", entry.message(),
                        "trail." + entry.code().name(), facts(entry)));
            }
        }
    }

    /**
     * The SIS's cumulative unweighted GPA against the grades: every letter grade of grades 9 to 12 (A to F, plus and
     * minus ignored) counts once, as most California high schools compute it; a school that weights by credits is
     * compared that way too, and a finding needs both to disagree.
     */
    private void cumulativeGpa(StudentId student, StudentRecord record, List<QualityFinding> found) {
        for (ReportedGpa gpa : record.getReportedGpasList()) {
            if (gpa.getKind() != GpaKind.GPA_CUMULATIVE_UNWEIGHTED) {
                continue;
            }
            long points = 0;
            int grades = 0;
            long creditPoints = 0;
            long credits = 0;
            boolean everyCredit = true;
            for (CourseRecord course : record.getCoursesList()) {
                int level = course.getGradeLevel();
                int value = points(course.getLetterGrade());
                if (level < 9 || level > 12 || value < 0) {
                    continue;
                }
                points += value;
                grades++;
                if (course.getCreditsAttempted() > 0) {
                    creditPoints += (long) value * course.getCreditsAttempted();
                    credits += course.getCreditsAttempted();
                } else {
                    everyCredit = false;
                }
            }
            if (grades == 0) {
                continue;
            }
            BigDecimal stored = BigDecimal.valueOf(gpa.getValue(), 3);
            BigDecimal byGrade = BigDecimal.valueOf(points).divide(BigDecimal.valueOf(grades), 3, RoundingMode.DOWN);
            BigDecimal difference = stored.subtract(byGrade).abs();
            if (difference.compareTo(options.gpaTolerance()) <= 0) {
                continue;
            }
            if (everyCredit && credits > 0) {
                BigDecimal byCredit = BigDecimal.valueOf(creditPoints)
                        .divide(BigDecimal.valueOf(credits), 3, RoundingMode.DOWN);
                if (stored.subtract(byCredit).abs().compareTo(options.gpaTolerance()) <= 0) {
                    continue;
                }
            }
            found.add(new QualityFinding(QualityRule.GPA_MISMATCH, student, "",
                    "Cumulative unweighted GPA stored as " + stored.toPlainString()
                            + (gpa.getAsOf().isEmpty() ? "" : " (as of " + gpa.getAsOf() + ")") + "; the " + grades
                            + " letter grades of grades 9-12 give " + byGrade.toPlainString() + ", a difference of "
                            + difference.toPlainString() + ", more than " + options.gpaTolerance().toPlainString()
                            + ". Recompute it in the SIS.", "CUMULATIVE_GPA", List.of(stored.toPlainString(),
                            gpa.getAsOf(), Integer.toString(grades), byGrade.toPlainString(),
                            difference.toPlainString(), options.gpaTolerance().toPlainString())));
        }
    }

    private static int points(String letter) {
        if (letter.isEmpty()) {
            return -1;
        }
        String base = letter.length() == 2 && (letter.charAt(1) == '+' || letter.charAt(1) == '-')
                ? letter.substring(0, 1) : letter;
        return switch (base) {
            case "A", "a" -> 4;
            case "B", "b" -> 3;
            case "C", "c" -> 2;
            case "D", "d" -> 1;
            case "F", "f" -> 0;
            default -> -1;
        };
    }

    /**
     * Courses at a school in an academic year in which the record enrolls the student elsewhere: a wrong school code
     * on the course or a missing enrollment. Years without any enrollment are not judged (many exports hold only
     * recent enrollments), nor summer sessions (often at another site) and college courses.
     */
    private static void coursesOutsideEnrollment(StudentId student, StudentRecord record,
            List<QualityFinding> found) {
        Map<Integer, Set<String>> enrolledAt = new LinkedHashMap<>();
        for (Enrollment enrollment : record.getEnrollmentsList()) {
            int year = enrollment.getAcademicYear() > 0 ? enrollment.getAcademicYear()
                    : academicYearOf(enrollment.getEntryDate());
            if (year > 0 && !enrollment.getSchoolCode().isEmpty()) {
                enrolledAt.computeIfAbsent(year, y -> new TreeSet<>()).add(enrollment.getSchoolCode());
            }
        }
        if (enrolledAt.isEmpty()) {
            return;
        }
        Map<String, List<CourseRecord>> outside = new LinkedHashMap<>();
        for (CourseRecord course : record.getCoursesList()) {
            int year = course.getTerm().getAcademicYear();
            String school = course.getSchoolCode();
            if (course.hasCollege() || school.isEmpty() || year <= 0 || course.getTerm().getType() == TermType.SUMMER) {
                continue;
            }
            Set<String> schools = enrolledAt.get(year);
            if (schools != null && !schools.contains(school)) {
                outside.computeIfAbsent(school + "|" + year, k -> new ArrayList<>()).add(course);
            }
        }
        for (Map.Entry<String, List<CourseRecord>> entry : outside.entrySet()) {
            List<CourseRecord> courses = entry.getValue();
            CourseRecord first = courses.get(0);
            int year = first.getTerm().getAcademicYear();
            found.add(new QualityFinding(QualityRule.COURSE_OUTSIDE_ENROLLMENT, student, first.getRecordId(),
                    courses.size() + (courses.size() == 1 ? " course" : " courses") + " (first: " + title(first)
                            + ") at school " + first.getSchoolCode() + " in " + year + "-" + (year + 1)
                            + ", where the student has no enrollment that year (enrolled at "
                            + String.join(", ", enrolledAt.get(year)) + "). Correct the course's school or add the "
                            + "enrollment.", QualityRule.COURSE_OUTSIDE_ENROLLMENT.name(), List.of(
                            Integer.toString(courses.size()), title(first), first.getSchoolCode(),
                            year + "-" + (year + 1), String.join(", ", enrolledAt.get(year)))));
        }
    }

    private static String title(CourseRecord course) {
        String name = course.getTitle().isEmpty() ? course.getLocalCourseId() : course.getTitle();
        return course.getLocalCourseId().isEmpty() || name.equals(course.getLocalCourseId()) ? name
                : name + ", " + course.getLocalCourseId();
    }

    /** July to June: a date's academic year (its first calendar year), or 0 when it does not parse. */
    private static int academicYearOf(String date) {
        try {
            LocalDate day = LocalDate.parse(date);
            return day.getMonthValue() >= 7 ? day.getYear() : day.getYear() - 1;
        } catch (DateTimeParseException e) {
            return 0;
        }
    }
}
