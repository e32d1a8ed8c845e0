package org.baton.node.exchange;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.baton.ledger.Scope;
import org.baton.node.store.SerializedStudent;
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
 *   <tr><th>AG_STATUS</th><td>the UC and CSU a-g status the source's readiness engine computes from its record
 *       ({@link AgStatusSource}): statuses and semester counts, no courses; the source adds it, since the stored
 *       record never holds it</td></tr>
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
        StudentRecord.Builder out = StudentRecord.newBuilder().setStudent(identity(record.getStudent(), scopes));
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
     * The part of a stored record that {@code scopes} disclose, serialized, without reading the record into objects:
     * the filtered {@code student} part, then every other top-level field a scope discloses, copied as it is
     * stored. Parsed, it equals {@link #filter(StudentRecord, Set)} of the parsed record; for a record serialized
     * by protobuf (fields in number order, each once) the bytes are the same too.
     *
     * @throws IllegalStateException if the bytes are not a well-formed record at the top level, which
     *     {@link SerializedStudent#of} already checked
     */
    static byte[] filter(SerializedStudent stored, Set<Scope> scopes) {
        byte[] in = stored.serialized();
        int[] ranges = new int[8];
        int count = 0;
        int kept = 0;
        CodedInputStream scan = CodedInputStream.newInstance(in);
        try {
            while (true) {
                int start = scan.getTotalBytesRead();
                int tag = scan.readTag();
                if (tag == 0 || !scan.skipField(tag)) {
                    break;
                }
                if (!discloses(tag, scopes)) {
                    continue;
                }
                int end = scan.getTotalBytesRead();
                kept += end - start;
                if (count > 0 && ranges[count - 1] == start) {
                    ranges[count - 1] = end;
                    continue;
                }
                if (count == ranges.length) {
                    ranges = Arrays.copyOf(ranges, count * 2);
                }
                ranges[count++] = start;
                ranges[count++] = end;
            }
        } catch (IOException e) {
            throw new IllegalStateException("the stored record of student " + stored.id()
                    + " is not well formed at its top level", e);
        }
        Student identity = identity(stored.student(), scopes);
        int identitySize = identity.getSerializedSize();
        byte[] out = new byte[CodedOutputStream.computeTagSize(StudentRecord.STUDENT_FIELD_NUMBER)
                + CodedOutputStream.computeUInt32SizeNoTag(identitySize) + identitySize + kept];
        CodedOutputStream write = CodedOutputStream.newInstance(out);
        try {
            write.writeMessage(StudentRecord.STUDENT_FIELD_NUMBER, identity);
            for (int i = 0; i < count; i += 2) {
                write.writeRawBytes(in, ranges[i], ranges[i + 1] - ranges[i]);
            }
            write.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new IllegalStateException("the filtered record of student " + stored.id()
                    + " did not fill the " + out.length + " bytes computed for it", e);
        }
        return out;
    }

    /** Whether a top-level field of a stored record, by its tag, is disclosed under {@code scopes}. */
    private static boolean discloses(int tag, Set<Scope> scopes) {
        if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            return false; // every disclosed field is a message; anything else is unknown and dropped, as filter does
        }
        return switch (WireFormat.getTagFieldNumber(tag)) {
            case StudentRecord.UPDATED_AT_FIELD_NUMBER -> true;
            case StudentRecord.COURSES_FIELD_NUMBER, StudentRecord.ENROLLMENTS_FIELD_NUMBER,
                    StudentRecord.PROGRAMS_FIELD_NUMBER -> scopes.contains(Scope.TRANSCRIPT);
            case StudentRecord.REPORTED_GPAS_FIELD_NUMBER -> scopes.contains(Scope.GPA);
            case StudentRecord.FINANCIAL_AID_FIELD_NUMBER -> scopes.contains(Scope.FINANCIAL_AID_STATUS);
            case StudentRecord.AWARDS_FIELD_NUMBER -> scopes.contains(Scope.AWARDS);
            case StudentRecord.LEARNING_ARTIFACTS_FIELD_NUMBER -> scopes.contains(Scope.LEARNING_ARTIFACTS);
            case StudentRecord.COLLEGE_APPLICATIONS_FIELD_NUMBER -> scopes.contains(Scope.COLLEGE_APPLICATIONS);
            default -> false; // the student part is written filtered; unknown fields are dropped
        };
    }

    /** The student's identity, and the eligibility flags {@code scopes} disclose. */
    private static Student identity(Student source, Set<Scope> scopes) {
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
        return student.build();
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
        check(out, scopes, Scope.AG_STATUS, record.getAgStatusCount() > 0, "ag_status");
        return out;
    }

    private static void check(List<String> out, Set<Scope> scopes, Scope scope, boolean present, String field) {
        if (present && !scopes.contains(scope)) {
            out.add(field);
        }
    }
}
