package org.baton.node.importer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.baton.proto.v1.CourseCategory;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.Demographics;
import org.baton.proto.v1.Enrollment;
import org.baton.proto.v1.PersonName;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;
import org.baton.proto.v1.Term;
import org.baton.proto.v1.TermCalendar;
import org.baton.proto.v1.TermType;

/**
 * Reads a OneRoster 1.1 CSV bulk export (a directory): orgs, academicSessions, courses (optional), classes, users,
 * demographics (optional), enrollments, and lineItems with results (optional). OneRoster carries rosters, not
 * transcripts: each student's class enrollment becomes an in-progress course entry (letter grade IP) and a school
 * enrollment for the school year; a "final" line item's fully graded result becomes the course's letter grade.
 * Teachers, parents and other roles are skipped, as are rows with status {@code tobedeleted} or {@code inactive}.
 * See {@code docs/formats/oneroster.md}.
 */
final class OneRosterReader implements FormatReader {

    /** Percent cut-offs for a numeric final result: at least 90 is an A, 80 a B, 70 a C, 60 a D, below that F. */
    static final int[] PERCENT_CUTS = {90, 80, 70, 60};

    private record Org(String type, String cds, String name) {
    }

    private record Session(String type, String title, String start, String end, String parent, int schoolYear) {
    }

    private record Course(String title, String code) {
    }

    private record Clazz(String title, String classCode, String course, String school, List<String> terms) {
    }

    private record User(String key, int grade) {
    }

    private record LineItem(String clazz, double min, double max) {
    }

    private final RowProblems p = new RowProblems();
    private final Map<String, Org> orgs = new HashMap<>();
    private final Map<String, Session> sessions = new HashMap<>();
    private final Map<String, Course> courses = new HashMap<>();
    private final Map<String, Clazz> classes = new HashMap<>();
    private final Map<String, User> students = new HashMap<>();
    private final Map<String, LineItem> finals = new HashMap<>();
    private ReadContext ctx;
    private String district;
    private Path dir;

    @Override
    public void read(Path input, ReadContext context) throws IOException {
        this.ctx = context;
        String institution = context.institution();
        this.district = institution.length() == 14 ? institution.substring(0, 7) : null;
        if (!Files.isDirectory(input)) {
            throw new IOException("a OneRoster export is a directory of CSV files; " + input + " is not a directory");
        }
        this.dir = input;
        file("manifest.csv", false, this::manifest);
        file("orgs.csv", true, this::org);
        file("academicSessions.csv", true, this::session);
        file("courses.csv", false, this::course);
        file("classes.csv", true, this::clazz);
        file("users.csv", true, this::user);
        file("demographics.csv", false, this::demographics);
        file("enrollments.csv", true, this::enrollment);
        file("lineItems.csv", false, this::lineItem);
        file("results.csv", false, this::result);
    }

    /** Handles one data row; {@code p} is clear on entry. */
    private interface RowHandler {
        void row(CsvReader r, CsvHeader h, SourceFile f);
    }

    private void file(String name, boolean required, RowHandler handler) throws IOException {
        Path path = dir.resolve(name);
        if (!Files.isRegularFile(path)) {
            if (required) {
                SourceFile f = ctx.file(name, "-", "-");
                ctx.note(f, 0, "-", "required file missing from the OneRoster export", "oneroster.fileMissing");
            }
            return;
        }
        SourceFile f = ctx.file(name, "userSourcedId", "classSourcedId");
        try (CsvReader r = new CsvReader(new BufferedInputStream(Files.newInputStream(path), 1 << 16))) {
            if (!r.next()) {
                ctx.note(f, 1, "-", "the file is empty (no header row)", "file.empty");
                return;
            }
            CsvHeader h = new CsvHeader(r);
            if (h.column("sourcedId", "propertyName") < 0) {
                ctx.note(f, 1, "sourcedId", "required column missing; no row of this file was read", "columns.missing");
                return;
            }
            try {
                while (r.next()) {
                    ctx.rowRead(r.bytesRead());
                    p.clear();
                    handler.row(r, h, f);
                }
            } catch (MalformedCsvException e) {
                ctx.rowRead(r.bytesRead());
                ctx.reject(f, e.line(), "-", e.restNotRead(), e.code(), e.facts());
            }
        } finally {
            ctx.fileDone(Files.size(path));
        }
    }

    private static String get(CsvReader r, CsvHeader h, String column) {
        int c = h.column(column);
        return c < 0 ? "" : r.field(c);
    }

    /** True (and the row counted as skipped) when the row's status says it is not current. */
    private boolean inactive(CsvReader r, CsvHeader h) {
        String status = get(r, h, "status").toLowerCase(Locale.ROOT);
        if (status.equals("tobedeleted") || status.equals("inactive")) {
            ctx.rowSkipped();
            return true;
        }
        return false;
    }

    private void done(SourceFile f, CsvReader r) {
        if (p.isEmpty()) {
            ctx.rowUsed();
        } else {
            ctx.reject(f, r.line(), p);
        }
    }

    // ---- reference files ----

    private void manifest(CsvReader r, CsvHeader h, SourceFile f) {
        String property = get(r, h, "propertyName");
        String value = get(r, h, "value");
        if (property.equals("oneroster.version") && !value.equals("1.1")) {
            ctx.note(f, r.line(), "value", "OneRoster version '" + value + "' is not 1.1; the files are read as 1.1",
                    "oneroster.version", value);
        }
        ctx.rowUsed();
    }

    private void org(CsvReader r, CsvHeader h, SourceFile f) {
        if (inactive(r, h)) {
            return;
        }
        String id = Checks.required(p, "sourcedId", get(r, h, "sourcedId"));
        String type = get(r, h, "type").toLowerCase(Locale.ROOT);
        if (!List.of("district", "school", "department", "local", "state", "national").contains(type)) {
            p.add("type", "'" + get(r, h, "type") + "' is not a OneRoster org type", "oneroster.orgType",
                    get(r, h, "type"));
        }
        String identifier = get(r, h, "identifier");
        String cds = identifier.length() == 14 && Checks.digits(identifier) ? identifier : "";
        if (p.isEmpty()) {
            orgs.put(id, new Org(type, cds, get(r, h, "name")));
        }
        done(f, r);
    }

    private void session(CsvReader r, CsvHeader h, SourceFile f) {
        if (inactive(r, h)) {
            return;
        }
        String id = Checks.required(p, "sourcedId", get(r, h, "sourcedId"));
        String type = get(r, h, "type");
        if (!List.of("schoolYear", "semester", "term", "gradingPeriod").contains(type)) {
            p.add("type", "'" + type + "' is not a OneRoster session type (schoolYear, semester, term, gradingPeriod)",
                    "oneroster.sessionType", type);
        }
        String start = Checks.date(p, "startDate", get(r, h, "startDate"), true, false);
        String end = Checks.date(p, "endDate", get(r, h, "endDate"), true, false);
        if (start != null && end != null && end.compareTo(start) < 0) {
            Checks.before(p, "endDate", end, start, "the start date");
        }
        int year = Checks.whole(p, "schoolYear", get(r, h, "schoolYear"), true, 4);
        if (p.isEmpty()) {
            sessions.put(id, new Session(type, get(r, h, "title"), start, end, get(r, h, "parentSourcedId"), year));
        }
        done(f, r);
    }

    private void course(CsvReader r, CsvHeader h, SourceFile f) {
        if (inactive(r, h)) {
            return;
        }
        String id = Checks.required(p, "sourcedId", get(r, h, "sourcedId"));
        if (p.isEmpty()) {
            courses.put(id, new Course(get(r, h, "title"), get(r, h, "courseCode")));
        }
        done(f, r);
    }

    private void clazz(CsvReader r, CsvHeader h, SourceFile f) {
        if (inactive(r, h)) {
            return;
        }
        String id = Checks.required(p, "sourcedId", get(r, h, "sourcedId"));
        String title = Checks.required(p, "title", get(r, h, "title"));
        String school = school("schoolSourcedId", get(r, h, "schoolSourcedId"));
        List<String> terms = new ArrayList<>();
        for (String t : get(r, h, "termSourcedIds").split(",")) {
            t = t.trim();
            if (t.isEmpty()) {
                continue;
            }
            if (!sessions.containsKey(t)) {
                p.add("termSourcedIds", "'" + t + "' is not a known academic session (term) in academicSessions.csv",
                        "oneroster.unknownTerm", t);
            }
            terms.add(t);
        }
        if (terms.isEmpty()) {
            p.add("termSourcedIds", Checks.REQUIRED);
        }
        String course = get(r, h, "courseSourcedId");
        if (!course.isEmpty() && !courses.isEmpty() && !courses.containsKey(course)) {
            p.add("courseSourcedId", "'" + course + "' is not a course in courses.csv", "oneroster.unknownCourse",
                    course);
        }
        if (p.isEmpty()) {
            classes.put(id, new Clazz(title, get(r, h, "classCode"), course, school, terms));
        }
        done(f, r);
    }

    /** The CDS code of a known school org in the importing district, or null and a problem. */
    private String school(String field, String sourcedId) {
        if (sourcedId.isEmpty()) {
            p.add(field, Checks.REQUIRED);
            return null;
        }
        Org org = orgs.get(sourcedId);
        if (org == null) {
            p.add(field, "'" + sourcedId + "' is not an org in orgs.csv", "oneroster.unknownOrg", sourcedId);
            return null;
        }
        if (org.cds().isEmpty()) {
            p.add(field, "org '" + sourcedId + "' has no 14-digit CDS code as its identifier",
                    "oneroster.orgWithoutCds", sourcedId);
            return null;
        }
        if (district != null && !org.cds().startsWith(district)) {
            Checks.notInDistrict(p, field, org.cds(), district);
            return null;
        }
        return org.cds();
    }

    // ---- students ----

    private void user(CsvReader r, CsvHeader h, SourceFile f) {
        if (inactive(r, h)) {
            return;
        }
        if (!get(r, h, "role").equalsIgnoreCase("student")) {
            ctx.rowSkipped();
            return;
        }
        String id = Checks.required(p, "sourcedId", get(r, h, "sourcedId"));
        String first = Checks.required(p, "givenName", get(r, h, "givenName"));
        String last = Checks.required(p, "familyName", get(r, h, "familyName"));
        String ssid = "";
        for (String pair : get(r, h, "userIds").split(",")) {
            String t = pair.trim();
            if (t.startsWith("{") && t.endsWith("}") && t.indexOf(':') > 0) {
                String type = t.substring(1, t.indexOf(':')).trim();
                String value = t.substring(t.indexOf(':') + 1, t.length() - 1).trim();
                if (type.equalsIgnoreCase("SSID") || type.equalsIgnoreCase("StateID")
                        || type.equalsIgnoreCase("CALPADS")) {
                    ssid = Checks.ssid(p, "userIds", value, true);
                }
            }
        }
        int grade = 0;
        String grades = get(r, h, "grades");
        if (!grades.isEmpty()) {
            String g = grades.split(",")[0].trim();
            grade = Checks.gradeLevel(p, "grades", g, false);
        }
        if (!p.isEmpty()) {
            ctx.reject(f, r.line(), p);
            return;
        }
        String key = ssid.isEmpty() ? ReadContext.localKey(ctx.institution(), id) : ReadContext.ssidKey(ssid);
        students.put(id, new User(key, grade));
        Student.Builder s = Student.newBuilder()
                .setSsid(ssid)
                .addLocalIds(ReadContext.localId(ctx.institution(), id))
                .setLegalName(PersonName.newBuilder().setFirst(first).setMiddle(get(r, h, "middleName")).setLast(last))
                .setInstitutionId(ctx.institution())
                .setGradeLevel(grade);
        int facets = StudentFacet.NAME.bit() | (ssid.isEmpty() ? 0 : StudentFacet.SSID.bit())
                | (grade > 0 ? StudentFacet.GRADE_LEVEL.bit() : 0);
        ctx.emit(f, r.line(), EntryKind.STUDENT, facets, key, "", StudentRecord.newBuilder().setStudent(s).build());
    }

    private void demographics(CsvReader r, CsvHeader h, SourceFile f) {
        if (inactive(r, h)) {
            return;
        }
        String id = Checks.required(p, "sourcedId", get(r, h, "sourcedId"));
        User user = id == null ? null : students.get(id);
        if (id != null && user == null) {
            // Demographics of teachers and parents are not Baton's to keep.
            ctx.rowSkipped();
            return;
        }
        String birth = Checks.date(p, "birthDate", get(r, h, "birthDate"), false, true);
        String sex = switch (get(r, h, "sex").toLowerCase(Locale.ROOT)) {
            case "female" -> "F";
            case "male" -> "M";
            case "other" -> "X";
            case "" -> "";
            default -> {
                p.add("sex", "not a OneRoster sex value (male, female, other)", "oneroster.sex");
                yield "";
            }
        };
        Demographics.Builder d = Demographics.newBuilder().setGender(sex);
        String[][] races = {{"americanIndianOrAlaskaNative", "100"}, {"asian", "299"},
            {"blackOrAfricanAmerican", "600"}, {"nativeHawaiianOrOtherPacificIslander", "399"}, {"white", "700"}};
        for (String[] race : races) {
            Boolean yes = Checks.flag(p, race[0], get(r, h, race[0]));
            if (Boolean.TRUE.equals(yes)) {
                d.addRaceCodes(race[1]);
            }
        }
        Boolean hispanic = Checks.flag(p, "hispanicOrLatinoEthnicity", get(r, h, "hispanicOrLatinoEthnicity"));
        if (!p.isEmpty()) {
            ctx.reject(f, r.line(), p);
            return;
        }
        String hisp = get(r, h, "hispanicOrLatinoEthnicity").isEmpty() ? "" : hispanic ? "Y" : "N";
        Student s = Student.newBuilder().setBirthDate(birth).setDemographics(d.setHispanic(hisp)).build();
        int facets = StudentFacet.GENDER.bit() | StudentFacet.RACE.bit() | StudentFacet.HISPANIC.bit()
                | (birth.isEmpty() ? 0 : StudentFacet.BIRTH_DATE.bit());
        ctx.emit(f, r.line(), EntryKind.STUDENT, facets, user.key(), "", StudentRecord.newBuilder().setStudent(s).build());
    }

    // ---- rosters and results ----

    private void enrollment(CsvReader r, CsvHeader h, SourceFile f) {
        if (inactive(r, h)) {
            return;
        }
        if (!get(r, h, "role").equalsIgnoreCase("student")) {
            ctx.rowSkipped();
            return;
        }
        Checks.required(p, "sourcedId", get(r, h, "sourcedId"));
        String classId = get(r, h, "classSourcedId");
        Clazz clazz = classes.get(classId);
        if (clazz == null && classId.isEmpty()) {
            p.add("classSourcedId", Checks.REQUIRED);
        } else if (clazz == null) {
            p.add("classSourcedId", "'" + classId + "' is not a valid class in classes.csv", "oneroster.unknownClass",
                    classId);
        }
        String userId = get(r, h, "userSourcedId");
        User user = students.get(userId);
        if (user == null && userId.isEmpty()) {
            p.add("userSourcedId", Checks.REQUIRED);
        } else if (user == null) {
            p.add("userSourcedId", "'" + userId + "' is not a valid student in users.csv", "oneroster.unknownStudent",
                    userId);
        }
        String school = school("schoolSourcedId", get(r, h, "schoolSourcedId"));
        String begin = Checks.date(p, "beginDate", get(r, h, "beginDate"), false, false);
        String end = Checks.date(p, "endDate", get(r, h, "endDate"), false, false);
        if (begin != null && end != null && !begin.isEmpty() && !end.isEmpty() && end.compareTo(begin) < 0) {
            Checks.before(p, "endDate", end, begin, "the begin date");
        }
        if (!p.isEmpty()) {
            ctx.reject(f, r.line(), p);
            return;
        }
        Session term = sessions.get(clazz.terms().get(0));
        Session year = sessions.getOrDefault(term.parent(), term);
        Enrollment e = Enrollment.newBuilder().setInstitutionId(ctx.institution()).setSchoolCode(school)
                .setGradeLevel(user.grade()).setEntryDate(year.start()).setAcademicYear(year.schoolYear() - 1).build();
        // The school enrollment is derived from the class enrollment row, which counts once (as its course entry).
        ctx.emit(f, r.line(), EntryKind.ENROLLMENT, EntryKind.DERIVED, user.key(), "",
                StudentRecord.newBuilder().addEnrollments(e).build());
        ctx.emit(f, r.line(), EntryKind.COURSE, 0, user.key(), "",
                StudentRecord.newBuilder().addCourses(course(classId, clazz, user, RecordMerger.IN_PROGRESS, "")).build());
    }

    private void lineItem(CsvReader r, CsvHeader h, SourceFile f) {
        if (inactive(r, h)) {
            return;
        }
        String id = Checks.required(p, "sourcedId", get(r, h, "sourcedId"));
        String title = get(r, h, "title");
        if (!title.toLowerCase(Locale.ROOT).contains("final")) {
            // Only final grades are transcript facts; assignments and quizzes are not.
            ctx.rowSkipped();
            return;
        }
        String classId = get(r, h, "classSourcedId");
        if (!classes.containsKey(classId)) {
            p.add("classSourcedId", "'" + classId + "' is not a valid class in classes.csv", "oneroster.unknownClass",
                    classId);
        }
        double min = number("resultValueMin", get(r, h, "resultValueMin"), 0);
        double max = number("resultValueMax", get(r, h, "resultValueMax"), 100);
        if (p.isEmpty() && max <= min) {
            p.add("resultValueMax", "must be above resultValueMin", "oneroster.maxNotAboveMin");
        }
        if (p.isEmpty()) {
            finals.put(id, new LineItem(classId, min, max));
        }
        done(f, r);
    }

    private void result(CsvReader r, CsvHeader h, SourceFile f) {
        if (inactive(r, h)) {
            return;
        }
        String item = get(r, h, "lineItemSourcedId");
        LineItem lineItem = finals.get(item);
        if (lineItem == null) {
            ctx.rowSkipped();
            return;
        }
        if (!get(r, h, "scoreStatus").equalsIgnoreCase("fully graded")) {
            ctx.rowSkipped();
            return;
        }
        String userId = get(r, h, "studentSourcedId");
        User user = students.get(userId);
        if (user == null) {
            p.add("studentSourcedId", "'" + userId + "' is not a valid student in users.csv",
                    "oneroster.unknownStudent", userId);
        }
        double score = number("score", get(r, h, "score"), Double.NaN);
        if (!Double.isNaN(score) && (score < lineItem.min() || score > lineItem.max())) {
            p.add("score", "'" + get(r, h, "score") + "' is outside the line item's range " + lineItem.min() + " to "
                    + lineItem.max(), "oneroster.scoreOutOfRange", get(r, h, "score"), String.valueOf(lineItem.min()),
                    String.valueOf(lineItem.max()));
        }
        String scored = Checks.date(p, "scoreDate", get(r, h, "scoreDate"), false, false);
        if (Double.isNaN(score) && p.isEmpty()) {
            p.add("score", Checks.REQUIRED);
        }
        if (!p.isEmpty()) {
            ctx.reject(f, r.line(), p);
            return;
        }
        double percent = (score - lineItem.min()) * 100 / (lineItem.max() - lineItem.min());
        String letter = percent >= PERCENT_CUTS[0] ? "A" : percent >= PERCENT_CUTS[1] ? "B"
                : percent >= PERCENT_CUTS[2] ? "C" : percent >= PERCENT_CUTS[3] ? "D" : "F";
        Clazz clazz = classes.get(lineItem.clazz());
        ctx.emit(f, r.line(), EntryKind.COURSE, 0, user.key(), "", StudentRecord.newBuilder()
                .addCourses(course(lineItem.clazz(), clazz, user, letter, scored)).build());
    }

    private double number(String field, String value, double missing) {
        if (value.isEmpty()) {
            return missing;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            p.add(field, "'" + value + "' is not a number", "number", value);
            return missing;
        }
    }

    /** The course entry of a student's place in a class. */
    private CourseRecord course(String classId, Clazz clazz, User user, String letter, String completed) {
        Session term = sessions.get(clazz.terms().get(0));
        Course course = courses.get(clazz.course());
        String code = course != null && !course.code().isEmpty() ? course.code()
                : !clazz.classCode().isEmpty() ? clazz.classCode() : classId;
        String stateCode = code.length() == 4 && Checks.digits(code) ? code : "";
        return CourseRecord.newBuilder()
                .setRecordId("oneroster|" + classId)
                .setInstitutionId(ctx.institution())
                .setSchoolCode(clazz.school())
                .setLocalCourseId(code)
                .setStateCourseCode(stateCode)
                .setTitle(course != null && !course.title().isEmpty() ? course.title() : clazz.title())
                .setTerm(term(term))
                .setCompletionDate(completed)
                .setGradeLevel(user.grade())
                .setLetterGrade(letter)
                .setCategory(CourseCategory.ACADEMIC)
                .build();
    }

    /** A session as a term: the academic year from its school year, the type from the month it starts. */
    private static Term term(Session s) {
        int month = Integer.parseInt(s.start().substring(5, 7));
        TermType type = s.type().equals("schoolYear") ? TermType.FULL_YEAR
                : month >= 7 && month <= 11 ? TermType.FALL
                : month == 12 || month <= 2 ? (s.type().equals("semester") ? TermType.SPRING : TermType.WINTER)
                : month <= 5 ? TermType.SPRING : TermType.SUMMER;
        return Term.newBuilder().setAcademicYear(s.schoolYear() - 1).setType(type).setCode(s.title())
                .setCalendar(s.type().equals("semester") ? TermCalendar.SEMESTER : TermCalendar.TERM_CALENDAR_UNSPECIFIED)
                .build();
    }
}
