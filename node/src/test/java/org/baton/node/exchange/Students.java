package org.baton.node.exchange;

import com.google.protobuf.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.baton.proto.v1.AgArea;
import org.baton.proto.v1.CourseCategory;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.Demographics;
import org.baton.proto.v1.EligibilityFlag;
import org.baton.proto.v1.EligibilityProgram;
import org.baton.proto.v1.Enrollment;
import org.baton.proto.v1.FinancialAidApplication;
import org.baton.proto.v1.AidApplicationKind;
import org.baton.proto.v1.AidApplicationStatus;
import org.baton.proto.v1.GpaKind;
import org.baton.proto.v1.LocalId;
import org.baton.proto.v1.PersonName;
import org.baton.proto.v1.ReportedGpa;
import org.baton.proto.v1.Residency;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;
import org.baton.proto.v1.Term;
import org.baton.proto.v1.TermType;

/** Student records for exchange tests: a transcript of {@code courses} grades and a little of everything else. */
final class Students {

    private Students() {
    }

    static String ssid(long n) {
        return String.format("%010d", 1_000_000_000L + n);
    }

    static String birthDate(long n) {
        return String.format("2008-%02d-%02d", 1 + n % 12, 1 + n % 28);
    }

    /** Student {@code n} as {@code institution} holds them. */
    static StudentRecord record(long n, String institution, int courses) {
        return record(n, institution, courses, "Maria", "García-López", birthDate(n));
    }

    static StudentRecord record(long n, String institution, int courses, String first, String last, String birthDate) {
        Student.Builder student = Student.newBuilder()
                .setSsid(ssid(n))
                .addLocalIds(LocalId.newBuilder().setIssuer(institution).setValue("S" + n))
                .setLegalName(PersonName.newBuilder().setFirst(first).setLast(last))
                .setBirthDate(birthDate)
                .setDemographics(Demographics.newBuilder().setGender("F").setHispanic("Y").addRaceCodes("700"))
                .addEligibility(EligibilityFlag.newBuilder().setProgram(EligibilityProgram.FOSTER_YOUTH)
                        .setVerifiedOn("2025-09-01").setSource("county child welfare"))
                .addEligibility(EligibilityFlag.newBuilder().setProgram(EligibilityProgram.CALFRESH)
                        .setVerifiedOn("2025-09-01").setSource("CALPADS direct certification"))
                .setInstitutionId(institution)
                .setCohortYear(2027)
                .setGradeLevel(12)
                .setResidency(Residency.CALIFORNIA_RESIDENT);
        List<CourseRecord> list = new ArrayList<>();
        for (int i = 0; i < courses; i++) {
            list.add(CourseRecord.newBuilder()
                    .setRecordId("S" + n + "|EN" + (1000 + i) + "|" + (2022 + i / 10) + "|01")
                    .setInstitutionId(institution)
                    .setSchoolCode(institution)
                    .setLocalCourseId("EN" + (1000 + i))
                    .setStateCourseCode(String.valueOf(2100 + i % 50))
                    .setTitle("English " + (1 + i % 4))
                    .setTerm(Term.newBuilder().setAcademicYear(2022 + i / 10)
                            .setType(i % 2 == 0 ? TermType.FALL : TermType.SPRING).setCode("T" + i))
                    .setCompletionDate("2023-01-20")
                    .setGradeLevel(9 + i / 10)
                    .setCreditsAttempted(500)
                    .setCreditsEarned(500)
                    .setLetterGrade(i % 3 == 0 ? "A" : "B+")
                    .setAgArea(AgArea.AG_B_ENGLISH)
                    .setCategory(CourseCategory.ACADEMIC)
                    .setSegment(1 + i % 2)
                    .build());
        }
        return StudentRecord.newBuilder()
                .setStudent(student)
                .addEnrollments(Enrollment.newBuilder().setInstitutionId(institution).setSchoolCode(institution)
                        .setGradeLevel(12).setEntryDate("2022-08-15").setAcademicYear(2025))
                .addAllCourses(list)
                .addReportedGpas(ReportedGpa.newBuilder().setKind(GpaKind.GPA_CUMULATIVE_WEIGHTED).setValue(3912)
                        .setAsOf("2026-06-10"))
                .addReportedGpas(ReportedGpa.newBuilder().setKind(GpaKind.GPA_CAL_GRANT).setValue(3450)
                        .setAsOf("2026-06-10"))
                .addFinancialAid(FinancialAidApplication.newBuilder().setKind(AidApplicationKind.FAFSA)
                        .setAwardYear("2027-28").setStatus(AidApplicationStatus.AID_SUBMITTED))
                .setUpdatedAt(Timestamp.newBuilder().setSeconds(1_760_000_000L))
                .build();
    }
}
