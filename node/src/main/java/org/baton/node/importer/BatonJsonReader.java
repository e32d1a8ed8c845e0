package org.baton.node.importer;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.baton.proto.v1.AcademicProgram;
import org.baton.proto.v1.Award;
import org.baton.proto.v1.CollegeApplication;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.Demographics;
import org.baton.proto.v1.EligibilityFlag;
import org.baton.proto.v1.EligibilityProgram;
import org.baton.proto.v1.Enrollment;
import org.baton.proto.v1.FinancialAidApplication;
import org.baton.proto.v1.LearningArtifact;
import org.baton.proto.v1.LocalId;
import org.baton.proto.v1.ReportedGpa;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;
import org.baton.proto.v1.TermType;

/**
 * Reads Baton JSON: JSON Lines, each line one {@code StudentRecord} in the protobuf JSON mapping (what
 * {@code baton export} writes). Unknown fields reject the line. Each student and each entry of a record (each
 * enrollment, course, GPA …) counts as a row and is validated like the matching CSV row; a bad entry is rejected
 * on its own and the rest of the record loads. See {@code docs/formats/baton-json.md}.
 */
final class BatonJsonReader implements FormatReader {

    private static final int MAX_MESSAGE = 200;

    private final JsonFormat.Parser parser = JsonFormat.parser();
    private final RowProblems p = new RowProblems();
    private ReadContext ctx;

    @Override
    public void read(Path input, ReadContext context) throws IOException {
        this.ctx = context;
        List<Path> files = new ArrayList<>();
        Path base;
        if (Files.isDirectory(input)) {
            base = input.toAbsolutePath();
            try (Stream<Path> s = Files.list(input)) {
                s.filter(f -> Files.isRegularFile(f) && isJson(f)).sorted().forEach(files::add);
            }
        } else {
            base = input.toAbsolutePath().getParent();
            files.add(input);
        }
        for (Path f : files) {
            SourceFile file = ctx.file(base.relativize(f.toAbsolutePath()).toString(), "student.ssid", "-");
            long bytes = 0;
            try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                String text;
                long line = 0;
                while ((text = r.readLine()) != null) {
                    line++;
                    bytes += text.length() + 1;
                    if (line == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
                        text = text.substring(1);
                    }
                    if (text.isBlank()) {
                        continue;
                    }
                    record(file, line, text, bytes);
                }
            }
            ctx.fileDone(Files.size(f));
        }
    }

    private static boolean isJson(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".ndjson");
    }

    private void record(SourceFile file, long line, String text, long bytes) {
        StudentRecord.Builder b = StudentRecord.newBuilder();
        try {
            parser.merge(text, b);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            ctx.rowRead(bytes);
            String message = String.valueOf(e.getMessage());
            if (message.length() > MAX_MESSAGE) {
                message = message.substring(0, MAX_MESSAGE) + "…";
            }
            ctx.reject(file, line, "-", "not a StudentRecord in the protobuf JSON mapping: " + message,
                    "json.notARecord", message);
            return;
        }
        StudentRecord r = b.build();
        if (r.getAgStatusCount() > 0) {
            ctx.rowRead(bytes);
            ctx.reject(file, line, "ag_status", "is the a-g status a sending node computes for a package; a record to"
                    + " import cannot carry it (import the courses, and the node computes a-g status itself)",
                    "json.agStatus");
            return;
        }
        String key = student(file, line, r.getStudent(), bytes);
        if (key == null) {
            // The student could not be named at all: its entries cannot be attached to anyone.
            int entries = r.getEnrollmentsCount() + r.getCoursesCount() + r.getReportedGpasCount()
                    + r.getCollegeApplicationsCount() + r.getFinancialAidCount() + r.getAwardsCount()
                    + r.getLearningArtifactsCount() + r.getProgramsCount() + r.getStudent().getEligibilityCount();
            for (int i = 0; i < entries; i++) {
                ctx.rowRead(bytes);
                ctx.reject(file, line, "student", "the record names no student (no valid SSID or local id)",
                        "json.noStudent");
            }
            return;
        }
        for (int i = 0; i < r.getStudent().getEligibilityCount(); i++) {
            EligibilityFlag e = r.getStudent().getEligibility(i);
            String f = "student.eligibility[" + i + "]";
            start(bytes);
            if (e.getProgram() == EligibilityProgram.ELIGIBILITY_PROGRAM_UNSPECIFIED) {
                p.add(f + ".program", Checks.REQUIRED);
            }
            String from = Checks.date(p, f + ".verified_on", e.getVerifiedOn(), true, false);
            String until = Checks.date(p, f + ".valid_until", e.getValidUntil(), false, false);
            notBefore(until, from, f + ".valid_until", "verified_on");
            finish(file, line, EntryKind.ELIGIBILITY, key, f,
                    () -> StudentRecord.newBuilder().setStudent(Student.newBuilder().addEligibility(e)).build());
        }
        for (int i = 0; i < r.getEnrollmentsCount(); i++) {
            Enrollment e = r.getEnrollments(i);
            String f = "enrollments[" + i + "]";
            start(bytes);
            school(f + ".school_code", e.getSchoolCode());
            String entry = Checks.date(p, f + ".entry_date", e.getEntryDate(), true, false);
            String exit = Checks.date(p, f + ".exit_date", e.getExitDate(), false, false);
            notBefore(exit, entry, f + ".exit_date", "entry_date");
            gradeLevel(f + ".grade_level", e.getGradeLevel());
            finish(file, line, EntryKind.ENROLLMENT, key, f,
                    () -> StudentRecord.newBuilder().addEnrollments(e).build());
        }
        for (int i = 0; i < r.getCoursesCount(); i++) {
            CourseRecord c = r.getCourses(i);
            String f = "courses[" + i + "]";
            start(bytes);
            Checks.required(p, f + ".record_id", c.getRecordId());
            school(f + ".school_code", c.getSchoolCode());
            Checks.required(p, f + ".local_course_id", c.getLocalCourseId());
            Checks.stateCourseCode(p, f + ".state_course_code", c.getStateCourseCode(), false);
            Checks.required(p, f + ".title", c.getTitle());
            if (c.getTerm().getAcademicYear() < 1950 || c.getTerm().getAcademicYear() > 2150) {
                p.add(f + ".term.academic_year", "'" + c.getTerm().getAcademicYear() + "' is not an academic year",
                        "academicYear.record", String.valueOf(c.getTerm().getAcademicYear()));
            }
            if (c.getTerm().getType() == TermType.TERM_TYPE_UNSPECIFIED) {
                p.add(f + ".term.type", "required (FALL, WINTER, SPRING, SUMMER or FULL_YEAR)", "termType");
            }
            Checks.date(p, f + ".completion_date", c.getCompletionDate(), false, false);
            gradeLevel(f + ".grade_level", c.getGradeLevel());
            nonNegative(f + ".credits_attempted", c.getCreditsAttempted());
            nonNegative(f + ".credits_earned", c.getCreditsEarned());
            Checks.grade(p, f + ".letter_grade", c.getLetterGrade(), ctx.gradeScale());
            if (c.getSegment() < 0 || c.getSegment() > 2) {
                p.add(f + ".segment", "'" + c.getSegment() + "' is not 0, 1 or 2", "segment",
                        String.valueOf(c.getSegment()));
            }
            if (c.hasCollege()) {
                Checks.ipeds(p, f + ".college.institution_id", c.getCollege().getInstitutionId(), true);
                nonNegative(f + ".college.units", c.getCollege().getUnits());
            }
            finish(file, line, EntryKind.COURSE, key, f, () -> StudentRecord.newBuilder().addCourses(c).build());
        }
        for (int i = 0; i < r.getReportedGpasCount(); i++) {
            ReportedGpa g = r.getReportedGpas(i);
            String f = "reported_gpas[" + i + "]";
            start(bytes);
            required(f + ".kind", g.getKindValue());
            if (g.getValue() < 0 || g.getValue() > 5000) {
                p.add(f + ".value", "'" + g.getValue() + "' is not between 0 and 5000 thousandths", "gpaThousandths",
                        String.valueOf(g.getValue()));
            }
            Checks.date(p, f + ".as_of", g.getAsOf(), true, false);
            finish(file, line, EntryKind.GPA, key, f, () -> StudentRecord.newBuilder().addReportedGpas(g).build());
        }
        for (int i = 0; i < r.getCollegeApplicationsCount(); i++) {
            CollegeApplication a = r.getCollegeApplications(i);
            String f = "college_applications[" + i + "]";
            start(bytes);
            required(f + ".system", a.getSystemValue());
            Checks.required(p, f + ".campus", a.getCampus());
            required(f + ".status", a.getStatusValue());
            Checks.date(p, f + ".status_date", a.getStatusDate(), true, false);
            finish(file, line, EntryKind.APPLICATION, key, f,
                    () -> StudentRecord.newBuilder().addCollegeApplications(a).build());
        }
        for (int i = 0; i < r.getFinancialAidCount(); i++) {
            FinancialAidApplication a = r.getFinancialAid(i);
            String f = "financial_aid[" + i + "]";
            start(bytes);
            required(f + ".kind", a.getKindValue());
            if (!a.getAwardYear().matches("\\d{4}-\\d{2}")) {
                p.add(f + ".award_year", "'" + a.getAwardYear() + "' is not an award year like 2026-27", "awardYear",
                        a.getAwardYear());
            }
            required(f + ".status", a.getStatusValue());
            Checks.date(p, f + ".status_date", a.getStatusDate(), true, false);
            finish(file, line, EntryKind.AID, key, f, () -> StudentRecord.newBuilder().addFinancialAid(a).build());
        }
        for (int i = 0; i < r.getAwardsCount(); i++) {
            Award a = r.getAwards(i);
            String f = "awards[" + i + "]";
            start(bytes);
            required(f + ".kind", a.getKindValue());
            Checks.required(p, f + ".title", a.getTitle());
            Checks.date(p, f + ".conferred_on", a.getConferredOn(), true, false);
            if (!a.getInstitutionId().matches("\\d{14}|\\d{6}")) {
                p.add(f + ".institution_id", "'" + a.getInstitutionId()
                        + "' is not a 14-digit CDS code or a 6-digit IPEDS id", "cdsOrIpeds", a.getInstitutionId());
            }
            finish(file, line, EntryKind.AWARD, key, f, () -> StudentRecord.newBuilder().addAwards(a).build());
        }
        for (int i = 0; i < r.getLearningArtifactsCount(); i++) {
            LearningArtifact a = r.getLearningArtifacts(i);
            String f = "learning_artifacts[" + i + "]";
            start(bytes);
            Checks.required(p, f + ".artifact_id", a.getArtifactId());
            required(f + ".kind", a.getKindValue());
            Checks.required(p, f + ".title", a.getTitle());
            Checks.required(p, f + ".issuer_name", a.getIssuerName());
            String issued = Checks.date(p, f + ".issued_on", a.getIssuedOn(), true, false);
            String expires = Checks.date(p, f + ".expires_on", a.getExpiresOn(), false, false);
            notBefore(expires, issued, f + ".expires_on", "issued_on");
            for (String u : a.getEvidenceUrlsList()) {
                if (!u.startsWith("https://")) {
                    p.add(f + ".evidence_urls", "'" + u + "' is not an https URL", "https", u);
                }
            }
            finish(file, line, EntryKind.ARTIFACT, key, f,
                    () -> StudentRecord.newBuilder().addLearningArtifacts(a).build());
        }
        for (int i = 0; i < r.getProgramsCount(); i++) {
            AcademicProgram a = r.getPrograms(i);
            String f = "programs[" + i + "]";
            start(bytes);
            Checks.required(p, f + ".program_code", a.getProgramCode());
            if (a.getCatalogYear() < 1950 || a.getCatalogYear() > 2150) {
                p.add(f + ".catalog_year", "'" + a.getCatalogYear() + "' is not a year", "year",
                        String.valueOf(a.getCatalogYear()));
            }
            nonNegative(f + ".major_units_required", a.getMajorUnitsRequired());
            finish(file, line, EntryKind.PROGRAM, key, f, () -> StudentRecord.newBuilder().addPrograms(a).build());
        }
    }

    /** Validates and emits the student; returns its key, or null when it names no student. */
    private String student(SourceFile file, long line, Student s, long bytes) {
        start(bytes);
        String ssid = Checks.ssid(p, "student.ssid", s.getSsid(), false);
        for (int i = 0; i < s.getLocalIdsCount(); i++) {
            LocalId id = s.getLocalIds(i);
            Checks.required(p, "student.local_ids[" + i + "].issuer", id.getIssuer());
            Checks.required(p, "student.local_ids[" + i + "].value", id.getValue());
        }
        String key = null;
        if (ssid != null && !ssid.isEmpty()) {
            key = ReadContext.ssidKey(ssid);
        } else if (ssid != null && s.getLocalIdsCount() > 0 && !s.getLocalIds(0).getIssuer().isEmpty()
                && !s.getLocalIds(0).getValue().isEmpty()) {
            key = ReadContext.localKey(s.getLocalIds(0).getIssuer(), s.getLocalIds(0).getValue());
        } else if (ssid != null) {
            p.add("student", "needs an SSID or a local id", "ssidOrLocalId");
        }
        Checks.required(p, "student.legal_name.first", s.getLegalName().getFirst());
        Checks.required(p, "student.legal_name.last", s.getLegalName().getLast());
        Checks.date(p, "student.birth_date", s.getBirthDate(), true, true);
        Demographics d = s.getDemographics();
        if (!d.getGender().isEmpty() && !d.getGender().matches("[MFX]")) {
            p.add("student.demographics.gender", "not a CALPADS gender code (M, F or X)", "gender");
        }
        if (!d.getHispanic().isEmpty() && !d.getHispanic().matches("[YN]")) {
            p.add("student.demographics.hispanic", "must be Y, N or empty", "yesNoOrEmpty");
        }
        for (String race : d.getRaceCodesList()) {
            if (!CalpadsReader.RACE_CODES.contains(race)) {
                p.add("student.demographics.race_codes", "not a CALPADS race code", "race");
            }
        }
        if (!d.getEnglishStatus().isEmpty() && !CalpadsReader.ENGLISH_STATUSES.contains(d.getEnglishStatus())) {
            p.add("student.demographics.english_status", "'" + d.getEnglishStatus()
                    + "' is not one of " + CalpadsReader.ENGLISH_STATUS_LIST, "oneOf", d.getEnglishStatus(),
                    CalpadsReader.ENGLISH_STATUS_LIST);
        }
        if (s.getGradeLevel() != 0) {
            gradeLevel("student.grade_level", s.getGradeLevel());
        }
        if (s.getCohortYear() != 0 && (s.getCohortYear() < 1950 || s.getCohortYear() > 2150)) {
            p.add("student.cohort_year", "'" + s.getCohortYear() + "' is not a year", "year",
                    String.valueOf(s.getCohortYear()));
        }
        if (!p.isEmpty()) {
            ctx.reject(file, line, p);
            return key;
        }
        Student identity = s.toBuilder().clearEligibility().setInstitutionId(ctx.institution()).build();
        ctx.emit(file, line, EntryKind.STUDENT, StudentFacet.all(), key, "student",
                StudentRecord.newBuilder().setStudent(identity).build());
        return key;
    }

    private void start(long bytes) {
        ctx.rowRead(bytes);
        p.clear();
    }

    private void finish(SourceFile file, long line, EntryKind kind, String key, String label,
            java.util.function.Supplier<StudentRecord> fragment) {
        if (!p.isEmpty()) {
            if (kind == EntryKind.COURSE) {
                ctx.courseRowRejected();
            }
            ctx.reject(file, line, p);
            return;
        }
        ctx.emit(file, line, kind, 0, key, label, fragment.get());
    }

    private void school(String field, String code) {
        if (code.isEmpty()) {
            p.add(field, Checks.REQUIRED);
        } else if (!code.matches("\\d{14}|\\d{6}")) {
            p.add(field, "'" + code + "' is not a 14-digit CDS code or a 6-digit IPEDS id", "cdsOrIpeds", code);
        }
    }

    private void gradeLevel(String field, int level) {
        if (level < 7 || level > 13) {
            p.add(field, "'" + level + "' is not a grade level from 7 to 12 (13 for college)", "gradeLevel.record",
                    String.valueOf(level));
        }
    }

    private void nonNegative(String field, int value) {
        if (value < 0) {
            p.add(field, "'" + value + "' is negative; it must be 0 or more", "negative", String.valueOf(value));
        }
    }

    private void required(String field, int enumValue) {
        if (enumValue == 0) {
            p.add(field, Checks.REQUIRED);
        }
    }

    private void notBefore(String later, String earlier, String field, String what) {
        if (later != null && earlier != null && !later.isEmpty() && !earlier.isEmpty()
                && later.compareTo(earlier) < 0) {
            Checks.before(p, field, later, earlier, what);
        }
    }
}
