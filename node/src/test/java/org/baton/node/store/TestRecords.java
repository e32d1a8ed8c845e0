package org.baton.node.store;

import com.google.protobuf.Timestamp;
import org.baton.proto.v1.AgArea;
import org.baton.proto.v1.CourseCategory;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.Demographics;
import org.baton.proto.v1.EligibilityFlag;
import org.baton.proto.v1.EligibilityProgram;
import org.baton.proto.v1.Enrollment;
import org.baton.proto.v1.LocalId;
import org.baton.proto.v1.PersonName;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;
import org.baton.proto.v1.Term;
import org.baton.proto.v1.TermCalendar;
import org.baton.proto.v1.TermType;

/** Builds realistic student records for store tests and the throughput benchmark. */
final class TestRecords {

    static final String DISTRICT = "19647330000000";
    static final String SCHOOL = "19647331932334";

    private TestRecords() {}

    /** The SSID of test student {@code n}: 10 digits, distinct per n. */
    static String ssid(long n) {
        return String.format("%010d", 1_000_000_000L + n);
    }

    /** The district's local id value of test student {@code n}. */
    static String localId(long n) {
        return "S" + n;
    }

    /** Student {@code n} with {@code courses} course records. */
    static StudentRecord student(long n, int courses) {
        return StudentRecord.newBuilder()
                .setStudent(Student.newBuilder()
                        .setSsid(ssid(n))
                        .addLocalIds(LocalId.newBuilder().setIssuer(DISTRICT).setValue(localId(n)))
                        .setLegalName(PersonName.newBuilder().setFirst("Maria" + (n % 97)).setLast("García-López"))
                        .setBirthDate(String.format("2009-%02d-%02d", 1 + n % 12, 1 + n % 28))
                        .setDemographics(Demographics.newBuilder()
                                .setGender("F")
                                .setHispanic("Y")
                                .addRaceCodes("700")
                                .setHomeLanguage("01")
                                .setEnglishStatus("RFEP")
                                .setSocioeconomicallyDisadvantaged(true))
                        .addEligibility(EligibilityFlag.newBuilder()
                                .setProgram(EligibilityProgram.FOSTER_YOUTH)
                                .setVerifiedOn("2025-09-01")
                                .setSource("county child welfare"))
                        .setInstitutionId(DISTRICT)
                        .setCohortYear(2027)
                        .setGradeLevel(11))
                .addEnrollments(Enrollment.newBuilder()
                        .setInstitutionId(DISTRICT)
                        .setSchoolCode(SCHOOL)
                        .setGradeLevel(11)
                        .setEntryDate("2023-08-15")
                        .setAcademicYear(2025))
                .addAllCourses(courses(n, courses))
                .setUpdatedAt(Timestamp.newBuilder().setSeconds(1_760_000_000L))
                .build();
    }

    private static Iterable<CourseRecord> courses(long n, int count) {
        java.util.List<CourseRecord> list = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int year = 2022 + i / 12;
            list.add(CourseRecord.newBuilder()
                    .setRecordId(localId(n) + "|MA" + (1000 + i) + "|" + year + (i % 2 == 0 ? "F" : "S") + "|01")
                    .setInstitutionId(DISTRICT)
                    .setSchoolCode(SCHOOL)
                    .setLocalCourseId("MA" + (1000 + i))
                    .setStateCourseCode(String.valueOf(2400 + i % 50))
                    .setTitle("Integrated Mathematics " + (1 + i % 3))
                    .setTerm(Term.newBuilder()
                            .setAcademicYear(year)
                            .setType(i % 2 == 0 ? TermType.FALL : TermType.SPRING)
                            .setCode(year + (i % 2 == 0 ? "F" : "S"))
                            .setCalendar(TermCalendar.SEMESTER))
                    .setCompletionDate(year + (i % 2 == 0 ? "-12-18" : "-06-05"))
                    .setGradeLevel(9 + i / 12)
                    .setCreditsAttempted(500)
                    .setCreditsEarned(500)
                    .setLetterGrade(new String[] {"A", "B+", "C", "A-", "B"}[i % 5])
                    .setAgArea(AgArea.AG_C_MATH)
                    .setDiscipline("MATH")
                    .setSequenceLevel(1 + i % 3)
                    .setCategory(CourseCategory.ACADEMIC)
                    .setSegment(1 + i % 2)
                    .build());
        }
        return list;
    }
}
