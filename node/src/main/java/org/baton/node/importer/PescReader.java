package org.baton.node.importer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.baton.proto.v1.AcademicProgram;
import org.baton.proto.v1.Award;
import org.baton.proto.v1.AwardKind;
import org.baton.proto.v1.CollegeCourse;
import org.baton.proto.v1.CourseCategory;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.Demographics;
import org.baton.proto.v1.GpaKind;
import org.baton.proto.v1.PersonName;
import org.baton.proto.v1.ReportedGpa;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;
import org.baton.proto.v1.Term;
import org.baton.proto.v1.TermCalendar;
import org.baton.proto.v1.TermType;

/**
 * Reads PESC College Transcript and High School Transcript XML (any version: elements are matched by local name),
 * one file or a directory of {@code .xml} files; every {@code Student} element of a file is one student (so an
 * AcademicRecordBatch works too). The core elements are read: Person, AcademicRecord, AcademicSession, Course,
 * CourseCreditEarned, GPA and AcademicAward. Documents with a DOCTYPE are refused before anything in them is
 * read, so external entities and entity expansion cannot be used against the node. A {@code Student} or
 * {@code TransmissionData} element nested deeper than {@value #MAX_DEPTH} levels, with more than
 * {@value #MAX_ELEMENTS} elements or more than {@value #MAX_TEXT_CHARS} characters of text is refused with the rest
 * of its document, so a hostile file cannot exhaust memory. See {@code docs/formats/pesc.md}.
 */
final class PescReader implements FormatReader {

    /** Deepest nesting below a Student (a real transcript needs about ten levels). */
    static final int MAX_DEPTH = 64;
    /** Most elements in one Student (a long college transcript has a few thousand). */
    static final int MAX_ELEMENTS = 200_000;
    /** Most characters of text in one Student. */
    static final int MAX_TEXT_CHARS = 8 * 1024 * 1024;

    /** Parsing settings: no DTDs, no external entities, no entity replacement, namespaces on. */
    static XMLInputFactory secureFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        // Not coalescing: text arrives in bounded chunks, so the size limit is checked before a huge text is held.
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        return f;
    }

    /** A parsed element: local name, trimmed text, children, line. Student subtrees are small. */
    private static final class El {
        final String name;
        final long line;
        final List<El> kids = new ArrayList<>();
        final StringBuilder text = new StringBuilder();

        El(String name, long line) {
            this.name = name;
            this.line = line;
        }

        El child(String n) {
            for (El k : kids) {
                if (k.name.equals(n)) {
                    return k;
                }
            }
            return null;
        }

        List<El> all(String n) {
            List<El> out = new ArrayList<>();
            for (El k : kids) {
                if (k.name.equals(n)) {
                    out.add(k);
                }
            }
            return out;
        }

        String text(String n) {
            El k = child(n);
            return k == null ? "" : k.text.toString().trim();
        }

        String path(String... names) {
            El e = this;
            for (String n : names) {
                e = e.child(n);
                if (e == null) {
                    return "";
                }
            }
            return e.text.toString().trim();
        }
    }

    private final XMLInputFactory factory = secureFactory();
    private final RowProblems p = new RowProblems();
    private ReadContext ctx;

    @Override
    public void read(Path input, ReadContext context) throws IOException {
        this.ctx = context;
        List<Path> files = new ArrayList<>();
        Path base;
        if (Files.isDirectory(input)) {
            base = input.toAbsolutePath();
            try (Stream<Path> s = Files.walk(input)) {
                s.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().toLowerCase(Locale.ROOT)
                        .endsWith(".xml")).sorted().forEach(files::add);
            }
        } else {
            base = input.toAbsolutePath().getParent();
            files.add(input);
        }
        for (Path f : files) {
            SourceFile file = ctx.file(base.relativize(f.toAbsolutePath()).toString(), "Person", "Course");
            try (InputStream in = new BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
                document(file, in);
            }
            ctx.fileDone(Files.size(f));
        }
    }

    /** Reads one document: the transmission data, then each Student subtree. */
    private void document(SourceFile file, InputStream in) {
        XMLStreamReader x = null;
        String sourceIpeds = "";
        String sourceCds = "";
        String created = "";
        try {
            x = factory.createXMLStreamReader(in);
            while (hasNext(x)) {
                int event = next(x);
                if (event == XMLStreamConstants.DTD) {
                    ctx.rowRead(-1);
                    ctx.reject(file, x.getLocation().getLineNumber(), "-", "a DOCTYPE is not allowed in a transcript "
                            + "(DTDs, external entities and entity expansion are refused); the document was not read",
                            "pesc.doctype");
                    return;
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                String name = x.getLocalName();
                if (name.equals("TransmissionData")) {
                    El t = subtree(x);
                    created = t.text("CreatedDateTime");
                    El org = t.child("Source") == null ? null : t.child("Source").child("Organization");
                    if (org != null) {
                        sourceIpeds = org.text("IPEDS");
                        sourceCds = cdsOf(org);
                    }
                } else if (name.equals("Student")) {
                    student(file, subtree(x), sourceIpeds, sourceCds, created);
                }
            }
        } catch (ElementTooLargeException e) {
            ctx.rowRead(-1);
            ctx.reject(file, e.line, e.element, e.getMessage() + "; the rest of the document was not read", e.code,
                    e.element, String.valueOf(e.line), e.limit);
        } catch (XMLStreamException e) {
            long line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNumber());
            ctx.rowRead(-1);
            ctx.reject(file, line, "-", "not well-formed XML (" + firstLine(e.getMessage())
                    + "); the rest of the document was not read", "pesc.notWellFormed", firstLine(e.getMessage()));
        } finally {
            if (x != null) {
                try {
                    x.close();
                } catch (XMLStreamException e) {
                    // Nothing to release that the stream's close does not.
                }
            }
        }
    }

    private static String firstLine(String message) {
        String m = message == null ? "" : message;
        int i = m.lastIndexOf("Message: ");
        if (i >= 0) {
            m = m.substring(i + 9);
        }
        m = m.replace('\n', ' ').trim();
        return m.length() > 160 ? m.substring(0, 160) + "…" : m;
    }

    /**
     * The next event. The JDK's parser throws unchecked exceptions on some malformed documents (a malformed DTD
     * fails with a MissingResourceException for its own message); they mean "not well-formed" like the checked one.
     */
    private static int next(XMLStreamReader x) throws XMLStreamException {
        try {
            return x.next();
        } catch (RuntimeException e) {
            throw new XMLStreamException("the XML parser failed: " + e.getClass().getSimpleName() + " "
                    + e.getMessage(), e);
        }
    }

    private static boolean hasNext(XMLStreamReader x) throws XMLStreamException {
        try {
            return x.hasNext();
        } catch (RuntimeException e) {
            throw new XMLStreamException("the XML parser failed: " + e.getClass().getSimpleName() + " "
                    + e.getMessage(), e);
        }
    }

    /** An element over one of the limits: refused with the rest of its document. */
    private static final class ElementTooLargeException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient String element;
        private final long line;
        private final transient String code;
        private final transient String limit;

        /** {@code code} is {@code pesc.tooDeep}, {@code pesc.tooManyElements} or {@code pesc.tooMuchText}. */
        ElementTooLargeException(String element, long line, String code, long limit, String reason) {
            super("the " + element + " element starting on line " + line + " " + reason);
            this.element = element;
            this.line = line;
            this.code = code;
            this.limit = String.valueOf(limit);
        }
    }

    /** Reads the element the reader is on, with everything inside it, within the limits. */
    private static El subtree(XMLStreamReader x) throws XMLStreamException, ElementTooLargeException {
        El root = new El(x.getLocalName(), x.getLocation().getLineNumber());
        List<El> stack = new ArrayList<>();
        stack.add(root);
        long elements = 1;
        long chars = 0;
        while (!stack.isEmpty()) {
            int event = next(x);
            El top = stack.get(stack.size() - 1);
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (stack.size() >= MAX_DEPTH) {
                        throw new ElementTooLargeException(root.name, root.line, "pesc.tooDeep", MAX_DEPTH,
                                "nests deeper than " + MAX_DEPTH + " elements");
                    }
                    if (++elements > MAX_ELEMENTS) {
                        throw new ElementTooLargeException(root.name, root.line, "pesc.tooManyElements", MAX_ELEMENTS,
                                "has more than " + MAX_ELEMENTS + " elements");
                    }
                    El child = new El(x.getLocalName(), x.getLocation().getLineNumber());
                    top.kids.add(child);
                    stack.add(child);
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                    chars += x.getTextLength();
                    if (chars > MAX_TEXT_CHARS) {
                        throw new ElementTooLargeException(root.name, root.line, "pesc.tooMuchText", MAX_TEXT_CHARS,
                                "has more than " + MAX_TEXT_CHARS + " characters of text");
                    }
                    top.text.append(x.getTextCharacters(), x.getTextStart(), x.getTextLength());
                }
                case XMLStreamConstants.END_ELEMENT -> stack.remove(stack.size() - 1);
                default -> {
                }
            }
        }
        return root;
    }

    private static String cdsOf(El org) {
        String mutual = org.text("MutuallyDefined");
        if (mutual.length() == 14 && Checks.digits(mutual)) {
            return mutual;
        }
        El local = org.child("LocalOrganizationID");
        if (local != null) {
            String code = local.text("LocalOrganizationIDCode");
            if (code.length() == 14 && Checks.digits(code)) {
                return code;
            }
        }
        return "";
    }

    // ---- one student ----

    private void student(SourceFile file, El student, String sourceIpeds, String sourceCds, String created) {
        String institution = ctx.institution();
        boolean college = student.child("AcademicRecord") != null && isCollegeDocument(sourceIpeds, institution);
        El person = student.child("Person");
        ctx.rowRead(-1);
        p.clear();
        String key = null;
        if (person == null) {
            p.add("Person", Checks.REQUIRED);
        } else {
            key = person(file, person);
        }
        if (key == null) {
            // Without a person nothing in the transcript can be attached to anyone.
            if (!p.isEmpty()) {
                ctx.reject(file, person == null ? student.line : person.line, p);
            }
            int rows = 0;
            for (El record : student.all("AcademicRecord")) {
                rows += record.all("AcademicAward").size() + record.all("Course").size();
                for (El summary : record.all("AcademicSummary")) {
                    rows += summary.all("GPA").size();
                }
                for (El session : record.all("AcademicSession")) {
                    rows += session.all("Course").size();
                }
            }
            for (int i = 0; i < rows; i++) {
                ctx.rowRead(-1);
                ctx.reject(file, student.line, "Person", "the transcript names no student; not loaded",
                        "pesc.noStudent");
            }
            return;
        }
        String asOf = created.length() >= 10 ? created.substring(0, 10) : "";
        String school = !sourceCds.isEmpty() ? sourceCds : institution;
        String collegeId = !sourceIpeds.isEmpty() ? sourceIpeds : institution;
        for (El record : student.all("AcademicRecord")) {
            int grade = level(record.path("StudentLevel", "StudentLevelCode"));
            for (El award : record.all("AcademicAward")) {
                award(file, key, award, institution);
            }
            for (El summary : record.all("AcademicSummary")) {
                for (El gpa : summary.all("GPA")) {
                    gpa(file, key, summary, gpa, college, asOf);
                }
            }
            for (El course : record.all("Course")) {
                ctx.rowRead(-1);
                ctx.courseRowRejected();
                ctx.reject(file, course.line, "Course", "not inside an AcademicSession, so it has no term",
                        "pesc.noTerm");
            }
            for (El session : record.all("AcademicSession")) {
                session(file, key, session, grade, college, school, collegeId);
            }
        }
    }

    private boolean isCollegeDocument(String sourceIpeds, String institution) {
        return !sourceIpeds.isEmpty() || institution.length() == 6;
    }

    /** Validates and emits the person; returns the student's key or null (problems in {@code p}). */
    private String person(SourceFile file, El person) {
        String local = person.text("SchoolAssignedPersonID");
        String ssid = "";
        for (El agency : person.all("AgencyIdentifier")) {
            String state = agency.text("StateProvinceCode");
            if (agency.text("AgencyCode").equals("State") && (state.isEmpty() || state.equals("CA"))) {
                ssid = Checks.ssid(p, "Person/AgencyIdentifier/AgencyAssignedID", agency.text("AgencyAssignedID"), true);
            }
        }
        El name = person.child("Name");
        String first = Checks.required(p, "Person/Name/FirstName", name == null ? "" : name.text("FirstName"));
        String last = Checks.required(p, "Person/Name/LastName", name == null ? "" : name.text("LastName"));
        String birth = Checks.date(p, "Person/Birth/BirthDate", xsDate(person.path("Birth", "BirthDate")), false, true);
        String gender = switch (person.path("Gender", "GenderCode")) {
            case "Male" -> "M";
            case "Female" -> "F";
            default -> "";
        };
        if (ssid != null && ssid.isEmpty() && local.isEmpty()) {
            p.add("Person", "needs a SchoolAssignedPersonID or a California State AgencyIdentifier (SSID)",
                    "pesc.personId");
        }
        if (!p.isEmpty() || ssid == null) {
            return null;
        }
        Demographics.Builder d = Demographics.newBuilder().setGender(gender);
        El ethnicity = person.child("EthnicityRace");
        int facets = StudentFacet.NAME.bit() | (ssid.isEmpty() ? 0 : StudentFacet.SSID.bit())
                | (birth.isEmpty() ? 0 : StudentFacet.BIRTH_DATE.bit()) | (gender.isEmpty() ? 0 : StudentFacet.GENDER.bit());
        if (ethnicity != null) {
            d.setHispanic(ethnicity.text("EthnicityCode").equals("Hispanic") ? "Y" : "N");
            for (El race : ethnicity.all("RaceCode")) {
                String code = switch (race.text.toString().trim()) {
                    case "AmericanIndianOrAlaskaNative", "AmericanIndian" -> "100";
                    case "Asian" -> "299";
                    case "BlackOrAfricanAmerican", "Black" -> "600";
                    case "NativeHawaiianOrOtherPacificIslander", "PacificIslander" -> "399";
                    case "White" -> "700";
                    default -> "";
                };
                if (!code.isEmpty() && !d.getRaceCodesList().contains(code)) {
                    d.addRaceCodes(code);
                }
            }
            facets |= StudentFacet.HISPANIC.bit() | StudentFacet.RACE.bit();
        }
        String key = ssid.isEmpty() ? ReadContext.localKey(ctx.institution(), local) : ReadContext.ssidKey(ssid);
        Student.Builder s = Student.newBuilder()
                .setSsid(ssid)
                .setLegalName(PersonName.newBuilder().setFirst(first).setMiddle(name.text("MiddleName")).setLast(last)
                        .setSuffix(name.text("NameSuffix")))
                .setBirthDate(birth)
                .setDemographics(d)
                .setInstitutionId(ctx.institution());
        if (!local.isEmpty()) {
            s.addLocalIds(ReadContext.localId(ctx.institution(), local));
        }
        ctx.emit(file, person.line, EntryKind.STUDENT, facets, key, "", StudentRecord.newBuilder().setStudent(s).build());
        return key;
    }

    /**
     * An AcademicAward: with a date, an award conferred; without one, a program the student is pursuing (its
     * AcademicAwardProgram becomes an academic program), or nothing to keep.
     */
    private void award(SourceFile file, String key, El award, String institution) {
        ctx.rowRead(-1);
        p.clear();
        El program = award.child("AcademicAwardProgram");
        String programName = program == null ? "" : program.text("AcademicProgramName");
        if (award.text("AcademicAwardDate").isEmpty()) {
            if (program == null) {
                ctx.rowSkipped();
                return;
            }
            String code = !program.text("AcademicProgramCode").isEmpty() ? program.text("AcademicProgramCode")
                    : program.text("ProgramCIPCode");
            Checks.required(p, "AcademicAward/AcademicAwardProgram/ProgramCIPCode", code);
            Checks.required(p, "AcademicAward/AcademicAwardProgram/AcademicProgramName", programName);
            if (!p.isEmpty()) {
                ctx.reject(file, award.line, p);
                return;
            }
            AcademicProgram a = AcademicProgram.newBuilder().setProgramCode(code).setTitle(programName)
                    .setAwardKind(awardKind(award.text("AcademicAwardTitle") + " " + programName)).build();
            ctx.emit(file, award.line, EntryKind.PROGRAM, 0, key, "", StudentRecord.newBuilder().addPrograms(a).build());
            return;
        }
        String title = Checks.required(p, "AcademicAward/AcademicAwardTitle",
                award.text("AcademicAwardTitle").isEmpty() ? programName : award.text("AcademicAwardTitle"));
        String date = Checks.date(p, "AcademicAward/AcademicAwardDate", xsDate(award.text("AcademicAwardDate")), true,
                false);
        if (!p.isEmpty()) {
            ctx.reject(file, award.line, p);
            return;
        }
        Award a = Award.newBuilder().setKind(awardKind(title)).setTitle(title).setConferredOn(date)
                .setInstitutionId(institution).build();
        ctx.emit(file, award.line, EntryKind.AWARD, 0, key, "", StudentRecord.newBuilder().addAwards(a).build());
    }

    /** An xs:date without its optional time zone ({@code 1995-01-01Z}, {@code 1995-01-01-08:00}). */
    static String xsDate(String value) {
        if (value.length() > 10 && value.charAt(4) == '-' && value.charAt(7) == '-'
                && (value.charAt(10) == 'Z' || value.charAt(10) == '+' || value.charAt(10) == '-')) {
            return value.substring(0, 10);
        }
        return value;
    }

    /** The award kind from its title (PESC award levels do not tell a transfer degree from another). */
    static AwardKind awardKind(String title) {
        String t = title.toLowerCase(Locale.ROOT);
        if (t.contains("diploma")) {
            return AwardKind.HIGH_SCHOOL_DIPLOMA;
        } else if (t.contains("associate") && t.contains("transfer")) {
            return t.contains("science") ? AwardKind.ASSOCIATE_SCIENCE_TRANSFER : AwardKind.ASSOCIATE_ARTS_TRANSFER;
        } else if (t.contains("associate")) {
            return t.contains("science") ? AwardKind.ASSOCIATE_SCIENCE : AwardKind.ASSOCIATE_ARTS;
        } else if (t.contains("certificate")) {
            return AwardKind.CERTIFICATE_OF_ACHIEVEMENT;
        } else if (t.contains("bachelor")) {
            return AwardKind.BACHELORS;
        } else if (t.contains("seal of biliteracy")) {
            return AwardKind.STATE_SEAL_OF_BILITERACY;
        }
        return AwardKind.OTHER_AWARD;
    }

    private void gpa(SourceFile file, String key, El summary, El gpa, boolean college, String asOf) {
        ctx.rowRead(-1);
        p.clear();
        String type = summary.text("AcademicSummaryType");
        if (type.equals("TransferOnly") || type.equals("TransferNotRepeated")) {
            ctx.rowSkipped();
            return;
        }
        String value = gpa.text("GradePointAverage");
        int thousandths = -1;
        if (value.isEmpty()) {
            p.add("GPA/GradePointAverage", Checks.REQUIRED);
        } else {
            try {
                thousandths = new BigDecimal(value).movePointRight(3).setScale(0, RoundingMode.HALF_UP).intValueExact();
                if (thousandths < 0 || thousandths > 5000) {
                    p.add("GPA/GradePointAverage", "'" + value + "' is not between 0 and 5", "gpaRange", value);
                }
            } catch (NumberFormatException | ArithmeticException e) {
                p.add("GPA/GradePointAverage", "'" + value + "' is not a number", "number", value);
            }
        }
        if (asOf.isEmpty()) {
            p.add("TransmissionData/CreatedDateTime", "required to date the GPA", "pesc.gpaDate");
        }
        if (!p.isEmpty()) {
            ctx.reject(file, gpa.line, p);
            return;
        }
        String max = gpa.text("GPARangeMaximum");
        boolean weighted = type.equals("Weighted") || !max.isEmpty() && new BigDecimal(max).compareTo(BigDecimal.valueOf(4)) > 0;
        GpaKind kind = college ? GpaKind.GPA_COLLEGE_CUMULATIVE
                : weighted ? GpaKind.GPA_CUMULATIVE_WEIGHTED : GpaKind.GPA_CUMULATIVE_UNWEIGHTED;
        ReportedGpa g = ReportedGpa.newBuilder().setKind(kind).setValue(thousandths).setAsOf(asOf).build();
        ctx.emit(file, gpa.line, EntryKind.GPA, 0, key, "", StudentRecord.newBuilder().addReportedGpas(g).build());
    }

    private void session(SourceFile file, String key, El session, int recordGrade, boolean college, String school,
            String collegeId) {
        El detail = session.child("AcademicSessionDetail");
        String designator = detail == null ? "" : detail.text("SessionDesignator");
        El override = session.child("School");
        boolean transfer = override != null && !override.text("SchoolOverrideCode").isEmpty();
        int grade = level(session.path("StudentLevel", "StudentLevelCode"));
        if (grade == 0) {
            grade = recordGrade;
        }
        if (college) {
            grade = 13;
        }
        Term term = term(designator, detail == null ? "" : detail.text("SessionType"));
        Map<String, Integer> seen = new HashMap<>();
        for (El course : session.all("Course")) {
            ctx.rowRead(-1);
            if (transfer) {
                // Grades earned at another institution: that institution is their source, not this one.
                ctx.rowSkipped();
                continue;
            }
            p.clear();
            if (term == null) {
                if (designator.isEmpty()) {
                    p.add("AcademicSession/AcademicSessionDetail/SessionDesignator", Checks.REQUIRED);
                } else {
                    p.add("AcademicSession/AcademicSessionDetail/SessionDesignator", "'" + designator
                            + "' is not a PESC session designator (YYYY-MM)", "pesc.sessionDesignator", designator);
                }
            }
            String number = course.text("CourseNumber");
            String subject = course.text("CourseSubjectAbbreviation");
            String localId = !subject.isEmpty() ? subject + " " + number : !number.isEmpty() ? number
                    : course.text("OriginalCourseID");
            if (localId.isBlank()) {
                p.add("Course/CourseNumber", Checks.REQUIRED);
            }
            String title = Checks.required(p, "Course/CourseTitle", course.text("CourseTitle"));
            int attempted = Checks.hundredths(p, "Course/CourseCreditValue", course.text("CourseCreditValue"), false);
            int earned = Checks.hundredths(p, "Course/CourseCreditEarned", course.text("CourseCreditEarned"), false);
            String letter = grade(course.text("CourseAcademicGrade"));
            if (!p.isEmpty()) {
                ctx.courseRowRejected();
                ctx.reject(file, course.line, p);
                continue;
            }
            int occurrence = seen.merge(localId, 1, Integer::sum);
            String basis = course.text("CourseCreditBasis");
            String level = course.text("CourseLevel");
            boolean honors = basis.equals("AdvancedPlacement") || basis.equals("InternationalBaccalaureate")
                    || level.equals("Honors") || level.equals("AdvancedPlacement")
                    || level.equals("InternationalBaccalaureate");
            String agency = course.text("AgencyCourseID");
            CourseRecord.Builder c = CourseRecord.newBuilder()
                    .setRecordId("pesc|" + designator + "|" + localId + "|" + occurrence)
                    .setInstitutionId(ctx.institution())
                    .setSchoolCode(college ? collegeId : school)
                    .setLocalCourseId(localId)
                    .setStateCourseCode(agency.length() == 4 && Checks.digits(agency) ? agency : "")
                    .setTitle(title)
                    .setTerm(term)
                    .setGradeLevel(grade)
                    .setCreditsAttempted(attempted)
                    .setCreditsEarned(earned)
                    .setLetterGrade(letter)
                    .setHonors(honors)
                    .setCategory(basis.equals("Remedial") ? CourseCategory.REMEDIAL : CourseCategory.ACADEMIC);
            if (college) {
                String units = course.text("CourseCreditUnits");
                c.setCollege(CollegeCourse.newBuilder()
                        .setInstitutionId(collegeId)
                        .setUnits(attempted)
                        .setUnitSystem(units.equals("Quarter") ? TermCalendar.QUARTER : TermCalendar.SEMESTER)
                        .setDualEnrollment(basis.equals("HighSchoolDualCredit")));
            }
            ctx.emit(file, course.line, EntryKind.COURSE, 0, key, "", StudentRecord.newBuilder().addCourses(c).build());
        }
    }

    /**
     * A letter grade on the scale, or a numeric grade (0-100) turned into a letter with the percent cut-offs;
     * a missing grade means in progress. Records a problem otherwise.
     */
    private String grade(String value) {
        if (value.isEmpty()) {
            return RecordMerger.IN_PROGRESS;
        }
        String canonical = ctx.gradeScale().canonical(value);
        if (canonical != null) {
            return canonical;
        }
        try {
            double percent = Double.parseDouble(value);
            if (percent >= 0 && percent <= 100) {
                int[] cuts = OneRosterReader.PERCENT_CUTS;
                return percent >= cuts[0] ? "A" : percent >= cuts[1] ? "B" : percent >= cuts[2] ? "C"
                        : percent >= cuts[3] ? "D" : "F";
            }
        } catch (NumberFormatException e) {
            // Not a number either: fall through to the problem.
        }
        p.add("Course/CourseAcademicGrade", "'" + value + "' is not on the institution's grade scale", "grade", value);
        return null;
    }

    /** The term of a session designator YYYY-MM: the academic year it belongs to and its type by month. */
    static Term term(String designator, String sessionType) {
        if (designator.length() < 7 || designator.charAt(4) != '-' || !Checks.digits(designator.substring(0, 4))
                || !Checks.digits(designator.substring(5, 7))) {
            return null;
        }
        int year = Integer.parseInt(designator.substring(0, 4));
        int month = Integer.parseInt(designator.substring(5, 7));
        if (month < 1 || month > 12 || year < 1950 || year > 2150) {
            return null;
        }
        TermCalendar calendar = switch (sessionType) {
            case "Quarter" -> TermCalendar.QUARTER;
            case "Trimester" -> TermCalendar.TRIMESTER;
            case "Semester" -> TermCalendar.SEMESTER;
            default -> TermCalendar.TERM_CALENDAR_UNSPECIFIED;
        };
        TermType type;
        if (sessionType.equals("SummerSession") || month == 6 || month == 7) {
            type = TermType.SUMMER;
        } else if (sessionType.equals("FullYear")) {
            type = TermType.FULL_YEAR;
        } else if (month >= 8 && month <= 11) {
            type = TermType.FALL;
        } else if (calendar == TermCalendar.SEMESTER) {
            type = TermType.SPRING;
        } else {
            type = month == 12 || month <= 2 ? TermType.WINTER : TermType.SPRING;
        }
        int academicYear = month >= 8 ? year : year - 1;
        return Term.newBuilder().setAcademicYear(academicYear).setType(type).setCode(designator)
                .setCalendar(calendar).build();
    }

    /** Grade level of a PESC StudentLevelCode: 7-12, 13 for college levels, 0 when absent or earlier. */
    static int level(String code) {
        return switch (code) {
            case "SeventhGrade" -> 7;
            case "EighthGrade" -> 8;
            case "NinthGrade" -> 9;
            case "TenthGrade" -> 10;
            case "EleventhGrade" -> 11;
            case "TwelfthGrade" -> 12;
            case "" -> 0;
            default -> code.startsWith("College") || code.startsWith("Postsecondary") || code.equals("Grade13")
                    ? 13 : 0;
        };
    }
}
