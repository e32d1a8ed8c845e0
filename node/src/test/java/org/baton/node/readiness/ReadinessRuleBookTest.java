package org.baton.node.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.baton.node.readiness.CourseSpec.yearlong;
import static org.baton.node.readiness.TestStudents.student;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.baton.node.readiness.rules.AgSubject;
import org.baton.node.readiness.rules.DeadlineKind;
import org.baton.node.readiness.rules.RuleBook;
import org.baton.node.readiness.rules.RuleBookLoadException;
import org.baton.proto.v1.AgArea;
import org.baton.proto.v1.HigherEdSystem;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule tables are data: loaded, validated, versioned, and changed without code. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReadinessRuleBookTest {

    static final List<String> FILES = List.of(RuleBook.UC_FILE, RuleBook.CSU_FILE, RuleBook.CAL_GRANT_FILE,
            RuleBook.TRANSFER_FILE, RuleBook.DEADLINES_FILE, RuleBook.COUNSELING_FILE);

    @TempDir
    Path dir;

    /** Copies the shipped tables into the temp dir so a test can change one. */
    void copyDefaults() throws IOException {
        for (String file : FILES) {
            try (InputStream in = RuleBook.class.getResourceAsStream("/org/baton/node/readiness/rules/" + file)) {
                Files.copy(in, dir.resolve(file));
            }
        }
    }

    void edit(String file, String from, String to) throws IOException {
        Path path = dir.resolve(file);
        String text = Files.readString(path, StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        Files.writeString(path, text.replace(from, to), StandardCharsets.UTF_8);
    }

    @Nested
    class Shipped_tables {

        @Test
        void hold_the_numbers_of_the_domain_rules_with_their_sources() {
            RuleBook rules = RuleBook.loadDefault();

            var uc = rules.uc().versions().get(0);
            assertThat(uc.gpa().minimums().resident()).isEqualTo(new BigDecimal("3.00"));
            assertThat(uc.gpa().minimums().nonResident()).isEqualTo(new BigDecimal("3.40"));
            assertThat(uc.gpa().honors().maxSemesters()).isEqualTo(8);
            assertThat(uc.gpa().honors().maxSemestersInGrade()).containsEntry(10, 4);
            assertThat(uc.ag().beforeSeniorYear().courses()).isEqualTo(11);
            assertThat(uc.ag().areas().get(AgSubject.C).sequence().level(2).byOmission()).isFalse();
            assertThat(uc.ag().areas().get(AgSubject.C).sequence().level(3).excludedValidators().get(0).source())
                    .contains("fall 2025");
            var csu = rules.csu().versions().get(0);
            assertThat(csu.gpa().collegeCourseWeight()).isEqualTo(2);
            assertThat(csu.gpa().minimums().reviewFloor()).isEqualTo(new BigDecimal("2.00"));
            assertThat(csu.ag().seniorYearRule()).isEmpty();
            assertThat(rules.calGrant().versions().get(0).awardA()).isEqualTo(new BigDecimal("3.00"));
            assertThat(rules.transfer().versions().get(0).adt().units()).isEqualTo(6000);
            assertThat(rules.deadlines().get(DeadlineKind.FAFSA_CADAA).dueFor(2026)).isEqualTo(LocalDate.of(2026, 3, 2));
            assertThat(rules.deadlines().get(DeadlineKind.FAFSA_CADAA).dueFor(2024)).isEqualTo(LocalDate.of(2024, 5, 2));
            assertThat(rules.deadlines().get(DeadlineKind.FAFSA_CADAA).dueFor(2025)).isEqualTo(LocalDate.of(2025, 4, 2));
            assertThat(rules.deadlines().get(DeadlineKind.UC_FINAL_TRANSCRIPT).dueFor(2027))
                    .isEqualTo(LocalDate.of(2027, 7, 1));
            assertThat(rules.deadlines().deadlines()).allSatisfy(d -> assertThat(d.source()).isNotBlank());
        }

        @Test
        void load_the_same_from_a_directory() throws IOException {
            copyDefaults();

            assertThat(RuleBook.load(dir)).isEqualTo(RuleBook.loadDefault());
        }
    }

    @Nested
    class A_rule_change_is_a_data_change {

        @Test
        void a_new_deadline_override_moves_the_fafsa_deadline() throws IOException {
            copyDefaults();
            edit(RuleBook.DEADLINES_FILE, "      2025: \"2025-04-02\"", "      2025: \"2025-04-02\"\n      2027: \"2027-04-15\"");
            ReadinessEngine engine = ReadinessEngine.create(RuleBook.load(dir));

            ReadinessReport r = engine.evaluate(ReadinessInput.of(student(2027).build(), LocalDate.of(2026, 11, 1)));

            assertThat(r.aid().fafsaCadaa().deadline().get().due()).isEqualTo(LocalDate.of(2027, 4, 15));
        }

        @Test
        void a_new_uc_version_for_later_cohorts_applies_to_them_only() throws IOException {
            copyDefaults();
            String uc = Files.readString(dir.resolve(RuleBook.UC_FILE));
            String version = uc.substring(uc.indexOf("  - cohortFrom: 2015"));
            Files.writeString(dir.resolve(RuleBook.UC_FILE), uc + version.replace("cohortFrom: 2015", "cohortFrom: 2030")
                    .replace("resident: 3.00", "resident: 3.20"));
            ReadinessEngine engine = ReadinessEngine.create(RuleBook.load(dir));
            TestStudents.Builder threePointOne = student(0).with(
                    yearlong("ENG10", "English 10", AgArea.AG_B_ENGLISH).inAcademicYear(2027).grades("B", "B"),
                    yearlong("ENG11", "English 11", AgArea.AG_B_ENGLISH).inAcademicYear(2028).grades("B", "B"),
                    yearlong("CHEM", "Chemistry", AgArea.AG_D_SCIENCE).inAcademicYear(2028).grades("A", "B"));

            ReadinessReport cohort2029 = engine.evaluate(ReadinessInput.of(withCohort(threePointOne, 2029),
                    LocalDate.of(2028, 10, 1)));
            ReadinessReport cohort2030 = engine.evaluate(ReadinessInput.of(withCohort(threePointOne, 2030),
                    LocalDate.of(2029, 10, 1)));

            // B x 4 + A + B = 19 / 6 = 3.16: meets 3.00 (cohort 2029), not 3.20 (cohort 2030).
            assertThat(cohort2029.ucGpa().standing()).isEqualTo(GpaStanding.MEETS_MINIMUM);
            assertThat(cohort2030.ucGpa().minimum()).isEqualTo(new BigDecimal("3.20"));
            assertThat(cohort2030.ucGpa().standing()).isEqualTo(GpaStanding.BELOW_MINIMUM);
            assertThat(cohort2030.trail(TrailScope.RECORDS)).extracting(TrailEntry::message)
                    .contains("UC rules: the version for cohorts from 2030 applies to cohort 2030.");
        }

        private org.baton.proto.v1.StudentRecord withCohort(TestStudents.Builder builder, int cohort) {
            org.baton.proto.v1.StudentRecord record = builder.build();
            org.baton.proto.v1.StudentRecord.Builder b = record.toBuilder();
            b.getStudentBuilder().setCohortYear(cohort);
            for (org.baton.proto.v1.CourseRecord.Builder c : b.getCoursesBuilderList()) {
                c.setGradeLevel(c.getTerm().getAcademicYear() - cohort + 13);
            }
            return b.build();
        }
    }

    @Nested
    class Invalid_tables {

        @Test
        void a_bad_value_names_the_file_the_key_and_the_path() throws IOException {
            copyDefaults();
            edit(RuleBook.UC_FILE, "        b:\n          years: 4", "        b:\n          years: 0");

            assertThatThrownBy(() -> RuleBook.load(dir))
                    .isInstanceOf(RuleBookLoadException.class)
                    .hasMessageStartingWith("cannot load readiness rule table uc.yaml: 'years' must be at least 1, was 0 "
                            + "at versions[0].ag.areas");
        }

        @Test
        void an_unknown_key_is_refused() throws IOException {
            copyDefaults();
            edit(RuleBook.COUNSELING_FILE, "deadlineNearDays: 30", "deadlineNearDays: 30\ndeadlineFarDays: 90");

            assertThatThrownBy(() -> RuleBook.load(dir))
                    .isInstanceOf(RuleBookLoadException.class)
                    .hasMessageContaining("cannot load readiness rule table counseling.yaml: Unrecognized field "
                            + "\"deadlineFarDays\"");
        }

        @Test
        void a_missing_deadline_is_refused() throws IOException {
            copyDefaults();
            String text = Files.readString(dir.resolve(RuleBook.DEADLINES_FILE));
            Files.writeString(dir.resolve(RuleBook.DEADLINES_FILE), text.substring(0, text.indexOf("  - kind: UC_TAG")));

            assertThatThrownBy(() -> RuleBook.load(dir))
                    .isInstanceOf(RuleBookLoadException.class)
                    .hasMessageStartingWith("cannot load readiness rule table deadlines.yaml: no deadline UC_TAG");
        }

        @Test
        void a_missing_file_is_named() {
            assertThatThrownBy(() -> RuleBook.load(dir))
                    .isInstanceOf(RuleBookLoadException.class)
                    .hasMessageStartingWith("cannot load readiness rule table uc.yaml: file not found");
        }

        @Test
        void the_admission_rules_refuse_a_system_without_first_year_rules() {
            assertThatThrownBy(() -> RuleBook.loadDefault().admission(HigherEdSystem.SYSTEM_CCC))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no first-year rules for SYSTEM_CCC");
        }
    }
}
