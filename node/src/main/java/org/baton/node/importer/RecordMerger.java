package org.baton.node.importer;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.google.protobuf.UnknownFieldSet;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.baton.proto.v1.AcademicProgram;
import org.baton.proto.v1.Award;
import org.baton.proto.v1.CollegeApplication;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.EligibilityFlag;
import org.baton.proto.v1.Enrollment;
import org.baton.proto.v1.FinancialAidApplication;
import org.baton.proto.v1.LearningArtifact;
import org.baton.proto.v1.LocalId;
import org.baton.proto.v1.ReportedGpa;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;

/**
 * Merges one student's fragments onto the stored record by natural key. The result does not depend on the order
 * of the rows (entries are sorted by natural key) and merging the same fragments again changes nothing, which is
 * what makes imports idempotent. Two rows of one import with the same natural key but different values conflict:
 * the later one is rejected.
 *
 * <p>A course entry in progress (letter grade IP, a OneRoster roster entry) never replaces a graded entry for the same
 * record id, and a graded entry from the same import completes an in-progress one.
 *
 * <p>Natural keys: enrollment = school + entry date; course = record id; reported GPA = kind + as-of date;
 * college application = system + campus + entry term + TAG; aid application = kind + award year;
 * award = kind + institution + program + title + date; learning artifact = artifact id;
 * program = program code + catalog year; eligibility flag = program.
 */
final class RecordMerger {

    /** Receives the entries the merge rejects. */
    interface Rejector {
        /** Rejects an entry for {@code reason}, worded on the portal by {@code code} filled with {@code facts}. */
        void reject(int entry, String field, String reason, String code, String... facts);
    }

    /** The merge of one student. */
    record Result(StudentRecord record, boolean changed, int loaded) {
    }

    private record Held<T>(T value, int entry) {
    }

    /** The letter grade of a course in progress (a roster entry without a final grade). */
    static final String IN_PROGRESS = "IP";

    private final String institution;

    RecordMerger(String institution) {
        this.institution = institution;
    }

    /**
     * A course entry held as its wire form (CSV rows arrive that way), its message, or both, each made on demand.
     * New students' courses go into the record as wire forms; messages are only made to compare or apply a rule.
     */
    private static final class CourseValue {
        private ByteString bytes;
        private CourseRecord message;
        final int entry;

        CourseValue(ByteString bytes, CourseRecord message, int entry) {
            this.bytes = bytes;
            this.message = message;
            this.entry = entry;
        }

        CourseRecord message() {
            if (message == null) {
                try {
                    message = CourseRecord.parseFrom(bytes);
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    throw new IllegalStateException("encoded course is corrupt", e);
                }
            }
            return message;
        }

        ByteString bytes() {
            if (bytes == null) {
                bytes = message.toByteString();
            }
            return bytes;
        }
    }

    /**
     * Merges the entries of one student.
     *
     * @param stored  the stored record, or null when the student is new
     * @param part    the partition holding the entries
     * @param entries the student's entries, in reading order
     * @param files   the input files (for messages)
     * @param updated the {@code updated_at} to set when the record changes
     * @return the merged record, or null when nothing loaded (every entry rejected)
     */
    Result merge(StudentRecord stored, Spill.Partition part, int[] entries, List<SourceFile> files,
            com.google.protobuf.Timestamp updated, Rejector rejector) {
        boolean known = stored != null;
        for (int i : entries) {
            if (part.kind(i) == EntryKind.STUDENT) {
                known = true;
                break;
            }
        }
        if (!known) {
            for (int i : entries) {
                if (derived(part, i)) {
                    continue;
                }
                SourceFile f = files.get(part.file(i));
                rejector.reject(i, f.keyField(),
                        "no valid student row for this student in this import, and the student is not in the store",
                        "studentUnknown");
            }
            return new Result(null, false, 0);
        }
        StudentRecord base = stored != null ? stored : StudentRecord.getDefaultInstance();
        Student.Builder student = base.getStudent().toBuilder();
        TreeMap<String, LocalId> localIds = new TreeMap<>();
        for (LocalId id : base.getStudent().getLocalIdsList()) {
            localIds.put(id.getIssuer() + "|" + id.getValue(), id);
        }
        TreeMap<String, Held<EligibilityFlag>> eligibility = new TreeMap<>();
        base.getStudent().getEligibilityList().forEach(e -> eligibility.put(key(e), new Held<>(e, -1)));
        TreeMap<String, Held<Enrollment>> enrollments = stored(base.getEnrollmentsList());
        TreeMap<String, CourseValue> courses = new TreeMap<>();
        for (CourseRecord c : base.getCoursesList()) {
            courses.put(courseKey(c), new CourseValue(null, c, -1));
        }
        TreeMap<String, Held<ReportedGpa>> gpas = stored(base.getReportedGpasList());
        TreeMap<String, Held<CollegeApplication>> applications = stored(base.getCollegeApplicationsList());
        TreeMap<String, Held<FinancialAidApplication>> aid = stored(base.getFinancialAidList());
        TreeMap<String, Held<Award>> awards = stored(base.getAwardsList());
        TreeMap<String, Held<LearningArtifact>> artifacts = stored(base.getLearningArtifactsList());
        TreeMap<String, Held<AcademicProgram>> programs = stored(base.getProgramsList());

        Rejector outer = rejector;
        rejector = (entry, field, reason, code, facts) -> {
            if (!derived(part, entry)) {
                outer.reject(entry, field, reason, code, facts);
            }
        };
        Facts facts = new Facts(part, files, rejector);
        Student firstStudent = null;
        int firstStudentEntry = -1;
        int studentFacets = 0;
        int loaded = 0;
        for (int i : entries) {
            EntryKind kind = part.kind(i);
            if (kind == EntryKind.COURSE || kind == EntryKind.COURSE_RAW) {
                boolean raw = kind == EntryKind.COURSE_RAW;
                CourseValue value = raw ? new CourseValue(part.courseBytes(i), null, i)
                        : new CourseValue(null, part.course(i), i);
                String key = raw ? part.courseKey(i) : courseKey(value.message());
                CourseValue held = courses.get(key);
                boolean ok = true;
                if (held == null) {
                    courses.put(key, value);
                } else if (inProgress(value.message()) && !inProgress(held.message())) {
                    // A roster entry (in progress) never replaces a grade already known for the same section.
                    ok = true;
                } else if (held.entry >= 0 && inProgress(held.message()) && !inProgress(value.message())) {
                    // This import's final grade completes its own roster entry.
                    courses.put(key, value);
                } else if (held.entry >= 0) {
                    // Wire forms are canonical: equal bytes, equal courses.
                    if (!held.bytes().equals(value.bytes())) {
                        SourceFile f = files.get(part.file(i));
                        String other = where(part, held.entry, files);
                        rejector.reject(i, label(part, i, f.entryField()), "conflicts with " + other
                                + ": same natural key, different values", "conflicts", other);
                        ok = false;
                    }
                } else {
                    courses.put(key, value);
                }
                if (ok && !derived(part, i)) {
                    loaded++;
                }
                continue;
            }
            boolean ok;
            switch (kind) {
                case STUDENT -> {
                    Student s = part.fact(i, Student.parser());
                    int facets = part.facets(i);
                    ok = true;
                    if (firstStudent != null) {
                        for (StudentFacet facet : StudentFacet.values()) {
                            if (StudentFacet.has(facets & studentFacets, facet) && !facet.same(firstStudent, s)) {
                                String other = where(part, firstStudentEntry, files);
                                String what = facet.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
                                rejector.reject(i, label(part, i, files.get(part.file(i)).keyField()),
                                        "another row for this student (" + other + ") has a different " + what,
                                        "differs", other, what);
                                ok = false;
                                break;
                            }
                        }
                    } else {
                        firstStudent = s;
                        firstStudentEntry = i;
                    }
                    if (ok) {
                        for (StudentFacet facet : StudentFacet.values()) {
                            if (StudentFacet.has(facets, facet)) {
                                facet.copy(s, student);
                            }
                        }
                        studentFacets |= facets;
                        for (LocalId id : s.getLocalIdsList()) {
                            localIds.put(id.getIssuer() + "|" + id.getValue(), id);
                        }
                    }
                }
                case ELIGIBILITY -> ok = facts.put(eligibility, i, EligibilityFlag.parser(), RecordMerger::key);
                case ENROLLMENT -> ok = facts.put(enrollments, i, Enrollment.parser(), RecordMerger::key);
                case GPA -> ok = facts.put(gpas, i, ReportedGpa.parser(), RecordMerger::key);
                case AID -> ok = facts.put(aid, i, FinancialAidApplication.parser(), RecordMerger::key);
                case APPLICATION -> ok = facts.put(applications, i, CollegeApplication.parser(), RecordMerger::key);
                case AWARD -> ok = facts.put(awards, i, Award.parser(), RecordMerger::key);
                case ARTIFACT -> ok = facts.put(artifacts, i, LearningArtifact.parser(), RecordMerger::key);
                case PROGRAM -> ok = facts.put(programs, i, AcademicProgram.parser(), RecordMerger::key);
                default -> throw new AssertionError(part.kind(i));
            }
            if (ok && !derived(part, i)) {
                loaded++;
            }
        }
        if (loaded == 0 && stored == null) {
            return new Result(null, false, 0);
        }
        student.setInstitutionId(institution);
        student.clearLocalIds().addAllLocalIds(localIds.values());
        student.clearEligibility();
        eligibility.values().forEach(h -> student.addEligibility(h.value()));
        StudentRecord.Builder out = StudentRecord.newBuilder().setStudent(student);
        enrollments.values().forEach(h -> out.addEnrollments(h.value()));
        if (stored == null) {
            // A new student: the courses go in as their wire forms, which serialize as they are (field 3 of
            // StudentRecord, so the stored bytes read back as ordinary courses).
            UnknownFieldSet.Field.Builder wire = UnknownFieldSet.Field.newBuilder();
            courses.values().forEach(c -> wire.addLengthDelimited(c.bytes()));
            if (!courses.isEmpty()) {
                out.setUnknownFields(UnknownFieldSet.newBuilder()
                        .addField(StudentRecord.COURSES_FIELD_NUMBER, wire.build()).build());
            }
        } else {
            courses.values().forEach(c -> out.addCourses(c.message()));
        }
        gpas.values().forEach(h -> out.addReportedGpas(h.value()));
        applications.values().forEach(h -> out.addCollegeApplications(h.value()));
        aid.values().forEach(h -> out.addFinancialAid(h.value()));
        awards.values().forEach(h -> out.addAwards(h.value()));
        artifacts.values().forEach(h -> out.addLearningArtifacts(h.value()));
        programs.values().forEach(h -> out.addPrograms(h.value()));
        if (stored == null) {
            return new Result(out.setUpdatedAt(updated).build(), true, loaded);
        }
        StudentRecord merged = out.build();
        if (merged.equals(stored.toBuilder().clearUpdatedAt().build())) {
            return new Result(stored, false, loaded);
        }
        return new Result(merged.toBuilder().setUpdatedAt(updated).build(), true, loaded);
    }

    private static final com.google.protobuf.ByteString IN_PROGRESS_BYTES =
            com.google.protobuf.ByteString.copyFromUtf8(IN_PROGRESS);

    /**
     * Whether a course is in progress, compared as bytes: reading the grade as a string would swap the message's
     * byte form for a string that has to be encoded again when the record is written.
     */
    private static boolean inProgress(CourseRecord c) {
        return c.getLetterGradeBytes().equals(IN_PROGRESS_BYTES);
    }

    private static boolean derived(Spill.Partition part, int entry) {
        return part.kind(entry) != EntryKind.STUDENT && (part.facets(entry) & EntryKind.DERIVED) != 0;
    }

    private static <T extends Message> TreeMap<String, Held<T>> stored(List<T> entries) {
        TreeMap<String, Held<T>> map = new TreeMap<>();
        for (T e : entries) {
            map.put(naturalKey(e), new Held<>(e, -1));
        }
        return map;
    }

    /** Reads the facts of one partition's entries into maps by natural key, rejecting conflicts. */
    private record Facts(Spill.Partition part, List<SourceFile> files, Rejector rejector) {

        /**
         * Reads entry {@code entry}'s fact with {@code parser} and files it under its natural key; a second fact with
         * the same key and another value is rejected.
         *
         * @return whether the fact was kept (or was already there, the same)
         */
        <T extends Message> boolean put(Map<String, Held<T>> map, int entry, Parser<T> parser,
                Function<T, String> key) {
            T value = part.fact(entry, parser);
            String natural = key.apply(value);
            Held<T> held = map.get(natural);
            if (held != null && held.entry() >= 0) {
                if (held.value().equals(value)) {
                    return true;
                }
                SourceFile f = files.get(part.file(entry));
                String other = where(part, held.entry(), files);
                rejector.reject(entry, label(part, entry, f.entryField()),
                        "conflicts with " + other + ": same natural key, different values", "conflicts", other);
                return false;
            }
            map.put(natural, new Held<>(value, entry));
            return true;
        }
    }

    private static String label(Spill.Partition part, int entry, String fallback) {
        String label = part.label(entry);
        return label.isEmpty() ? fallback : label;
    }

    private static String where(Spill.Partition part, int entry, List<SourceFile> files) {
        return files.get(part.file(entry)).name() + ":" + part.line(entry);
    }

    private static String naturalKey(Message m) {
        if (m instanceof Enrollment e) {
            return key(e);
        } else if (m instanceof ReportedGpa g) {
            return key(g);
        } else if (m instanceof CollegeApplication a) {
            return key(a);
        } else if (m instanceof FinancialAidApplication a) {
            return key(a);
        } else if (m instanceof Award a) {
            return key(a);
        } else if (m instanceof LearningArtifact a) {
            return key(a);
        } else if (m instanceof AcademicProgram p) {
            return key(p);
        }
        throw new IllegalArgumentException("no natural key for " + m.getDescriptorForType().getFullName());
    }

    /**
     * A course's natural key, its record id, read as Latin-1 from its bytes: record ids are ASCII in practice, and
     * reading them this way neither decodes UTF-8 nor swaps the message's byte form for a string.
     */
    static String courseKey(CourseRecord c) {
        return c.getRecordIdBytes().toString(StandardCharsets.ISO_8859_1);
    }

    static String key(EligibilityFlag e) {
        return e.getProgram().name();
    }

    static String key(Enrollment e) {
        return e.getSchoolCode() + "|" + e.getEntryDate();
    }

    static String key(ReportedGpa g) {
        return g.getKind().name() + "|" + g.getAsOf();
    }

    static String key(CollegeApplication a) {
        return a.getSystem().name() + "|" + a.getCampus() + "|" + a.getEntryTerm().getAcademicYear() + "|"
                + a.getEntryTerm().getType().name() + "|" + a.getTag();
    }

    static String key(FinancialAidApplication a) {
        return a.getKind().name() + "|" + a.getAwardYear();
    }

    static String key(Award a) {
        return a.getKind().name() + "|" + a.getInstitutionId() + "|" + a.getProgramCode() + "|" + a.getTitle() + "|"
                + a.getConferredOn();
    }

    static String key(LearningArtifact a) {
        return a.getArtifactId();
    }

    static String key(AcademicProgram p) {
        return p.getProgramCode() + "|" + p.getCatalogYear();
    }
}
