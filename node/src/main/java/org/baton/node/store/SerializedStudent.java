package org.baton.node.store;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.Objects;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;

/**
 * A stored student whose record is still serialized: only its {@code student} part (identity, demographics,
 * eligibility) is read. For callers that match a student and pass the record on without reading its courses, such
 * as an exchange building a package.
 *
 * <p>Personal data: never log {@link #student()} or the bytes.
 */
public final class SerializedStudent {

    private final StudentId id;
    private final Student student;
    private final byte[] serialized;

    private SerializedStudent(StudentId id, Student student, byte[] serialized) {
        this.id = id;
        this.student = student;
        this.serialized = serialized;
    }

    /**
     * Reads the {@code student} part of a serialized {@link StudentRecord}, as parsing the whole record would (every
     * occurrence of the field merged, the other fields skipped unread).
     *
     * @param serialized a serialized {@code StudentRecord}; kept, not copied: the caller gives it up
     * @throws InvalidProtocolBufferException if the bytes are not a well-formed {@code StudentRecord} at its top
     *     level or in its {@code student} part
     */
    public static SerializedStudent of(StudentId id, byte[] serialized) throws InvalidProtocolBufferException {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(serialized, "serialized");
        return new SerializedStudent(id, readStudent(serialized), serialized);
    }

    private static Student readStudent(byte[] serialized) throws InvalidProtocolBufferException {
        CodedInputStream in = CodedInputStream.newInstance(serialized);
        Student.Builder student = Student.newBuilder();
        try {
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (WireFormat.getTagFieldNumber(tag) == StudentRecord.STUDENT_FIELD_NUMBER
                        && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    in.readMessage(student, ExtensionRegistryLite.getEmptyRegistry());
                } else if (!in.skipField(tag)) {
                    break;
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidProtocolBufferException(e);
        }
        return student.build();
    }

    /** The store's key for the student. */
    public StudentId id() {
        return id;
    }

    /** The record's {@code student} part. */
    public Student student() {
        return student;
    }

    /** The whole record as stored, serialized. The array is shared: do not change it. */
    public byte[] serialized() {
        return serialized;
    }

    @Override
    public String toString() {
        // Never print the record: it is personal data.
        return "SerializedStudent[id=" + id + "]";
    }
}
