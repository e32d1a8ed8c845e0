package org.baton.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.StudentRecord;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SerializersTest {

    @Test
    void uint64_is_eight_bytes_big_endian_so_byte_order_is_numeric_order() {
        List<Long> values = List.of(0L, 1L, 255L, 256L, 65_536L, Long.MAX_VALUE);

        for (int i = 1; i < values.size(); i++) {
            byte[] smaller = Serializers.uint64().serialize(values.get(i - 1));
            byte[] larger = Serializers.uint64().serialize(values.get(i));
            assertThat(smaller).hasSize(8);
            assertThat(Arrays.compareUnsigned(smaller, larger)).isNegative();
        }
        assertThat(Serializers.uint64().serialize(258L)).containsExactly(0, 0, 0, 0, 0, 0, 1, 2);
    }

    @Test
    void uint64_refuses_the_wrong_length() {
        assertThatThrownBy(() -> Serializers.uint64().deserialize(new byte[7]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("uint64 must be 8 bytes, got 7");
    }

    @Test
    void utf8_refuses_malformed_bytes_instead_of_replacing_them() {
        assertThatThrownBy(() -> Serializers.utf8().deserialize(new byte[] {(byte) 0xC3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stored bytes are not valid UTF-8");
    }

    @Test
    void proto_round_trips_and_refuses_garbage() {
        Serializer<StudentRecord> proto = Serializers.proto(StudentRecord.parser());
        StudentRecord record = TestRecords.student(3, 2);

        assertThat(proto.deserialize(proto.serialize(record))).isEqualTo(record);
        assertThatThrownBy(() -> proto.deserialize(new byte[] {(byte) 0xFF, (byte) 0xFF}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stored bytes are not a valid protocol buffer message");
    }

    @Test
    void map_builds_a_typed_id_serializer() {
        Serializer<StudentId> ids = Serializers.uint64().map(StudentId::new, StudentId::value);

        assertThat(ids.serialize(new StudentId(258))).containsExactly(0, 0, 0, 0, 0, 0, 1, 2);
        assertThat(ids.deserialize(ids.serialize(new StudentId(42)))).isEqualTo(new StudentId(42));
    }

    @Test
    void bytes_copies_so_callers_cannot_alias_stored_arrays() {
        byte[] original = {1, 2, 3};
        byte[] serialized = Serializers.bytes().serialize(original);
        original[0] = 9;

        assertThat(serialized).containsExactly(1, 2, 3);
    }
}
