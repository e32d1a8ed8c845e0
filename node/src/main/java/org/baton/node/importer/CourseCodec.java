package org.baton.node.importer;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.baton.proto.v1.CollegeCourse;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.Term;

/**
 * A compact encoding of one validated CSV course row for the spill, and its decoding into a {@code CourseRecord}.
 * Course rows are most of any import (15 million for a large district), so they skip the protobuf round trip
 * of other rows: the reader writes the validated fields as bytes, and the load phase builds the record with
 * string fields that point into the partition's bytes (no UTF-8 decoding and re-encoding).
 *
 * <p>Layout: varints (year, term code index into {@link #TERM_CODES}, term type, calendar, grade level, credits attempted and earned, a-g area, honors,
 * sequence level, category, segment, has-college, and when it has: units, unit system, UC and CSU transferable),
 * then length-prefixed strings (school, local course id, section, state course code, title, completion date, letter grade, discipline, and when it has a college: its IPEDS id).
 */
final class CourseCodec {

    /** The CSV term codes {@link Checks#term} accepts, by index. */
    static final java.util.List<String> TERM_CODES = java.util.List.of(
            "FY", "S1", "S2", "Q1", "Q2", "Q3", "Q4", "T1", "T2", "T3", "SU", "IS");
    private static final ByteString[] TERM_CODE_BYTES = TERM_CODES.stream().map(ByteString::copyFromUtf8)
            .toArray(ByteString[]::new);

    private CourseCodec() {
    }

    /** The index of a term code accepted by {@link Checks#term}. */
    static int termIndex(String code) {
        int i = TERM_CODES.indexOf(code);
        if (i < 0) {
            throw new IllegalArgumentException("not a known term code: " + code);
        }
        return i;
    }

    /** Collects one row's fields and writes them in the layout above. Reused from row to row. */
    static final class Writer {
        private byte[] buf = new byte[512];
        private int len;

        Writer reset() {
            len = 0;
            return this;
        }

        Writer varint(int value) {
            ensure(5);
            int v = value;
            while ((v & ~0x7F) != 0) {
                buf[len++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[len++] = (byte) v;
            return this;
        }

        Writer string(String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            varint(bytes.length);
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buf, len, bytes.length);
            len += bytes.length;
            return this;
        }

        byte[] bytes() {
            return buf;
        }

        int length() {
            return len;
        }

        private void ensure(int more) {
            if (len + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
            }
        }
    }

    /** Decodes rows of one partition; caches the few distinct terms and institution ids. */
    static final class Reader {
        private final ByteString institution;
        private final Map<Long, Term> terms = new HashMap<>();
        private final Map<ByteString, ByteString> colleges = new HashMap<>();
        private byte[] data;
        private int pos;

        Reader(String institution) {
            this.institution = ByteString.copyFromUtf8(institution);
        }

        CourseRecord decode(byte[] bytes, int offset) {
            data = bytes;
            pos = offset;
            int year = varint();
            int termIndex = varint();
            int type = varint();
            int calendar = varint();
            int grade = varint();
            int attempted = varint();
            int earned = varint();
            int ag = varint();
            boolean honors = varint() != 0;
            int sequence = varint();
            int category = varint();
            int segment = varint();
            boolean college = varint() != 0;
            int units = 0;
            int unitSystem = 0;
            boolean uc = false;
            boolean csu = false;
            if (college) {
                units = varint();
                unitSystem = varint();
                uc = varint() != 0;
                csu = varint() != 0;
            }
            ByteString school = string();
            ByteString course = string();
            ByteString section = string();
            ByteString stateCode = string();
            ByteString title = string();
            ByteString termCode = TERM_CODE_BYTES[termIndex];
            ByteString completed = string();
            ByteString letter = string();
            ByteString discipline = string();
            Term term = term(year, termIndex, type, calendar);

            CourseRecord.Builder c = CourseRecord.newBuilder()
                    .setRecordIdBytes(recordId(school, course, year, termCode, section))
                    .setInstitutionIdBytes(institution)
                    .setSchoolCodeBytes(school)
                    .setLocalCourseIdBytes(course)
                    .setStateCourseCodeBytes(stateCode)
                    .setTitleBytes(title)
                    .setTerm(term)
                    .setCompletionDateBytes(completed)
                    .setGradeLevel(grade)
                    .setCreditsAttempted(attempted)
                    .setCreditsEarned(earned)
                    .setLetterGradeBytes(letter)
                    .setAgAreaValue(ag)
                    .setHonors(honors)
                    .setDisciplineBytes(discipline)
                    .setSequenceLevel(sequence)
                    .setCategoryValue(category)
                    .setSegment(segment);
            if (college) {
                ByteString id = colleges.computeIfAbsent(string(), k -> k);
                c.setCollege(CollegeCourse.newBuilder().setInstitutionIdBytes(id).setUnits(units)
                        .setUnitSystemValue(unitSystem).setUcTransferable(uc).setCsuTransferable(csu)
                        .setDualEnrollment(true));
            }
            return c.build();
        }

        /** school|course|year|term|section, built from the encoded strings without decoding them. */
        private static ByteString recordId(ByteString school, ByteString course, int year, ByteString term,
                ByteString section) {
            byte[] yearBytes = Integer.toString(year).getBytes(StandardCharsets.US_ASCII);
            byte[] id = new byte[school.size() + course.size() + yearBytes.length + term.size() + section.size() + 4];
            int o = 0;
            school.copyTo(id, o);
            o += school.size();
            id[o++] = '|';
            course.copyTo(id, o);
            o += course.size();
            id[o++] = '|';
            System.arraycopy(yearBytes, 0, id, o, yearBytes.length);
            o += yearBytes.length;
            id[o++] = '|';
            term.copyTo(id, o);
            o += term.size();
            id[o++] = '|';
            section.copyTo(id, o);
            return UnsafeByteOperations.unsafeWrap(id);
        }

        private Term term(int year, int termIndex, int type, int calendar) {
            long key = ((long) year << 24) | ((long) termIndex << 16) | ((long) type << 8) | calendar;
            Term t = terms.get(key);
            if (t == null) {
                t = Term.newBuilder().setAcademicYear(year).setTypeValue(type).setCalendarValue(calendar)
                        .setCode(TERM_CODES.get(termIndex)).build();
                terms.put(key, t);
            }
            return t;
        }

        private int varint() {
            int result = 0;
            int shift = 0;
            while (true) {
                byte b = data[pos++];
                result |= (b & 0x7F) << shift;
                if (b >= 0) {
                    return result;
                }
                shift += 7;
            }
        }

        private ByteString string() {
            int n = varint();
            ByteString s = n == 0 ? ByteString.EMPTY : UnsafeByteOperations.unsafeWrap(data, pos, n);
            pos += n;
            return s;
        }
    }
}
