package org.baton.node.readiness;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.baton.node.readiness.rules.RuleBook;
import org.baton.proto.v1.AcademicProgram;
import org.baton.proto.v1.AgArea;
import org.baton.proto.v1.AidApplicationKind;
import org.baton.proto.v1.AidApplicationStatus;
import org.baton.proto.v1.ApplicationStatus;
import org.baton.proto.v1.AwardKind;
import org.baton.proto.v1.CollegeApplication;
import org.baton.proto.v1.FinancialAidApplication;
import org.baton.proto.v1.GePattern;
import org.baton.proto.v1.GpaKind;
import org.baton.proto.v1.HigherEdSystem;
import org.baton.proto.v1.ReportedGpa;
import org.baton.proto.v1.Residency;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;
import org.baton.proto.v1.Term;
import org.baton.proto.v1.TermType;

/** Test-data builder: students a counselor could evaluate by hand. */
final class TestStudents {

    static final String DISTRICT = "19647330000000";
    static final String SCHOOL = "19647331930106";
    static final String COLLEGE = "117274";

    static final RuleBook RULES = RuleBook.loadDefault();
    static final ReadinessEngine ENGINE = ReadinessEngine.create(RULES);

    private TestStudents() {
    }

    static Builder student(int cohort) {
        return new Builder(cohort);
    }

    static ReadinessReport evaluate(StudentRecord record, LocalDate asOf) {
        return ENGINE.evaluate(ReadinessInput.of(record, asOf));
    }

    /**
     * A complete, ordinary a-g transcript of grades 9-11 for the cohort: English, world and US history, Algebra I,
     * Geometry, Algebra II, biology, chemistry, two years of Spanish, a year of art. All A's unless replaced.
     */
    static List<CourseSpec> completeThroughEleventh() {
        return List.of(
                CourseSpec.yearlong("ENG9", "English 9", AgArea.AG_B_ENGLISH).inGrade(9),
                CourseSpec.yearlong("ENG10", "English 10", AgArea.AG_B_ENGLISH).inGrade(10),
                CourseSpec.yearlong("ENG11", "English 11", AgArea.AG_B_ENGLISH).inGrade(11),
                CourseSpec.yearlong("WHIST", "World History", AgArea.AG_A_HISTORY).inGrade(10).discipline("WORLD_HISTORY"),
                CourseSpec.yearlong("USHIST", "US History", AgArea.AG_A_HISTORY).inGrade(11).discipline("US_HISTORY"),
                CourseSpec.yearlong("ALG1", "Algebra I", AgArea.AG_C_MATH).inGrade(9).level(1),
                CourseSpec.yearlong("GEOM", "Geometry", AgArea.AG_C_MATH).inGrade(10).level(2),
                CourseSpec.yearlong("ALG2", "Algebra II", AgArea.AG_C_MATH).inGrade(11).level(3),
                CourseSpec.yearlong("BIO", "Biology", AgArea.AG_D_SCIENCE).inGrade(9).discipline("BIOLOGY"),
                CourseSpec.yearlong("CHEM", "Chemistry", AgArea.AG_D_SCIENCE).inGrade(10).discipline("CHEMISTRY"),
                CourseSpec.yearlong("SPAN1", "Spanish 1", AgArea.AG_E_LANGUAGE).inGrade(9).discipline("SPANISH").level(1),
                CourseSpec.yearlong("SPAN2", "Spanish 2", AgArea.AG_E_LANGUAGE).inGrade(10).discipline("SPANISH").level(2),
                CourseSpec.yearlong("ART", "Studio Art", AgArea.AG_F_ARTS).inGrade(11).discipline("VISUAL_ARTS"));
    }

    static final class Builder {
        private final int cohort;
        private int gradeLevel = 12;
        private Residency residency = Residency.CALIFORNIA_RESIDENT;
        private boolean optOut;
        private String institution = DISTRICT;
        private final List<CourseSpec> courses = new ArrayList<>();
        private final StudentRecord.Builder extras = StudentRecord.newBuilder();

        Builder(int cohort) {
            this.cohort = cohort;
        }

        Builder gradeLevel(int value) {
            this.gradeLevel = value;
            return this;
        }

        Builder nonResident() {
            this.residency = Residency.NON_RESIDENT;
            return this;
        }

        Builder optedOutOfCalGrantUpload() {
            this.optOut = true;
            return this;
        }

        Builder institution(String value) {
            this.institution = value;
            return this;
        }

        Builder with(CourseSpec... specs) {
            courses.addAll(List.of(specs));
            return this;
        }

        Builder with(List<CourseSpec> specs) {
            courses.addAll(specs);
            return this;
        }

        /** Replaces a course of the list by id (to vary one course of {@link #completeThroughEleventh()}). */
        Builder without(String id) {
            courses.removeIf(c -> c.records(cohort, institution).get(0).getLocalCourseId().equals(id));
            return this;
        }

        Builder reportedGpa(GpaKind kind, int thousandths, String submittedOn) {
            extras.addReportedGpas(ReportedGpa.newBuilder().setKind(kind).setValue(thousandths).setAsOf("2025-09-15")
                    .setSubmittedOn(submittedOn));
            return this;
        }

        Builder aid(AidApplicationKind kind, String awardYear, AidApplicationStatus status) {
            extras.addFinancialAid(FinancialAidApplication.newBuilder().setKind(kind).setAwardYear(awardYear)
                    .setStatus(status).setStatusDate("2025-11-02"));
            return this;
        }

        Builder application(HigherEdSystem system, String campus, int entryYear, ApplicationStatus status, boolean tag) {
            extras.addCollegeApplications(CollegeApplication.newBuilder().setSystem(system).setCampus(campus)
                    .setEntryTerm(Term.newBuilder().setAcademicYear(entryYear).setType(TermType.FALL))
                    .setStatus(status).setTag(tag));
            return this;
        }

        Builder adtProgram(GePattern pattern, int continuousSinceYear) {
            extras.addPrograms(AcademicProgram.newBuilder().setProgramCode("TMC-PSY").setTitle("Psychology AA-T")
                    .setAwardKind(AwardKind.ASSOCIATE_ARTS_TRANSFER).setGePattern(pattern)
                    .setCatalogYear(continuousSinceYear).setMajorUnitsRequired(1800)
                    .setContinuousEnrollmentSince(Term.newBuilder().setAcademicYear(continuousSinceYear)
                            .setType(TermType.FALL)));
            return this;
        }

        StudentRecord build() {
            StudentRecord.Builder record = extras.clone();
            record.setStudent(Student.newBuilder().setInstitutionId(institution).setCohortYear(cohort)
                    .setGradeLevel(gradeLevel).setResidency(residency).setCalGrantGpaOptOut(optOut));
            for (CourseSpec spec : courses) {
                record.addAllCourses(spec.records(cohort, institution));
            }
            return record.build();
        }
    }
}
