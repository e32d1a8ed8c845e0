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
 * <p>Thread-safe when the engine and the namesake lookup are.
 */
public final class QualityChecker {

    /** Finds the other students a node holds under the same legal name and date of birth. */
    @FunctionalInterface
    public interface Namesakes {

        /**
         * The students other than {@code self} with {@code student}'s legal first and last name and date of birth.
         */
        List<Namesake> of(StudentId self, Student student, LocalDate birthDate);
    }

    /**
     * Another student with the same name and date of birth.
     *
     * @param id the node's id for them
     * @param localIds their local ids
     * @param student their identity (middle name, gender), to tell namesakes from one person
     */
    public record Namesake(StudentId id, List<String> localIds, Student student) {
        public Namesake {
            Objects.requireNonNull(id, "id");
            localIds = List.copyOf(localIds);
            Objects.requireNonNull(student, "student");
        }
    }

    private final ReadinessEngine engine;
    private final AgCourseLists agLists;
    private final QualityOptions options;
    private final Namesakes namesakes;

    public QualityChecker(ReadinessEngine engine, AgCourseLists agLists, QualityOptions options, Namesakes namesakes) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.agLists = Objects.requireNonNull(agLists, "agLists");
        this.options = Objects.requireNonNull(options, "options");
        this.namesakes = Objects.requireNonNull(namesakes, "namesakes");
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
     * What the rules that judge a record on its own find in a record another institution sent, in words: a
     * registrar's starting point for a discrepancy report to the sender. Possible duplicates are left out (they are
     * about this node's own students).
     */
    public List<String> checkReceived(StudentRecord record, LocalDate asOf) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(asOf, "asOf");
        // The findings name no student of this node; only their words are used.
        StudentId sender = new StudentId(1);
        List<QualityFinding> found = new ArrayList<>(0);
        if (options.ssidCheckDigit()) {
            ssidCheckDigit(sender, record.getStudent().getSsid(), found);
        }
        fromReadiness(sender, record, asOf, found);
        cumulativeGpa(sender, record, found);
        coursesOutsideEnrollment(sender, record, found);
        return found.stream().map(QualityFinding::detail).toList();
    }

    // ------------------------------------------------------------------------------------------------ the rules

    private static void ssidCheckDigit(StudentId student, String ssid, List<QualityFinding> found) {
        if (ssid.length() != 10 || !ssid.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return; // the importer refuses malformed SSIDs; a record without one has nothing to check
        }
        if (luhn(ssid.substring(0, 9)) != ssid.charAt(9)) {
            found.add(new QualityFinding(QualityRule.SSID_CHECK_DIGIT, student, "",
                    "The SSID's last digit is not the check digit of its first nine (Luhn): a digit was probably "
                            + "mistyped or swapped. Compare it with CALPADS."));
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
        if (identity.getLegalName().getLast().isBlank() || identity.getBirthDate().isEmpty()) {
            return;
        }
        LocalDate birth;
        try {
            birth = LocalDate.parse(identity.getBirthDate());
        } catch (DateTimeParseException e) {
            return;
        }
        for (Namesake other : namesakes.of(student, identity, birth)) {
            if (other.id().equals(student) || !couldBeOnePerson(identity, other.student())) {
                continue;
            }
            found.add(new QualityFinding(QualityRule.POSSIBLE_DUPLICATE, student, "",
                    "Student " + other.id().value()
                            + (other.localIds().isEmpty() ? ""
                                    : " (local id " + String.join(", ", other.localIds()) + ")")
                            + " has the same legal name, date of birth and gender. If they are one person, merge the "
                            + "records in the SIS and keep one SSID; if not, check both names and birth dates."));
        }
    }

    /**
     * Whether two students with one first and last name and birth date may be one person: not when both records
     * give a gender and they differ, nor when both give a middle name and neither is the other's initial.
     */
    static boolean couldBeOnePerson(Student one, Student other) {
        String g1 = one.getDemographics().getGender();
        String g2 = other.getDemographics().getGender();
        if (!g1.isBlank() && !g2.isBlank() && !g1.equalsIgnoreCase(g2)) {
            return false;
        }
        String m1 = middle(one);
        String m2 = middle(other);
        if (m1.isEmpty() || m2.isEmpty() || m1.equals(m2)) {
            return true;
        }
        return (m1.length() == 1 || m2.length() == 1) && m1.charAt(0) == m2.charAt(0);
    }

    /** The middle name in lower case, without dots and spaces ("J." and "j" are the same initial). */
    private static String middle(Student student) {
        return student.getLegalName().getMiddle().toLowerCase(java.util.Locale.ROOT).replaceAll("[.\\s]", "");
    }

    private void fromReadiness(StudentId student, StudentRecord record, LocalDate asOf, List<QualityFinding> found) {
        ReadinessReport report = engine.evaluate(new ReadinessInput(List.of(record), agLists, asOf));
        for (TrailEntry entry : report.trail(TrailScope.RECORDS)) {
            QualityRule rule = entry.code() == TrailCode.AG_LIST_NOT_LISTED ? QualityRule.AG_NOT_ON_LIST
                    : entry.code() == TrailCode.AG_LIST_DIFFERS ? QualityRule.AG_FLAGS_DIFFER
                    : null;
            if (rule != null) {
                found.add(new QualityFinding(rule, student, entry.recordIds().isEmpty() ? "" : entry.recordIds().get(0),
                        entry.message() + " Correct the course's a-g flags in the SIS, or the school's list."));
            }
        }
        for (TrailEntry entry : report.trail(TrailScope.REPORTED_GPA)) {
            if (entry.code() == TrailCode.REPORTED_GPA_DIFFERS) {
                found.add(new QualityFinding(QualityRule.GPA_MISMATCH, student, "", entry.message()));
            } else if (entry.code() == TrailCode.REPORTED_GPA_WEIGHTED) {
                found.add(new QualityFinding(QualityRule.CAL_GRANT_GPA_WEIGHTED, student, "", entry.message()));
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
                            + ". Recompute it in the SIS."));
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
                            + "enrollment."));
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
