package org.baton.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.baton.proto.v1.StudentRecord;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StudentKeysTest {

    private final StoreCrypto crypto = new StoreCrypto(StoreTestSupport.KEY);

    @Nested
    class NormaliseName {

        @Test
        void ignores_case_accents_spaces_and_punctuation() {
            assertThat(StudentKeys.normaliseName("García-López")).isEqualTo("GARCIALOPEZ");
            assertThat(StudentKeys.normaliseName(" garcia  lopez ")).isEqualTo("GARCIALOPEZ");
            assertThat(StudentKeys.normaliseName("O'Brien")).isEqualTo("OBRIEN");
            assertThat(StudentKeys.normaliseName("Nguyễn")).isEqualTo("NGUYEN");
        }

        @Test
        void keeps_letters_of_other_scripts_and_digits() {
            assertThat(StudentKeys.normaliseName("李 小龙")).isEqualTo("李小龙");
            assertThat(StudentKeys.normaliseName("Henry VIII 2")).isEqualTo("HENRYVIII2");
        }

        @Test
        void leaves_nothing_of_a_name_without_letters() {
            assertThat(StudentKeys.normaliseName(" - . ")).isEmpty();
        }

        @Test
        void an_ascii_name_normalises_as_the_full_unicode_normalisation_does() {
            StringBuilder every = new StringBuilder();
            for (char c = 0; c < 0x80; c++) {
                every.append(c);
            }
            for (String name : java.util.List.of(every.toString(), "Mary-Jane O'Neil Jr.", "de la Cruz 3rd", "",
                    "\t~`!@#$%^&*()_+={}[]|\\:;\"<>,?/ZZaa09")) {
                assertThat(StudentKeys.normaliseName(name)).as(name).isEqualTo(StudentKeys.normaliseUnicode(name));
            }
            assertThat(StudentKeys.normaliseName(every.toString()))
                    .isEqualTo("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ");
        }
    }

    @Nested
    class Hashes {

        @Test
        void are_keyed_so_another_data_key_gives_other_index_keys() {
            StudentRecord record = TestRecords.student(1, 1);
            StudentKeys mine = StudentKeys.of(record, record.toByteArray(), crypto);
            StudentKeys other = StudentKeys.of(record, record.toByteArray(), new StoreCrypto(StoreTestSupport.OTHER_KEY));

            assertThat(mine.ssid().orElseThrow()).isNotEqualTo(other.ssid().orElseThrow());
            assertThat(mine.sameAs(other)).isFalse();
        }

        @Test
        void separate_the_ssid_and_local_id_domains() {
            StudentRecord.Builder builder = TestRecords.student(1, 1).toBuilder();
            builder.getStudentBuilder().setSsid("1234567890").getLocalIdsBuilder(0).setIssuer("ssid").setValue("1234567890");
            StudentRecord record = builder.build();

            StudentKeys keys = StudentKeys.of(record, record.toByteArray(), crypto);

            assertThat(keys.ssid().orElseThrow()).isNotEqualTo(keys.localIds().get(0));
        }

        @Test
        void change_with_the_content_only_in_the_content_hash() {
            StudentRecord three = TestRecords.student(1, 3);
            StudentRecord four = TestRecords.student(1, 4);

            StudentKeys a = StudentKeys.of(three, three.toByteArray(), crypto);
            StudentKeys b = StudentKeys.of(four, four.toByteArray(), crypto);

            assertThat(a.ssid().orElseThrow()).isEqualTo(b.ssid().orElseThrow());
            assertThat(a.content()).isNotEqualTo(b.content());
            assertThat(a.sameAs(b)).isFalse();
            assertThat(a.sameAs(StudentKeys.of(three, three.toByteArray(), crypto))).isTrue();
        }
    }

    @Nested
    class StoredForm {

        @Test
        void decodes_to_what_was_encoded() {
            StudentRecord.Builder builder = TestRecords.student(1, 1).toBuilder();
            builder.getStudentBuilder().addLocalIdsBuilder().setIssuer("CCCID").setValue("ABC1234");
            StudentRecord record = builder.build();
            StudentKeys keys = StudentKeys.of(record, record.toByteArray(), crypto);

            assertThat(StudentKeys.decode(keys.encode()).sameAs(keys)).isTrue();
        }

        @Test
        void decodes_a_record_without_ssid_or_name() {
            StudentRecord.Builder builder = TestRecords.student(1, 1).toBuilder();
            builder.getStudentBuilder().clearSsid().clearLegalName();
            StudentRecord record = builder.build();
            StudentKeys keys = StudentKeys.of(record, record.toByteArray(), crypto);

            StudentKeys decoded = StudentKeys.decode(keys.encode());

            assertThat(decoded.ssid()).isEmpty();
            assertThat(decoded.nameDob()).isEmpty();
            assertThat(decoded.sameAs(keys)).isTrue();
        }

        @Test
        void refuses_truncated_bytes() {
            StudentRecord record = TestRecords.student(1, 1);
            byte[] encoded = StudentKeys.of(record, record.toByteArray(), crypto).encode();
            byte[] truncated = java.util.Arrays.copyOf(encoded, encoded.length - 1);

            assertThatThrownBy(() -> StudentKeys.decode(truncated))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("student keys are truncated (" + truncated.length + " bytes)");
        }
    }
}
