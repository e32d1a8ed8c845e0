package org.baton.node.readiness;

import java.util.List;
import org.baton.node.readiness.rules.AgSubject;
import org.baton.node.readiness.rules.GradePoint;
import org.baton.node.readiness.rules.TermPoint;
import org.baton.proto.v1.CourseCategory;
import org.baton.proto.v1.GeArea;
import org.baton.proto.v1.TermCalendar;
import org.baton.proto.v1.TermType;
import org.baton.proto.v1.UcPatternArea;

/** One course grade, read from a {@code CourseRecord} and checked: the engine's working form. */
final class Course {

    /** Grade level of a course taken at college after high school. */
    static final int COLLEGE_LEVEL = 13;

    final String recordId;
    final String institutionId;
    final String title;
    final String schoolCode;
    final String localCourseId;
    final Term term;
    final int termOrdinal;
    final boolean summer;
    /** 7-12 for high-school courses (dual enrollment included), {@link #COLLEGE_LEVEL} otherwise. */
    final int gradeLevel;
    /** {@link GradePoint#position(int, boolean)}; {@link Integer#MAX_VALUE} for college-level courses. */
    final int position;
    final Mark mark;
    /** a-g area for the year taken (from the school's list when there is one); {@code null} when not a-g. */
    final AgSubject area;
    /** UC honors designation for the year taken (high-school courses). */
    final boolean honors;
    /** {@code null} when the record gives none. */
    final String discipline;
    final int level;
    final CourseCategory category;
    final int segment;
    /** Semesters a high-school grade stands for: 2 for a full-year grade, else 1. */
    final int weight;
    final boolean planned;
    final boolean college;
    final String collegeId;
    final int units;
    final TermCalendar unitSystem;
    final boolean ucTransferable;
    final boolean csuTransferable;
    final boolean dualEnrollment;
    final boolean appliesToMajor;
    final List<GeArea> geAreas;
    final List<UcPatternArea> ucPatternAreas;
    /** Identifies "the same course" for repeats: school and local course id (and semester for high school). */
    final RepeatKey repeatKey;
    private final String where;
    private String courseKey;
    /** Built once and shared by every credit, GPA line and deficiency of this course. */
    final String termLabel;
    final List<String> ids;
    final java.util.Optional<String> disciplineValue;
    /** "10", "summer after 9", "college": how GPA trails name the grade level. */
    final String gradeLabel;

    Course(Builder b) {
        this.recordId = b.recordId;
        this.institutionId = b.institutionId;
        this.title = b.title;
        this.schoolCode = b.schoolCode;
        this.localCourseId = b.localCourseId;
        this.term = new Term(b.academicYear, b.termType);
        this.termOrdinal = TermPoint.ordinal(b.academicYear, b.termType);
        this.summer = b.termType == TermType.SUMMER;
        this.gradeLevel = b.gradeLevel;
        this.position = b.gradeLevel >= 7 && b.gradeLevel <= 12 ? GradePoint.position(b.gradeLevel, summer)
                : Integer.MAX_VALUE;
        this.mark = b.mark;
        this.area = b.area;
        this.honors = b.honors;
        this.discipline = b.discipline;
        this.level = b.level;
        this.category = b.category;
        this.segment = b.segment;
        this.weight = b.termType == TermType.FULL_YEAR && !b.college ? 2 : 1;
        this.planned = b.planned;
        this.college = b.college;
        this.collegeId = b.collegeId;
        this.units = b.units;
        this.unitSystem = b.unitSystem;
        this.ucTransferable = b.ucTransferable;
        this.csuTransferable = b.csuTransferable;
        this.dualEnrollment = b.dualEnrollment;
        this.appliesToMajor = b.appliesToMajor;
        this.geAreas = b.geAreas;
        this.ucPatternAreas = b.ucPatternAreas;
        this.where = b.college ? b.collegeId : b.schoolCode;
        this.repeatKey = new RepeatKey(where, b.localCourseId, b.college ? -1 : b.segment);
        this.termLabel = term.toString();
        this.ids = List.of(b.recordId);
        this.disciplineValue = java.util.Optional.ofNullable(b.discipline);
        this.gradeLabel = gradeLabel(b.gradeLevel, summer);
    }

    /**
     * This college course with the a-g area, discipline, level and transferability that a high school's
     * dual-enrollment listing of the same course gives, when this record carries no a-g area itself (a college
     * transcript names none). Everything else — the grade, the units, the record — stays this course's.
     */
    Course articulatedBy(Course listing) {
        if (area != null || listing.area == null) {
            return this;
        }
        Builder b = new Builder();
        b.recordId = recordId;
        b.institutionId = institutionId;
        b.title = title;
        b.schoolCode = schoolCode;
        b.localCourseId = localCourseId;
        b.academicYear = term.academicYear();
        b.termType = term.type();
        b.gradeLevel = gradeLevel;
        b.mark = mark;
        b.area = listing.area;
        b.honors = honors || listing.honors;
        b.discipline = discipline != null ? discipline : listing.discipline;
        b.level = level != 0 ? level : listing.level;
        b.category = category;
        b.segment = segment;
        b.planned = planned;
        b.college = college;
        b.collegeId = collegeId;
        b.units = units;
        b.unitSystem = unitSystem;
        b.ucTransferable = ucTransferable || listing.ucTransferable;
        b.csuTransferable = csuTransferable || listing.csuTransferable;
        b.dualEnrollment = dualEnrollment;
        b.appliesToMajor = appliesToMajor;
        b.geAreas = geAreas;
        b.ucPatternAreas = ucPatternAreas;
        return new Course(b);
    }

    private static final String[] GRADE_LABELS = new String[26];

    static {
        for (int grade = 7; grade <= 12; grade++) {
            GRADE_LABELS[grade * 2] = Integer.toString(grade);
            GRADE_LABELS[grade * 2 + 1] = "summer after " + grade;
        }
    }

    private static String gradeLabel(int gradeLevel, boolean summer) {
        return gradeLevel >= 7 && gradeLevel <= 12 ? GRADE_LABELS[gradeLevel * 2 + (summer ? 1 : 0)] : "college";
    }

    /** Identifies the course across its semesters (a yearlong course's two grades share it): "school|course id". */
    String courseKey() {
        String key = courseKey;
        if (key == null) {
            key = where + "|" + localCourseId;
            courseKey = key;
        }
        return key;
    }

    /** "The same course" for repeats. */
    record RepeatKey(String where, String localCourseId, int segment) {
    }

    boolean inHighSchool() {
        return gradeLevel <= 12;
    }

    boolean middleSchool() {
        return gradeLevel == 7 || gradeLevel == 8;
    }

    @Override
    public String toString() {
        return recordId;
    }

    /**
     * Term labels are few; build each once ("fall 2023"), by academic year 1900-2999 and term type. Racing writers
     * store equal immutable strings, so the unsynchronised cache is safe.
     */
    private static final String[] TERM_LABELS = new String[1100 * 8];

    /** A term with a lazily built label ("fall 2023", "summer 2024"). */
    record Term(int academicYear, TermType type) {
        @Override
        public String toString() {
            int slot = (academicYear - 1900) * 8 + type.ordinal();
            if (slot >= 0 && slot < TERM_LABELS.length && type.ordinal() < 8) {
                String label = TERM_LABELS[slot];
                if (label == null) {
                    label = render();
                    TERM_LABELS[slot] = label;
                }
                return label;
            }
            return render();
        }

        private String render() {
            return switch (type) {
                case FALL -> "fall " + academicYear;
                case WINTER -> "winter " + (academicYear + 1);
                case SPRING -> "spring " + (academicYear + 1);
                case SUMMER -> "summer " + (academicYear + 1);
                case FULL_YEAR -> academicYear + "-" + String.format(java.util.Locale.ROOT, "%02d", (academicYear + 1) % 100);
                default -> academicYear + "-" + String.format(java.util.Locale.ROOT, "%02d", (academicYear + 1) % 100);
            };
        }
    }

    static final class Builder {
        String recordId;
        String institutionId;
        String title;
        String schoolCode;
        String localCourseId;
        int academicYear;
        TermType termType;
        int gradeLevel;
        Mark mark;
        AgSubject area;
        boolean honors;
        String discipline;
        int level;
        CourseCategory category;
        int segment;
        boolean planned;
        boolean college;
        String collegeId;
        int units;
        TermCalendar unitSystem;
        boolean ucTransferable;
        boolean csuTransferable;
        boolean dualEnrollment;
        boolean appliesToMajor;
        List<GeArea> geAreas = List.of();
        List<UcPatternArea> ucPatternAreas = List.of();

        /** Clears every field, so one builder serves all the courses of a student. */
        Builder reset() {
            recordId = null;
            institutionId = null;
            title = null;
            schoolCode = null;
            localCourseId = null;
            academicYear = 0;
            termType = null;
            gradeLevel = 0;
            mark = null;
            area = null;
            honors = false;
            discipline = null;
            level = 0;
            category = null;
            segment = 0;
            planned = false;
            college = false;
            collegeId = null;
            units = 0;
            unitSystem = null;
            ucTransferable = false;
            csuTransferable = false;
            dualEnrollment = false;
            appliesToMajor = false;
            geAreas = List.of();
            ucPatternAreas = List.of();
            return this;
        }
    }
}
