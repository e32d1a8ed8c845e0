package org.baton.node.exchange;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.baton.ledger.Scope;
import org.baton.proto.v1.EligibilityFlag;
import org.baton.proto.v1.EligibilityProgram;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;

/**
 * What each scope discloses of a {@link StudentRecord}, applied when a package is assembled and checked when one
 * is verified.
 *
 * <table>
 *   <caption>Scope table</caption>
 *   <tr><th>always</th><td>the student's identity: SSID, local ids, legal name, birth date, institution id,
 *       cohort year, grade level; the record's updated-at</td></tr>
 *   <tr><th>TRANSCRIPT</th><td>courses (with their terms), enrollments, academic programs</td></tr>
 *   <tr><th>GPA</th><td>reported GPAs</td></tr>
 *   <tr><th>FINANCIAL_AID_STATUS</th><td>FAFSA/CADAA applications</td></tr>
 *   <tr><th>AWARDS</th><td>awards</td></tr>
 *   <tr><th>LEARNING_ARTIFACTS</th><td>learning artifacts</td></tr>
 *   <tr><th>COLLEGE_APPLICATIONS</th><td>college applications</td></tr>
 *   <tr><th>ELIGIBILITY_x</th><td>the eligibility flag of program x only</td></tr>
 *   <tr><th>AG_STATUS</th><td>nothing yet: a-g status is computed by the readiness engine, not held in the
 *       record</td></tr>
 *   <tr><th>never</th><td>demographics, residency, the Cal Grant opt-out flag</td></tr>
 * </table>
 */
final class ScopeFilter {

    private static final Map<EligibilityProgram, Scope> ELIGIBILITY_SCOPES = new EnumMap<>(Map.of(
            EligibilityProgram.FOSTER_YOUTH, Scope.ELIGIBILITY_FOSTER_YOUTH,
            EligibilityProgram.CALFRESH, Scope.ELIGIBILITY_CALFRESH,
            EligibilityProgram.CALWORKS, Scope.ELIGIBILITY_CALWORKS,
            EligibilityProgram.MEDI_CAL, Scope.ELIGIBILITY_MEDI_CAL));

    private ScopeFilter() {
    }

    /** The part of {@code record} that {@code scopes} disclose. */
    static StudentRecord filter(StudentRecord record, Set<Scope> scopes) {
        Student source = record.getStudent();
        Student.Builder student = Student.newBuilder()
                .setSsid(source.getSsid())
                .addAllLocalIds(source.getLocalIdsList())
                .setLegalName(source.getLegalName())
                .setBirthDate(source.getBirthDate())
                .setInstitutionId(source.getInstitutionId())
                .setCohortYear(source.getCohortYear())
                .setGradeLevel(source.getGradeLevel());
        for (EligibilityFlag flag : source.getEligibilityList()) {
            Scope scope = ELIGIBILITY_SCOPES.get(flag.getProgram());
            if (scope != null && scopes.contains(scope)) {
                student.addEligibility(flag);
            }
        }
        StudentRecord.Builder out = StudentRecord.newBuilder().setStudent(student);
        if (record.hasUpdatedAt()) {
            out.setUpdatedAt(record.getUpdatedAt());
        }
        if (scopes.contains(Scope.TRANSCRIPT)) {
            out.addAllCourses(record.getCoursesList())
                    .addAllEnrollments(record.getEnrollmentsList())
                    .addAllPrograms(record.getProgramsList());
        }
        if (scopes.contains(Scope.GPA)) {
            out.addAllReportedGpas(record.getReportedGpasList());
        }
        if (scopes.contains(Scope.FINANCIAL_AID_STATUS)) {
            out.addAllFinancialAid(record.getFinancialAidList());
        }
        if (scopes.contains(Scope.AWARDS)) {
            out.addAllAwards(record.getAwardsList());
        }
        if (scopes.contains(Scope.LEARNING_ARTIFACTS)) {
            out.addAllLearningArtifacts(record.getLearningArtifactsList());
        }
        if (scopes.contains(Scope.COLLEGE_APPLICATIONS)) {
            out.addAllCollegeApplications(record.getCollegeApplicationsList());
        }
        return out.build();
    }

    /**
     * The parts of {@code record} that {@code scopes} do not disclose (field names only), empty when the record
     * is within them.
     */
    static List<String> outside(StudentRecord record, Set<Scope> scopes) {
        List<String> out = new ArrayList<>();
        Student student = record.getStudent();
        if (student.hasDemographics()) {
            out.add("student.demographics");
        }
        if (student.getResidencyValue() != 0) {
            out.add("student.residency");
        }
        if (student.getCalGrantGpaOptOut()) {
            out.add("student.cal_grant_gpa_opt_out");
        }
        for (EligibilityFlag flag : student.getEligibilityList()) {
            Scope scope = ELIGIBILITY_SCOPES.get(flag.getProgram());
            if (scope == null || !scopes.contains(scope)) {
                out.add("student.eligibility[" + flag.getProgram() + "]");
            }
        }
        check(out, scopes, Scope.TRANSCRIPT, record.getCoursesCount() > 0, "courses");
        check(out, scopes, Scope.TRANSCRIPT, record.getEnrollmentsCount() > 0, "enrollments");
        check(out, scopes, Scope.TRANSCRIPT, record.getProgramsCount() > 0, "programs");
        check(out, scopes, Scope.GPA, record.getReportedGpasCount() > 0, "reported_gpas");
        check(out, scopes, Scope.FINANCIAL_AID_STATUS, record.getFinancialAidCount() > 0, "financial_aid");
        check(out, scopes, Scope.AWARDS, record.getAwardsCount() > 0, "awards");
        check(out, scopes, Scope.LEARNING_ARTIFACTS, record.getLearningArtifactsCount() > 0, "learning_artifacts");
        check(out, scopes, Scope.COLLEGE_APPLICATIONS, record.getCollegeApplicationsCount() > 0,
                "college_applications");
        return out;
    }

    private static void check(List<String> out, Set<Scope> scopes, Scope scope, boolean present, String field) {
        if (present && !scopes.contains(scope)) {
            out.add(field);
        }
    }
}
