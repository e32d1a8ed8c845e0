package org.baton.node.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.baton.proto.v1.Demographics;
import org.baton.proto.v1.PersonName;
import org.baton.proto.v1.Student;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ResemblanceTest {

    private static Student student(String first, String middle, String last, String birth, String gender) {
        return Student.newBuilder()
                .setLegalName(PersonName.newBuilder().setFirst(first).setMiddle(middle).setLast(last))
                .setBirthDate(birth)
                .setDemographics(Demographics.newBuilder().setGender(gender))
                .build();
    }

    private static Student student(String first, String last, String birth) {
        return student(first, "", last, birth, "F");
    }

    private static Optional<Resemblance> between(Student one, Student other) {
        Optional<Resemblance> forward = Resemblance.between(Identity.of(one).orElseThrow(),
                Identity.of(other).orElseThrow());
        // Each student's finding names the other: the rule must not depend on which one is checked.
        assertThat(Resemblance.between(Identity.of(other).orElseThrow(), Identity.of(one).orElseThrow()))
                .isEqualTo(forward);
        return forward;
    }

    private static final Student ANA = student("Ana", "Martínez", "2009-04-02");

    @Nested
    class one_person_under_two_records {

        @Test
        void the_same_name_and_birth_date_without_case_accents_or_punctuation() {
            assertThat(between(ANA, student("ANA", "Martinez", "2009-04-02")))
                    .contains(Resemblance.SAME_NAME_AND_BIRTH_DATE);
        }

        @Test
        void a_first_name_mistyped_by_a_letter() {
            assertThat(between(student("Jonathan", "Reyes", "2008-01-15"), student("Jonathon", "Reyes", "2008-01-15")))
                    .contains(Resemblance.FIRST_NAME_VARIANT);
            // Two neighbours swapped, a letter dropped.
            assertThat(between(student("Sofia", "Reyes", "2008-01-15"), student("Sofai", "Reyes", "2008-01-15")))
                    .contains(Resemblance.FIRST_NAME_VARIANT);
            assertThat(between(student("Natalie", "Reyes", "2008-01-15"), student("Natale", "Reyes", "2008-01-15")))
                    .contains(Resemblance.FIRST_NAME_VARIANT);
        }

        @Test
        void a_long_first_name_mistyped_by_two_letters() {
            assertThat(between(student("Christopher", "Reyes", "2008-01-15"),
                    student("Kristopher", "Reyes", "2008-01-15"))).contains(Resemblance.FIRST_NAME_VARIANT);
        }

        @Test
        void a_first_name_and_its_start_or_its_short_form() {
            assertThat(between(student("Alexander", "Reyes", "2008-01-15"), student("Alex", "Reyes", "2008-01-15")))
                    .contains(Resemblance.FIRST_NAME_VARIANT);
            assertThat(between(student("María José", "Reyes", "2008-01-15"), student("Maria", "Reyes", "2008-01-15")))
                    .contains(Resemblance.FIRST_NAME_VARIANT);
            assertThat(between(student("Guadalupe", "Reyes", "2008-01-15"), student("Lupe", "Reyes", "2008-01-15")))
                    .contains(Resemblance.FIRST_NAME_VARIANT);
            assertThat(between(student("Bill", "Reyes", "2008-01-15"), student("William", "Reyes", "2008-01-15")))
                    .contains(Resemblance.FIRST_NAME_VARIANT);
        }

        @Test
        void a_last_name_of_two_and_one_of_its_parts_or_a_last_name_mistyped() {
            assertThat(between(ANA, student("Ana", "Martínez López", "2009-04-02")))
                    .contains(Resemblance.LAST_NAME_VARIANT);
            assertThat(between(ANA, student("Ana", "López-Martínez", "2009-04-02")))
                    .contains(Resemblance.LAST_NAME_VARIANT);
            assertThat(between(student("Ana", "Cruz", "2009-04-02"), student("Ana", "de la Cruz", "2009-04-02")))
                    .contains(Resemblance.LAST_NAME_VARIANT);
            assertThat(between(ANA, student("Ana", "Martinex", "2009-04-02")))
                    .contains(Resemblance.LAST_NAME_VARIANT);
        }

        @Test
        void first_and_last_names_swapped() {
            assertThat(between(ANA, student("Martínez", "Ana", "2009-04-02"))).contains(Resemblance.NAMES_SWAPPED);
        }

        @Test
        void day_and_month_of_birth_swapped() {
            assertThat(between(ANA, student("Ana", "Martínez", "2009-02-04")))
                    .contains(Resemblance.BIRTH_DAY_AND_MONTH_SWAPPED);
        }

        @Test
        void a_missing_gender_or_middle_name_or_an_initial_does_not_tell_them_apart() {
            Student isabel = student("Ana", "Isabel", "Martínez", "2009-04-02", "F");

            assertThat(between(isabel, student("Ana", "", "Martínez", "2009-04-02", ""))).isPresent();
            assertThat(between(isabel, student("Ana", "I.", "Martínez", "2009-04-02", "F"))).isPresent();
            assertThat(between(isabel, student("Ana", "isabel", "Martinez", "2009-04-02", "f"))).isPresent();
        }
    }

    @Nested
    class two_people {

        @Test
        void another_gender_or_another_middle_name() {
            Student isabel = student("Ana", "Isabel", "Martínez", "2009-04-02", "F");

            assertThat(between(isabel, student("Ana", "Isabel", "Martínez", "2009-04-02", "M"))).isEmpty();
            assertThat(between(isabel, student("Ana", "Lucía", "Martínez", "2009-04-02", "F"))).isEmpty();
            assertThat(between(isabel, student("Ana", "L", "Martínez", "2009-04-02", "F"))).isEmpty();
            assertThat(between(isabel, student("Ano", "Lucía", "Martínez", "2009-04-02", "F"))).isEmpty();
        }

        @Test
        void another_birth_date_than_day_and_month_swapped() {
            assertThat(between(ANA, student("Ana", "Martínez", "2009-04-03"))).isEmpty();
            assertThat(between(ANA, student("Ana", "Martínez", "2010-02-04"))).isEmpty();
            // A day over 12 cannot be a month.
            assertThat(between(student("Ana", "Martínez", "2009-04-20"), student("Ana", "Martínez", "2009-04-21")))
                    .isEmpty();
        }

        @Test
        void a_name_and_another_birth_date_never_both() {
            assertThat(between(ANA, student("Anna", "Martínez", "2009-02-04"))).isEmpty();
            assertThat(between(ANA, student("Ana", "Martin", "2009-04-03"))).isEmpty();
        }

        @Test
        void names_more_than_a_slip_apart() {
            assertThat(between(ANA, student("Andrea", "Martínez", "2009-04-02"))).isEmpty();
            assertThat(between(ANA, student("Aan", "Martínez", "2009-04-02"))).isEmpty(); // too short to tell
            assertThat(between(ANA, student("Ana", "Martin", "2009-04-02"))).isEmpty(); // not a word of the other
            assertThat(between(student("Li", "Chen", "2009-04-02"), student("Le", "Chen", "2009-04-02"))).isEmpty();
            assertThat(between(student("Ana", "Le", "2009-04-02"), student("Ana", "Lee", "2009-04-02"))).isEmpty();
            assertThat(between(student("Jun", "Kim", "2009-04-02"), student("Juan", "Kim", "2009-04-02"))).isEmpty();
        }

        @Test
        void twins_with_other_names() {
            assertThat(between(student("Mateo", "", "Reyes", "2009-04-02", "M"),
                    student("Daniel", "", "Reyes", "2009-04-02", "M"))).isEmpty();
        }
    }

    @Test
    void a_record_without_a_last_name_or_a_valid_birth_date_has_no_identity_to_compare() {
        assertThat(Identity.of(student("Ana", "", "2009-04-02"))).isEmpty();
        assertThat(Identity.of(student("Ana", "Martínez", ""))).isEmpty();
        assertThat(Identity.of(student("Ana", "Martínez", "2009-02-30"))).isEmpty();
        assertThat(Identity.of(ANA).orElseThrow().toString()).doesNotContain("ANA").doesNotContain("MARTINEZ");
    }

    @Test
    void the_distance_counts_insertions_deletions_substitutions_and_neighbour_swaps_up_to_a_limit() {
        assertThat(Resemblance.distance("SOFIA", "SOFIA", 2)).isZero();
        assertThat(Resemblance.distance("SOFIA", "SOFAI", 2)).isEqualTo(1);
        assertThat(Resemblance.distance("SOFIA", "SOPHIA", 2)).isEqualTo(2);
        assertThat(Resemblance.distance("ANA", "MARTINEZ", 2)).isEqualTo(3);
        assertThat(Resemblance.distance("", "ABC", 5)).isEqualTo(3);
    }
}
