package org.baton.node.readiness;

import java.util.ArrayList;
import java.util.List;
import org.baton.proto.v1.AgArea;
import org.baton.proto.v1.CollegeCourse;
import org.baton.proto.v1.CourseCategory;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.GeArea;
import org.baton.proto.v1.GePattern;
import org.baton.proto.v1.Term;
import org.baton.proto.v1.TermCalendar;
import org.baton.proto.v1.TermType;
import org.baton.proto.v1.UcPatternArea;

/**
 * Test data: one course as a counselor describes it ("Algebra I in 9th grade, D then C"), turned into the
 * semester records of the record model. Academic years follow from the cohort and grade level.
 */
final class CourseSpec {

    enum Shape { YEARLONG, FALL, SPRING, SUMMER, COLLEGE }

    private final Shape shape;
    private final String id;
    private final String title;
    private AgArea area;
    private int grade = 10;
    private Integer academicYear;
    private boolean honors;
    private String discipline = "";
    private int level;
    private CourseCategory category = CourseCategory.ACADEMIC;
    private List<String> grades = List.of("A", "A");
    private String school = TestStudents.SCHOOL;
    private String institution;
    private boolean includeGradeLevel = true;
    // College facts.
    private String college = TestStudents.COLLEGE;
    private int units = 300;
    private TermCalendar calendar = TermCalendar.SEMESTER;
    private boolean ucTransferable;
    private boolean csuTransferable;
    private boolean dual;
    private boolean major;
    private final List<GeArea> ge = new ArrayList<>();
    private final List<UcPatternArea> ucPattern = new ArrayList<>();
    private TermType collegeTerm = TermType.FALL;

    private CourseSpec(Shape shape, String id, String title, AgArea area) {
        this.shape = shape;
        this.id = id;
        this.title = title;
        this.area = area;
        if (shape != Shape.YEARLONG) {
            this.grades = List.of("A");
        }
    }

    /** A yearlong high-school course: two semester records, fall (segment 1) and spring (segment 2). */
    static CourseSpec yearlong(String id, String title, AgArea area) {
        return new CourseSpec(Shape.YEARLONG, id, title, area);
    }

    /** A one-semester high-school course in the fall. */
    static CourseSpec fall(String id, String title, AgArea area) {
        return new CourseSpec(Shape.FALL, id, title, area);
    }

    /** A one-semester high-school course in the spring. */
    static CourseSpec spring(String id, String title, AgArea area) {
        return new CourseSpec(Shape.SPRING, id, title, area);
    }

    /** A summer course taken after {@link #inGrade(int)}. */
    static CourseSpec summer(String id, String title, AgArea area) {
        return new CourseSpec(Shape.SUMMER, id, title, area);
    }

    /** A college course (3 semester units, fall, not transferable unless said). */
    static CourseSpec college(String id, String title, AgArea area) {
        return new CourseSpec(Shape.COLLEGE, id, title, area);
    }

    CourseSpec inGrade(int value) {
        this.grade = value;
        return this;
    }

    CourseSpec inAcademicYear(int value) {
        this.academicYear = value;
        return this;
    }

    CourseSpec honors() {
        this.honors = true;
        return this;
    }

    CourseSpec discipline(String value) {
        this.discipline = value;
        return this;
    }

    CourseSpec level(int value) {
        this.level = value;
        return this;
    }

    CourseSpec category(CourseCategory value) {
        this.category = value;
        return this;
    }

    /** The grade(s): two for a yearlong course (fall, spring), one otherwise. */
    CourseSpec grades(String... values) {
        this.grades = List.of(values);
        return this;
    }

    CourseSpec atSchool(String cds) {
        this.school = cds;
        return this;
    }

    CourseSpec issuedBy(String institutionId) {
        this.institution = institutionId;
        return this;
    }

    CourseSpec withoutGradeLevel() {
        this.includeGradeLevel = false;
        return this;
    }

    CourseSpec units(int hundredths) {
        this.units = hundredths;
        return this;
    }

    CourseSpec quarter() {
        this.calendar = TermCalendar.QUARTER;
        return this;
    }

    CourseSpec ucTransferable() {
        this.ucTransferable = true;
        return this;
    }

    CourseSpec csuTransferable() {
        this.csuTransferable = true;
        return this;
    }

    CourseSpec transferable() {
        return ucTransferable().csuTransferable();
    }

    CourseSpec dualEnrollment() {
        this.dual = true;
        return this;
    }

    CourseSpec major() {
        this.major = true;
        return this;
    }

    CourseSpec ge(GePattern pattern, String... areas) {
        for (String a : areas) {
            ge.add(GeArea.newBuilder().setPattern(pattern).setArea(a).build());
        }
        return this;
    }

    CourseSpec ucPattern(UcPatternArea... areas) {
        ucPattern.addAll(List.of(areas));
        return this;
    }

    CourseSpec term(TermType type) {
        this.collegeTerm = type;
        return this;
    }

    List<CourseRecord> records(int cohort, String defaultInstitution) {
        int year = academicYear != null ? academicYear : cohort - 13 + grade;
        String issuer = institution != null ? institution : shape == Shape.COLLEGE ? college : defaultInstitution;
        List<CourseRecord> out = new ArrayList<>(2);
        switch (shape) {
            case YEARLONG -> {
                if (grades.size() != 2) {
                    throw new IllegalStateException(id + ": a yearlong course needs two grades");
                }
                out.add(record(issuer, year, TermType.FALL, 1, grades.get(0)));
                out.add(record(issuer, year, TermType.SPRING, 2, grades.get(1)));
            }
            case FALL -> out.add(record(issuer, year, TermType.FALL, 0, grades.get(0)));
            case SPRING -> out.add(record(issuer, year, TermType.SPRING, 0, grades.get(0)));
            case SUMMER -> out.add(record(issuer, year, TermType.SUMMER, 0, grades.get(0)));
            case COLLEGE -> out.add(record(issuer, year, collegeTerm, 0, grades.get(0)));
        }
        return out;
    }

    private CourseRecord record(String issuer, int year, TermType type, int segment, String letter) {
        CourseRecord.Builder b = CourseRecord.newBuilder()
                .setRecordId(id + "|" + year + type.name().charAt(0) + (segment == 0 ? "" : "|S" + segment))
                .setInstitutionId(issuer)
                .setLocalCourseId(id)
                .setTitle(title)
                .setTerm(Term.newBuilder().setAcademicYear(year).setType(type).setCode(year + type.name())
                        .setCalendar(TermCalendar.SEMESTER))
                .setLetterGrade(letter)
                .setAgArea(area)
                .setHonors(honors)
                .setDiscipline(discipline)
                .setSequenceLevel(level)
                .setCategory(category)
                .setSegment(segment)
                .setCreditsAttempted(500)
                .setCreditsEarned(500);
        if (shape == Shape.COLLEGE) {
            b.setSchoolCode(college);
            if (includeGradeLevel) {
                b.setGradeLevel(dual ? grade : 13);
            }
            b.setCollege(CollegeCourse.newBuilder().setInstitutionId(college).setUnits(units).setUnitSystem(calendar)
                    .setUcTransferable(ucTransferable).setCsuTransferable(csuTransferable).setDualEnrollment(dual)
                    .setAppliesToMajor(major).addAllGeAreas(ge).addAllUcPatternAreas(ucPattern));
        } else {
            b.setSchoolCode(school);
            if (includeGradeLevel) {
                b.setGradeLevel(grade);
            }
        }
        return b.build();
    }
}
