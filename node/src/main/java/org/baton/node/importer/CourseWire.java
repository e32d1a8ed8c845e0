package org.baton.node.importer;

import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.baton.proto.v1.CollegeCourse;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.Term;

/**
 * Writes one CSV course row straight into the protobuf wire form of a {@code CourseRecord}, byte for byte what
 * {@code CourseRecord.toByteArray()} gives for the same fields (fields in number order, defaults left out). Course
 * rows are most of an import (14 million for a large district); writing their final bytes on the parallel reading
 * threads lets the load phase put them into the student's record without building or re-encoding a message.
 * Reused from row to row by one thread.
 */
final class CourseWire {

    /** The CSV term codes {@link Checks#term} accepts, by index. */
    static final java.util.List<String> TERM_CODES = java.util.List.of(
            "FY", "S1", "S2", "Q1", "Q2", "Q3", "Q4", "T1", "T2", "T3", "SU", "IS");

    /**
     * Serialized terms by {@code (year - 1900) * TERM_CODES.size() + code index}, shared by the reading threads;
     * the atomic array publishes each entry safely (a racing second encoding writes equal bytes).
     */
    private static final AtomicReferenceArray<byte[]> TERMS = new AtomicReferenceArray<>(300 * TERM_CODES.size());

    private byte[] buf = new byte[1024];
    private int length;

    /** The encoded bytes (valid up to {@link #length()}). */
    byte[] bytes() {
        return buf;
    }

    int length() {
        return length;
    }

    /** The index of a term code accepted by {@link Checks#term}. */
    static int termIndex(String code) {
        int i = TERM_CODES.indexOf(code);
        if (i < 0) {
            throw new IllegalArgumentException("not a known term code: " + code);
        }
        return i;
    }

    /** The serialized term of a CSV row (cached: a district has a few dozen distinct terms). */
    static byte[] term(Term term) {
        int slot = (term.getAcademicYear() - 1900) * TERM_CODES.size() + termIndex(term.getCode());
        byte[] bytes = TERMS.get(slot);
        if (bytes == null) {
            bytes = term.toByteArray();
            TERMS.set(slot, bytes);
        }
        return bytes;
    }

    /**
     * The serialized term of academic year {@code year} (1950 to 2150) and the term code at {@code index} of
     * {@link #TERM_CODES}: what {@link #term(Term)} gives for the term {@link Checks#term} makes of them.
     */
    static byte[] term(int year, int index) {
        byte[] bytes = TERMS.get((year - 1900) * TERM_CODES.size() + index);
        if (bytes != null) {
            return bytes;
        }
        RowProblems problems = new RowProblems();
        Term t = Checks.term(problems, "AcademicTermCode", TERM_CODES.get(index), year);
        if (t == null) {
            throw new IllegalArgumentException("not a term: " + TERM_CODES.get(index) + " " + year);
        }
        return term(t);
    }

    /**
     * Encodes a course.
     *
     * @param college the college-course part, or null for a high-school course
     */
    void write(String recordId, String institution, String school, String localCourseId, String stateCode,
            String title, Term term, String completed, int gradeLevel, int attempted, int earned, String letter,
            int agArea, boolean honors, String discipline, int sequence, int category, CollegeCourse college,
            int segment) {
        byte[] termBytes = term(term);
        byte[] collegeBytes = college == null ? null : college.toByteArray();
        while (true) {
            try {
                CodedOutputStream out = CodedOutputStream.newInstance(buf);
                string(out, 1, recordId);
                string(out, 2, institution);
                string(out, 3, school);
                string(out, 4, localCourseId);
                string(out, 5, stateCode);
                string(out, 6, title);
                out.writeByteArray(7, termBytes);
                string(out, 8, completed);
                int32(out, 9, gradeLevel);
                int32(out, 10, attempted);
                int32(out, 11, earned);
                string(out, 12, letter);
                if (agArea != 0) {
                    out.writeEnum(13, agArea);
                }
                if (honors) {
                    out.writeBool(14, true);
                }
                string(out, 15, discipline);
                int32(out, 16, sequence);
                if (category != 0) {
                    out.writeEnum(17, category);
                }
                if (collegeBytes != null) {
                    out.writeByteArray(18, collegeBytes);
                }
                int32(out, 19, segment);
                length = buf.length - out.spaceLeft();
                return;
            } catch (CodedOutputStream.OutOfSpaceException e) {
                buf = Arrays.copyOf(buf, buf.length * 4);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot encode a course", e);
            }
        }
    }

    // ---- field by field from bytes (the CSV fast path); fields must come in number order ----

    /** Starts a course encoded field by field, from bytes already validated. */
    void begin() {
        length = 0;
    }

    /** Room for {@code n} more bytes. */
    void reserve(int n) {
        if (length + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + n));
        }
    }

    /** A length-delimited field (a string of ASCII bytes, or an encoded message), left out when empty. */
    void bytes(int field, byte[] src, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return;
        }
        reserve(n + 10);
        varint(field << 3 | 2);
        varint(n);
        System.arraycopy(src, from, buf, length, n);
        length += n;
    }

    /** A length-delimited field from a whole array. */
    void bytes(int field, byte[] value) {
        bytes(field, value, 0, value.length);
    }

    /** A non-negative int32, enum or bool field, left out when 0 (as protobuf does for defaults). */
    void number(int field, int value) {
        if (value == 0) {
            return;
        }
        if (value < 0) {
            throw new IllegalArgumentException("negative value for field " + field);
        }
        reserve(10);
        varint(field << 3);
        varint(value);
    }

    /** Starts a length-delimited field of {@code n} bytes that the caller appends with {@link #append}. */
    void open(int field, int n) {
        reserve(n + 10);
        varint(field << 3 | 2);
        varint(n);
    }

    /** Appends raw bytes (inside a field started by {@link #open}). */
    void append(byte[] src, int from, int to) {
        int n = to - from;
        reserve(n);
        System.arraycopy(src, from, buf, length, n);
        length += n;
    }

    /** Appends one raw byte (inside a field started by {@link #open}). */
    void append(byte b) {
        reserve(1);
        buf[length++] = b;
    }

    private void varint(int value) {
        int v = value;
        while ((v & ~0x7F) != 0) {
            buf[length++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[length++] = (byte) v;
    }

    private static void string(CodedOutputStream out, int field, String value) throws IOException {
        if (!value.isEmpty()) {
            out.writeString(field, value);
        }
    }

    private static void int32(CodedOutputStream out, int field, int value) throws IOException {
        if (value != 0) {
            out.writeInt32(field, value);
        }
    }

    /**
     * The record id (field 1) of an encoded course, read as Latin-1 without parsing the rest. Every encoded course
     * starts with it: a record id is never empty.
     */
    static String recordId(byte[] data, int offset, int length) {
        if (length < 2 || data[offset] != 0x0A) {
            throw new IllegalStateException("encoded course does not start with its record id");
        }
        int p = offset + 1;
        int len = 0;
        int shift = 0;
        while (true) {
            byte b = data[p++];
            len |= (b & 0x7F) << shift;
            if (b >= 0) {
                break;
            }
            shift += 7;
        }
        return new String(data, p, len, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Decodes an encoded course (the slow path: used when a stored record must be compared). */
    static CourseRecord parse(byte[] data, int offset, int length) {
        try {
            return CourseRecord.parser().parseFrom(data, offset, length);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("encoded course is corrupt", e);
        }
    }
}
