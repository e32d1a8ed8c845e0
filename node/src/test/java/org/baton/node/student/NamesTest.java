package org.baton.node.student;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NamesTest {

    @Test
    void ignores_case_accents_spaces_and_punctuation() {
        assertThat(Names.forMatching("García-López")).isEqualTo("GARCIALOPEZ");
        assertThat(Names.forMatching(" garcia  lopez ")).isEqualTo("GARCIALOPEZ");
        assertThat(Names.forMatching("O'Brien")).isEqualTo("OBRIEN");
        assertThat(Names.forMatching("Nguyễn")).isEqualTo("NGUYEN");
    }

    @Test
    void keeps_letters_of_other_scripts_and_digits() {
        assertThat(Names.forMatching("李 小龙")).isEqualTo("李小龙");
        assertThat(Names.forMatching("Henry VIII 2")).isEqualTo("HENRYVIII2");
    }

    @Test
    void leaves_nothing_of_a_name_without_letters() {
        assertThat(Names.forMatching(" - . ")).isEmpty();
    }

    @Test
    void an_ascii_name_normalises_as_the_full_unicode_normalisation_does() {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            every.append(c);
        }
        for (String name : java.util.List.of(every.toString(), "Mary-Jane O'Neil Jr.", "de la Cruz 3rd", "",
                "\t~`!@#$%^&*()_+={}[]|\\:;\"<>,?/ZZaa09")) {
            assertThat(Names.forMatching(name)).as(name).isEqualTo(Names.forMatchingUnicode(name));
        }
        assertThat(Names.forMatching(every.toString()))
                .isEqualTo("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ");
    }
}
