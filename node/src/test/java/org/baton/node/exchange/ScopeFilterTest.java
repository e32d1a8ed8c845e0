package org.baton.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Random;
import org.baton.ledger.Scope;
import org.baton.node.store.SerializedStudent;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.AcademicProgram;
import org.baton.proto.v1.Award;
import org.baton.proto.v1.CollegeApplication;
import org.baton.proto.v1.EligibilityFlag;
import org.baton.proto.v1.EligibilityProgram;
import org.baton.proto.v1.AgStatusSummary;
import org.baton.proto.v1.HigherEdSystem;
import org.baton.proto.v1.LearningArtifact;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ScopeFilterTest {

    private final StudentRecord full = Students.record(1, "19647330000000", 4);

    @Nested
    class Filter {

        @Test
        void always_keeps_the_identity_and_never_demographics_residency_or_the_opt_out() {
            StudentRecord out = ScopeFilter.filter(full, EnumSet.of(Scope.AG_STATUS));

            assertThat(out.getStudent().getSsid()).isEqualTo(full.getStudent().getSsid());
            assertThat(out.getStudent().getLegalName()).isEqualTo(full.getStudent().getLegalName());
            assertThat(out.getStudent().getBirthDate()).isEqualTo(full.getStudent().getBirthDate());
            assertThat(out.getStudent().getLocalIdsList()).isEqualTo(full.getStudent().getLocalIdsList());
            assertThat(out.getStudent().hasDemographics()).isFalse();
            assertThat(out.getStudent().getResidencyValue()).isZero();
            assertThat(out.getCoursesCount() + out.getReportedGpasCount() + out.getFinancialAidCount()).isZero();
        }

        @Test
        void gives_the_transcript_as_courses_enrollments_and_programs() {
            StudentRecord out = ScopeFilter.filter(full, EnumSet.of(Scope.TRANSCRIPT));

            assertThat(out.getCoursesList()).isEqualTo(full.getCoursesList());
            assertThat(out.getEnrollmentsList()).isEqualTo(full.getEnrollmentsList());
            assertThat(out.getReportedGpasCount()).isZero();
        }

        @Test
        void gives_each_eligibility_flag_only_under_its_own_scope() {
            StudentRecord out = ScopeFilter.filter(full, EnumSet.of(Scope.ELIGIBILITY_CALFRESH, Scope.GPA));

            assertThat(out.getStudent().getEligibilityList()).extracting(EligibilityFlag::getProgram)
                    .containsExactly(EligibilityProgram.CALFRESH);
            assertThat(out.getReportedGpasList()).isEqualTo(full.getReportedGpasList());
        }
    }

    @Nested
    class Outside {

        @Test
        void is_empty_for_what_the_filter_gives() {
            EnumSet<Scope> scopes = EnumSet.of(Scope.TRANSCRIPT, Scope.FINANCIAL_AID_STATUS);

            assertThat(ScopeFilter.outside(ScopeFilter.filter(full, scopes), scopes)).isEmpty();
        }

        @Test
        void names_every_part_the_scopes_do_not_disclose() {
            assertThat(ScopeFilter.outside(full, EnumSet.of(Scope.TRANSCRIPT, Scope.ELIGIBILITY_FOSTER_YOUTH)))
                    .containsExactly("student.demographics", "student.residency", "student.eligibility[CALFRESH]",
                            "reported_gpas", "financial_aid");
        }

        @Test
        void names_an_ag_status_outside_the_ag_status_scope_and_takes_it_within() {
            StudentRecord withStatus = ScopeFilter.filter(full, EnumSet.of(Scope.TRANSCRIPT)).toBuilder()
                    .addAgStatus(AgStatusSummary.newBuilder().setSystem(HigherEdSystem.SYSTEM_UC))
                    .build();

            assertThat(ScopeFilter.outside(withStatus, EnumSet.of(Scope.TRANSCRIPT))).containsExactly("ag_status");
            assertThat(ScopeFilter.outside(withStatus, EnumSet.of(Scope.TRANSCRIPT, Scope.AG_STATUS))).isEmpty();
        }

        @Test
        void a_stored_ag_status_is_never_passed_on_the_source_computes_its_own() throws Exception {
            byte[] stored = full.toBuilder()
                    .addAgStatus(AgStatusSummary.newBuilder().setSystem(HigherEdSystem.SYSTEM_CSU))
                    .build().toByteArray();

            byte[] out = ScopeFilter.filter(SerializedStudent.of(new StudentId(7), stored), EnumSet.allOf(Scope.class));

            assertThat(StudentRecord.parseFrom(out).getAgStatusCount()).isZero();
        }
    }

    @Nested
    class Serialized {

        /** Every top-level part a scope can disclose, and some no scope does. */
        private final StudentRecord everything = full.toBuilder()
                .addAwards(Award.getDefaultInstance())
                .addLearningArtifacts(LearningArtifact.getDefaultInstance())
                .addCollegeApplications(CollegeApplication.getDefaultInstance())
                .addPrograms(AcademicProgram.getDefaultInstance())
                .build();

        private SerializedStudent stored(byte[] bytes) throws InvalidProtocolBufferException {
            return SerializedStudent.of(new StudentId(7), bytes);
        }

        @Test
        void gives_the_bytes_of_the_parsed_record_filtered_for_every_set_of_scopes() throws Exception {
            SerializedStudent stored = stored(everything.toByteArray());
            Scope[] all = Scope.values();
            Random random = new Random(20261129);
            for (int round = 0; round < 400; round++) {
                EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
                for (Scope scope : all) {
                    if (random.nextBoolean()) {
                        scopes.add(scope);
                    }
                }

                assertThat(ScopeFilter.filter(stored, scopes)).as("scopes %s", scopes)
                        .isEqualTo(ScopeFilter.filter(everything, scopes).toByteArray());
            }
        }

        @Test
        void drops_unknown_fields_and_known_numbers_of_another_wire_type() throws Exception {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.writeUInt64(StudentRecord.COURSES_FIELD_NUMBER, 42); // a course number as a varint: not a course
            out.writeString(99, "unknown");
            out.flush();
            bytes.write(everything.toByteArray());
            StudentRecord parsed = StudentRecord.parseFrom(bytes.toByteArray());
            EnumSet<Scope> scopes = EnumSet.of(Scope.TRANSCRIPT, Scope.AWARDS);

            StudentRecord filtered = StudentRecord.parseFrom(ScopeFilter.filter(stored(bytes.toByteArray()), scopes));

            assertThat(filtered).isEqualTo(ScopeFilter.filter(parsed, scopes));
            assertThat(filtered.getUnknownFields().asMap()).isEmpty();
            assertThat(filtered.getCoursesList()).isEqualTo(everything.getCoursesList());
        }

        @Test
        void reads_a_student_part_given_twice_as_parsing_merges_it() throws Exception {
            Student more = Student.newBuilder().setGradeLevel(11).addEligibility(EligibilityFlag.newBuilder()
                    .setProgram(EligibilityProgram.MEDI_CAL)).build();
            byte[] twice = everything.toBuilder().clearStudent().setStudent(more).build().toByteArray();
            byte[] bytes = Arrays.copyOf(everything.toByteArray(), everything.getSerializedSize() + twice.length);
            System.arraycopy(twice, 0, bytes, everything.getSerializedSize(), twice.length);
            StudentRecord parsed = StudentRecord.parseFrom(bytes);
            EnumSet<Scope> scopes = EnumSet.of(Scope.ELIGIBILITY_MEDI_CAL, Scope.GPA);

            assertThat(stored(bytes).student()).isEqualTo(parsed.getStudent());
            assertThat(StudentRecord.parseFrom(ScopeFilter.filter(stored(bytes), scopes)))
                    .isEqualTo(ScopeFilter.filter(parsed, scopes));
        }

        @Test
        void refuses_bytes_that_are_not_a_record() {
            byte[] truncated = Arrays.copyOf(everything.toByteArray(), everything.getSerializedSize() - 3);

            assertThatThrownBy(() -> stored(truncated)).isInstanceOf(InvalidProtocolBufferException.class)
                    .hasMessageContaining("truncated");
        }
    }
}
