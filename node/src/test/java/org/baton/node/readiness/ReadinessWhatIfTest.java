package org.baton.node.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.baton.node.readiness.CourseSpec.summer;
import static org.baton.node.readiness.CourseSpec.yearlong;
import static org.baton.node.readiness.TestStudents.student;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.baton.node.readiness.rules.AgSubject;
import org.baton.proto.v1.AgArea;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.StudentRecord;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** What-if planning: planned courses for the remaining terms and what they change. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReadinessWhatIfTest {

    static final LocalDate SENIOR_FALL = LocalDate.of(2025, 10, 15);

    static List<CourseRecord> plan(CourseSpec... specs) {
        List<CourseRecord> out = new ArrayList<>();
        for (CourseSpec spec : specs) {
            out.addAll(spec.records(2026, "plan"));
        }
        return out;
    }

    @Test
    void planned_senior_courses_with_grades_meet_english_and_ungraded_ones_count_as_in_progress() {
        StudentRecord record = student(2026).with(TestStudents.completeThroughEleventh()).build();
        List<CourseRecord> planned = plan(
                yearlong("ENG12", "English 12", AgArea.AG_B_ENGLISH).inGrade(12).grades("B", "B"),
                yearlong("ECON", "Economics", AgArea.AG_G_ELECTIVE).inGrade(12).grades("", ""));

        WhatIfResult result = TestStudents.ENGINE.whatIf(ReadinessInput.of(record, SENIOR_FALL), planned);

        assertThat(result.current().uc().area(AgSubject.B).status()).isEqualTo(AreaStatus.MISSING);
        assertThat(result.projected().uc().area(AgSubject.B).status()).isEqualTo(AreaStatus.MET);
        assertThat(result.projected().uc().area(AgSubject.G).status()).isEqualTo(AreaStatus.IN_PROGRESS);
        assertThat(result.projected().uc().area(AgSubject.B).used()).filteredOn(AgResult.Credit::planned)
                .extracting(AgResult.Credit::recordIds).containsExactly(List.of("plan:ENG12|2025F|S1"),
                        List.of("plan:ENG12|2025S|S2"));
        assertThat(result.changes()).extracting(WhatIfResult.Change::subject, WhatIfResult.Change::before,
                WhatIfResult.Change::after).contains(
                        org.assertj.core.groups.Tuple.tuple("UC area b", "MISSING (6/8 semesters)", "MET (8/8 semesters)"),
                        org.assertj.core.groups.Tuple.tuple("UC a-g", "MISSING", "IN_PROGRESS"));
    }

    @Test
    void a_planned_summer_course_after_11th_grade_changes_the_gpas() {
        StudentRecord record = student(2026).with(TestStudents.completeThroughEleventh()).build();
        // Now 18 A's in grades 10-11 (4.00). A planned summer B: (72 + 3) / 19 = 3.947 -> UC 3.94, Cal Grant 3.95.
        WhatIfResult result = TestStudents.ENGINE.whatIf(ReadinessInput.of(record, SENIOR_FALL),
                plan(summer("PHYS-S", "Physics (summer)", AgArea.AG_D_SCIENCE).inGrade(11).discipline("PHYSICS")
                        .grades("B")));

        assertThat(result.projected().ucGpa().unweighted()).hasValue(new BigDecimal("3.94"));
        assertThat(result.projected().calGrantGpa().value()).hasValue(new BigDecimal("3.95"));
        assertThat(result.changes()).extracting(WhatIfResult.Change::subject).contains("UC GPA (unweighted)",
                "Cal Grant GPA");
    }
}
