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
