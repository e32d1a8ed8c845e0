package org.baton.node.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.baton.node.readiness.TestStudents.student;

import java.time.LocalDate;
import org.baton.node.readiness.rules.DeadlineKind;
import org.baton.proto.v1.AidApplicationKind;
import org.baton.proto.v1.AidApplicationStatus;
import org.baton.proto.v1.ApplicationStatus;
import org.baton.proto.v1.GpaKind;
import org.baton.proto.v1.HigherEdSystem;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Financial aid, applications and deadlines (DOMAIN.md §2-§3). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReadinessAidTest {

    static ReadinessReport evaluate(TestStudents.Builder builder, LocalDate asOf) {
        return TestStudents.evaluate(builder.build(), asOf);
    }

    @Nested
    class Fafsa_and_cadaa {

        @Test
        void the_deadline_is_march_2_of_the_award_year_normally() {
            ReadinessReport r = evaluate(student(2027), LocalDate.of(2026, 11, 1));

            AidReport.AidItem fafsa = r.aid().fafsaCadaa();
            assertThat(fafsa.awardYear()).isEqualTo("2027-28");
            assertThat(fafsa.status()).isEqualTo(AidApplicationStatus.AID_NOT_STARTED);
            assertThat(fafsa.deadline()).hasValueSatisfying(d -> {
                assertThat(d.due()).isEqualTo(LocalDate.of(2027, 3, 2));
                assertThat(d.opens()).hasValue(LocalDate.of(2026, 10, 1));
                assertThat(d.daysLeft()).isEqualTo(121);
            });
        }

        @Test
        void the_deadline_was_may_2_in_2024_and_april_2_in_2025() {
            assertThat(evaluate(student(2024), LocalDate.of(2023, 11, 1)).aid().fafsaCadaa().deadline().get().due())
                    .isEqualTo(LocalDate.of(2024, 5, 2));
            assertThat(evaluate(student(2025), LocalDate.of(2024, 11, 1)).aid().fafsaCadaa().deadline().get().due())
                    .isEqualTo(LocalDate.of(2025, 4, 2));
        }

        @Test
        void a_submitted_application_has_no_deadline_left_and_confirms_ed_code_51225_7() {
            ReadinessReport r = evaluate(student(2027).aid(AidApplicationKind.FAFSA, "2027-28",
                    AidApplicationStatus.AID_SUBMITTED), LocalDate.of(2026, 11, 15));

            assertThat(r.aid().fafsaCadaa().complete()).isTrue();
            assertThat(r.aid().fafsaCadaa().kind()).hasValue(AidApplicationKind.FAFSA);
            assertThat(r.aid().fafsaCadaa().deadline()).isEmpty();
            assertThat(r.aid().edCode51225_7()).isEqualTo(AidReport.Confirmation.SUBMITTED);
        }

        @Test
        void the_opt_out_form_also_confirms_and_nothing_on_record_does_not() {
            ReadinessReport optedOut = evaluate(student(2027).aid(AidApplicationKind.CADAA, "2027-28",
                    AidApplicationStatus.AID_OPTED_OUT), LocalDate.of(2027, 1, 10));
            ReadinessReport nothing = evaluate(student(2027), LocalDate.of(2027, 1, 10));
            ReadinessReport junior = evaluate(student(2027).gradeLevel(11), LocalDate.of(2026, 1, 10));

            assertThat(optedOut.aid().edCode51225_7()).isEqualTo(AidReport.Confirmation.OPTED_OUT);
            assertThat(nothing.aid().edCode51225_7()).isEqualTo(AidReport.Confirmation.NOT_CONFIRMED);
            assertThat(nothing.trail(TrailScope.AID)).extracting(TrailEntry::message).contains(
                    "Ed Code 51225.7 (seniors): not confirmed: neither an application nor an opt-out form is on record.");
            assertThat(junior.aid().edCode51225_7()).isEqualTo(AidReport.Confirmation.NOT_APPLICABLE);
        }
    }

    @Nested
    class Cal_grant_gpa_upload {

        @Test
        void a_seniors_gpa_not_uploaded_is_due_october_1() {
            ReadinessReport r = evaluate(student(2027), LocalDate.of(2026, 9, 15));

            assertThat(r.aid().calGrantUpload().status()).isEqualTo(AidReport.UploadStatus.NOT_UPLOADED);
            assertThat(r.aid().calGrantUpload().deadline()).hasValueSatisfying(d -> {
                assertThat(d.due()).isEqualTo(LocalDate.of(2026, 10, 1));
                assertThat(d.daysLeft()).isEqualTo(16);
            });
            assertThat(r.aid().nextDeadline()).hasValueSatisfying(d ->
                    assertThat(d.kind()).isEqualTo(DeadlineKind.CAL_GRANT_GPA_UPLOAD));
        }

        @Test
        void an_uploaded_gpa_shows_its_date_and_an_opt_out_needs_no_upload() {
            ReadinessReport uploaded = evaluate(student(2027).reportedGpa(GpaKind.GPA_CAL_GRANT, 3500, "2026-09-20"),
                    LocalDate.of(2026, 10, 15));
            ReadinessReport optedOut = evaluate(student(2027).optedOutOfCalGrantUpload(), LocalDate.of(2026, 9, 15));

            assertThat(uploaded.aid().calGrantUpload().status()).isEqualTo(AidReport.UploadStatus.UPLOADED);
            assertThat(uploaded.aid().calGrantUpload().uploadedOn()).hasValue("2026-09-20");
            assertThat(optedOut.aid().calGrantUpload().status()).isEqualTo(AidReport.UploadStatus.OPTED_OUT);
            assertThat(optedOut.aid().deadlines()).extracting(UpcomingDeadline::kind)
                    .doesNotContain(DeadlineKind.CAL_GRANT_GPA_UPLOAD);
        }

        @Test
        void juniors_are_offered_the_opt_out_by_january_1() {
            ReadinessReport r = evaluate(student(2027).gradeLevel(11), LocalDate.of(2025, 10, 1));

            assertThat(r.aid().deadlines()).extracting(UpcomingDeadline::kind, UpcomingDeadline::due).contains(
                    org.assertj.core.groups.Tuple.tuple(DeadlineKind.CAL_GRANT_OPT_OUT_NOTICE, LocalDate.of(2026, 1, 1)));
        }
    }

    @Nested
    class Applications {

        @Test
        void a_started_uc_application_is_due_at_the_end_of_the_filing_period() {
            ReadinessReport r = evaluate(student(2027).application(HigherEdSystem.SYSTEM_UC, "UC Davis", 2027,
                    ApplicationStatus.APP_STARTED, false), LocalDate.of(2026, 10, 20));

            assertThat(r.aid().applications()).singleElement().satisfies(a -> {
                assertThat(a.entryTerm()).isEqualTo("fall 2027");
                assertThat(a.deadline()).hasValueSatisfying(d -> {
                    assertThat(d.kind()).isEqualTo(DeadlineKind.UC_APPLICATION);
                    assertThat(d.opens()).hasValue(LocalDate.of(2026, 10, 1));
                    assertThat(d.due()).isEqualTo(LocalDate.of(2026, 11, 30));
                });
            });
        }

        @Test
        void an_admitted_student_owes_final_transcripts_by_july_1() {
            ReadinessReport r = evaluate(student(2027).application(HigherEdSystem.SYSTEM_UC, "UC Irvine", 2027,
                    ApplicationStatus.APP_INTENT_TO_REGISTER, false), LocalDate.of(2027, 5, 15));

            assertThat(r.aid().applications().get(0).deadline()).hasValueSatisfying(d -> {
                assertThat(d.kind()).isEqualTo(DeadlineKind.UC_FINAL_TRANSCRIPT);
                assertThat(d.due()).isEqualTo(LocalDate.of(2027, 7, 1));
            });
        }

        @Test
        void a_community_college_student_sees_the_next_tag_filing_period() {
            ReadinessReport march = evaluate(student(2023).gradeLevel(13).institution(TestStudents.COLLEGE),
                    LocalDate.of(2026, 3, 10));
            ReadinessReport october = evaluate(student(2023).gradeLevel(13).institution(TestStudents.COLLEGE),
                    LocalDate.of(2026, 10, 5));

            assertThat(march.aid().deadlines()).filteredOn(d -> d.kind() == DeadlineKind.UC_TAG).singleElement()
                    .satisfies(d -> {
                        assertThat(d.opens()).hasValue(LocalDate.of(2026, 9, 1));
                        assertThat(d.due()).isEqualTo(LocalDate.of(2026, 9, 30));
                    });
            assertThat(october.aid().deadlines()).filteredOn(d -> d.kind() == DeadlineKind.UC_TAG).singleElement()
                    .satisfies(d -> assertThat(d.due()).isEqualTo(LocalDate.of(2027, 9, 30)));
        }

        @Test
        void deadlines_come_soonest_first() {
            ReadinessReport r = evaluate(student(2027), LocalDate.of(2026, 9, 15));

            assertThat(r.aid().deadlines()).extracting(UpcomingDeadline::kind).containsExactly(
                    DeadlineKind.CAL_GRANT_GPA_UPLOAD, DeadlineKind.UC_APPLICATION, DeadlineKind.FAFSA_CADAA);
        }
    }
}
