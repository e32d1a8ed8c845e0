package org.baton.node.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.baton.proto.v1.AgArea;
import org.baton.proto.v1.AidApplicationKind;
import org.baton.proto.v1.AidApplicationStatus;
import org.baton.proto.v1.ApplicationStatus;
import org.baton.proto.v1.ArtifactKind;
import org.baton.proto.v1.Award;
import org.baton.proto.v1.AwardKind;
import org.baton.proto.v1.CollegeApplication;
import org.baton.proto.v1.CollegeCourse;
import org.baton.proto.v1.CourseCategory;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.Demographics;
import org.baton.proto.v1.EligibilityFlag;
import org.baton.proto.v1.EligibilityProgram;
import org.baton.proto.v1.Enrollment;
import org.baton.proto.v1.FinancialAidApplication;
import org.baton.proto.v1.GpaKind;
import org.baton.proto.v1.HigherEdSystem;
import org.baton.proto.v1.LearningArtifact;
import org.baton.proto.v1.PersonName;
import org.baton.proto.v1.ReportedGpa;
import org.baton.proto.v1.Residency;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;
import org.baton.proto.v1.Term;
import org.baton.proto.v1.TermCalendar;
import org.baton.proto.v1.TermType;

/**
 * Reads a directory of CALPADS-style CSV extracts (or a single extract file). The file kind comes from the start
 * of the file name: SINF, SPRG, SENR, SCSC, GPA, FAID, CAPP, AWRD, BDGE. Columns are documented in
 * {@code docs/formats/calpads.md}.
 */
final class CalpadsReader implements FormatReader {

    /** The file kinds in the order they are read (students first, so reports read naturally). */
    enum Kind { SINF, SPRG, SENR, SCSC, GPA, FAID, CAPP, AWRD, BDGE }

    static final Set<String> RACE_CODES = Set.of("100", "201", "202", "203", "204", "205", "206", "207", "208",
            "299", "301", "302", "303", "304", "399", "400", "600", "700");
    static final Set<String> ENGLISH_STATUSES = Set.of("EO", "IFEP", "EL", "RFEP", "TBD");

    private static final String[] SSID = {"SSID", "StatewideStudentIdentifier"};
    private static final String[] LOCAL_ID = {"LocalStudentID", "LocalStudentIdentifier", "StudentID"};
    private static final String[] FIRST = {"StudentLegalFirstName", "FirstName"};
    private static final String[] MIDDLE = {"StudentLegalMiddleName", "MiddleName"};
    private static final String[] LAST = {"StudentLegalLastName", "LastName"};
    private static final String[] SUFFIX = {"StudentLegalNameSuffix", "NameSuffix"};
    private static final String[] BIRTH = {"StudentBirthDate", "BirthDate"};
    private static final String[] GENDER = {"StudentGenderCode", "GenderCode"};
    private static final String[] HISPANIC = {"HispanicEthnicityIndicator", "Hispanic"};
    private static final String[] PRIMARY_LANGUAGE = {"PrimaryLanguageCode", "HomeLanguageCode"};
    private static final String[] ENGLISH = {"EnglishLanguageAcquisitionStatusCode", "ELAStatusCode"};
    private static final String[] SED = {"SocioeconomicallyDisadvantagedIndicator", "SEDIndicator"};
    private static final String[] DISABILITY = {"DisabilityIndicator", "StudentsWithDisabilitiesIndicator"};
    private static final String[] GRADE = {"GradeLevelCode", "GradeLevel"};
    private static final String[] COHORT = {"CohortYear", "ExpectedGraduationYear"};
    private static final String[] OPT_OUT = {"CalGrantGpaOptOut"};
    private static final String[] RESIDENCY = {"Residency", "ResidencyStatus"};
    private static final String[] SCHOOL = {"SchoolOfAttendance", "SchoolCode", "CDSCode"};
    private static final String[] YEAR = {"AcademicYearID", "AcademicYear"};
    private static final String[] START = {"EnrollmentStartDate", "EntryDate"};
    private static final String[] EXIT = {"EnrollmentExitDate", "ExitDate"};
    private static final String[] EXIT_CODE = {"StudentExitReasonCode", "ExitReasonCode"};
    private static final String[] TERM = {"AcademicTermCode", "TermCode"};
    private static final String[] COURSE = {"LocalCourseID", "CourseID"};
    private static final String[] SECTION = {"CourseSectionID", "SectionID"};
    private static final String[] STATE_CODE = {"StateCourseCode", "CRSStateCourseCode"};
    private static final String[] TITLE = {"CourseName", "CourseTitle", "LocalCourseName"};
    private static final String[] ATTEMPTED = {"CreditsAttempted", "StudentCreditsAttempted"};
    private static final String[] EARNED = {"CreditsEarned", "StudentCreditsEarned"};
    private static final String[] MARK = {"Grade", "MarkCode", "FinalGrade", "StudentCourseFinalGrade"};
    private static final String[] AG = {"AGArea", "UCCSUSubjectArea"};
    private static final String[] HONORS = {"Honors", "HonorsIndicator", "UCCSUHonorsIndicator"};
    private static final String[] DISCIPLINE = {"Discipline"};
    private static final String[] SEQUENCE = {"SequenceLevel"};
    private static final String[] CATEGORY = {"CourseCategory"};
    private static final String[] COMPLETED = {"CompletionDate", "GradePostedDate"};
    private static final String[] SEGMENT = {"CourseSegment", "Segment"};
    private static final String[] COLLEGE = {"CollegeID", "CollegeIPEDS"};
    private static final String[] COLLEGE_UNITS = {"CollegeUnits"};
    private static final String[] UNIT_SYSTEM = {"CollegeUnitSystem"};
    private static final String[] UC_TRANSFER = {"UCTransferable"};
    private static final String[] CSU_TRANSFER = {"CSUTransferable"};
    private static final String[] PROGRAM = {"EducationProgramCode", "ProgramCode"};
    private static final String[] PROGRAM_START = {"EducationProgramMembershipStartDate", "VerifiedDate"};
    private static final String[] PROGRAM_END = {"EducationProgramMembershipEndDate", "EligibleThroughDate"};
    private static final String[] PROGRAM_SOURCE = {"VerificationSource"};
    private static final String[] GPA_TYPE = {"GpaType", "GPAKind"};
    private static final String[] GPA_VALUE = {"GPA", "GpaValue"};
    private static final String[] AS_OF = {"AsOfDate", "GpaDate"};
    private static final String[] AID_KIND = {"ApplicationKind", "AidApplication"};
    private static final String[] AWARD_YEAR = {"AwardYear"};
    private static final String[] STATUS = {"ApplicationStatus", "Status"};
    private static final String[] STATUS_DATE = {"StatusDate"};
    private static final String[] SYSTEM = {"System", "HigherEdSystem"};
    private static final String[] CAMPUS = {"Campus", "CampusID"};
    private static final String[] ENTRY_YEAR = {"EntryAcademicYear"};
    private static final String[] ENTRY_TERM = {"EntryTerm"};
    private static final String[] TAG = {"TAG", "TransferAdmissionGuarantee"};
    private static final String[] AWARD_KIND = {"AwardKind", "AwardType"};
    private static final String[] AWARD_TITLE = {"AwardTitle", "Title"};
    private static final String[] CONFERRED = {"ConferredDate", "AwardDate"};
    private static final String[] INSTITUTION = {"InstitutionID", "AwardingInstitution"};
    private static final String[] AWARD_PROGRAM = {"ProgramCode", "MajorCode"};
    private static final String[] ARTIFACT_ID = {"ArtifactID", "BadgeID", "CredentialID"};
    private static final String[] ARTIFACT_KIND = {"ArtifactKind", "Kind"};
    private static final String[] ARTIFACT_TITLE = {"Title", "BadgeName"};
    private static final String[] DESCRIPTION = {"Description"};
    private static final String[] ISSUER_NAME = {"IssuerName"};
    private static final String[] ISSUER_ID = {"IssuerID"};
    private static final String[] ISSUED = {"IssuedDate", "IssuedOn"};
    private static final String[] EXPIRES = {"ExpiresDate", "ExpiresOn"};
    private static final String[] EVIDENCE = {"EvidenceURLs", "EvidenceURL"};
    private static final String[] CREDENTIAL = {"Credential"};

    private final RowProblems p = new RowProblems();
    private ReadContext ctx;
    private String district;

    @Override
    public void read(Path input, ReadContext context) throws IOException {
        this.ctx = context;
        String institution = context.institution();
        this.district = institution.length() == 14 ? institution.substring(0, 7) : null;
        List<Path> files = new ArrayList<>();
        Path base;
        if (Files.isDirectory(input)) {
            base = input;
            try (Stream<Path> s = Files.list(input)) {
                s.filter(Files::isRegularFile).sorted().forEach(files::add);
            }
        } else {
            base = input.toAbsolutePath().getParent();
            files.add(input);
        }
        List<List<Path>> byKind = new ArrayList<>();
        for (int i = 0; i < Kind.values().length; i++) {
            byKind.add(new ArrayList<>());
        }
        List<Path> unknown = new ArrayList<>();
        for (Path f : files) {
            Kind k = kindOf(f.getFileName().toString());
            if (k == null) {
                unknown.add(f);
            } else {
                byKind.get(k.ordinal()).add(f);
            }
        }
        for (Kind k : Kind.values()) {
            for (Path f : byKind.get(k.ordinal())) {
                readFile(k, f, base.relativize(f.toAbsolutePath()).toString());
            }
        }
        for (Path f : unknown) {
            SourceFile sf = ctx.file(base.relativize(f.toAbsolutePath()).toString(), "-", "-");
            ctx.note(sf, 1, "-", "not a CALPADS-style file (the name must start with SINF, SPRG, SENR, SCSC, GPA, "
                    + "FAID, CAPP, AWRD or BDGE); not read");
            ctx.fileDone(Files.size(f));
        }
    }

    static Kind kindOf(String fileName) {
        String upper = fileName.toUpperCase(Locale.ROOT);
        if (!upper.endsWith(".CSV") && !upper.endsWith(".TXT")) {
            return null;
        }
        for (Kind k : Kind.values()) {
            if (upper.startsWith(k.name())) {
                return k;
            }
        }
        return null;
    }

    private void readFile(Kind kind, Path path, String name) throws IOException {
        String entryField = switch (kind) {
            case SINF -> "SSID";
            case SPRG -> "EducationProgramCode";
            case SENR -> "EnrollmentStartDate";
            case SCSC -> "LocalCourseID";
            case GPA -> "GpaType";
            case FAID -> "AwardYear";
            case CAPP -> "Campus";
            case AWRD -> "AwardTitle";
            case BDGE -> "ArtifactID";
        };
        SourceFile file = ctx.file(name, "SSID", entryField);
        try (CsvTable t = CsvTable.open(path)) {
            if (t.empty()) {
                ctx.note(file, 1, "-", "the file is empty (no header row)");
                ctx.fileDone(Files.size(path));
                return;
            }
            List<String> missing = t.missing(required(kind));
            if (!missing.isEmpty()) {
                ctx.note(file, 1, String.join(", ", missing), "required column missing; no row of this file was read");
                while (t.next()) {
                    ctx.rowRead(t.bytesRead());
                    ctx.reject(file, t.line(), "-", "not read: the file lacks required columns");
                }
                ctx.fileDone(Files.size(path));
                return;
            }
            try {
                switch (kind) {
                    case SINF -> students(t, file);
                    case SPRG -> programs(t, file);
                    case SENR -> enrollments(t, file);
                    case SCSC -> courses(t, file);
                    case GPA -> gpas(t, file);
                    case FAID -> aid(t, file);
                    case CAPP -> applications(t, file);
                    case AWRD -> awards(t, file);
                    case BDGE -> artifacts(t, file);
                    default -> throw new AssertionError(kind);
                }
            } catch (MalformedCsvException e) {
                ctx.rowRead(t.bytesRead());
                ctx.reject(file, e.line(), "-", e.getMessage() + "; the rest of the file was not read");
            }
        }
        ctx.fileDone(Files.size(path));
    }

    private static String[][] required(Kind kind) {
        return switch (kind) {
            case SINF -> new String[][] {SSID, LOCAL_ID, FIRST, LAST, BIRTH};
            case SPRG -> new String[][] {SSID, PROGRAM, PROGRAM_START};
            case SENR -> new String[][] {SSID, SCHOOL, YEAR, START, GRADE};
            case SCSC -> new String[][] {SSID, SCHOOL, YEAR, TERM, COURSE, TITLE, GRADE, ATTEMPTED, EARNED, MARK};
            case GPA -> new String[][] {SSID, GPA_TYPE, GPA_VALUE, AS_OF};
            case FAID -> new String[][] {SSID, AID_KIND, AWARD_YEAR, STATUS, STATUS_DATE};
            case CAPP -> new String[][] {SSID, SYSTEM, CAMPUS, ENTRY_YEAR, ENTRY_TERM, STATUS, STATUS_DATE};
            case AWRD -> new String[][] {SSID, AWARD_KIND, AWARD_TITLE, CONFERRED};
            case BDGE -> new String[][] {SSID, ARTIFACT_ID, ARTIFACT_KIND, ARTIFACT_TITLE, ISSUER_NAME, ISSUED};
        };
    }

    // ---- SINF: student information ----

    private void students(CsvTable t, SourceFile file) throws IOException {
        int cSsid = t.column(SSID);
        int cLocal = t.column(LOCAL_ID);
        int cFirst = t.column(FIRST);
        int cMiddle = t.column(MIDDLE);
        int cLast = t.column(LAST);
        int cSuffix = t.column(SUFFIX);
        int cBirth = t.column(BIRTH);
        int cGender = t.column(GENDER);
        int cHispanic = t.column(HISPANIC);
        int[] cRace = {t.column("Race1Code"), t.column("Race2Code"), t.column("Race3Code"), t.column("Race4Code"),
            t.column("Race5Code")};
        int cLanguage = t.column(PRIMARY_LANGUAGE);
        int cEnglish = t.column(ENGLISH);
        int cSed = t.column(SED);
        int cDisability = t.column(DISABILITY);
        int cGrade = t.column(GRADE);
        int cCohort = t.column(COHORT);
        int cOptOut = t.column(OPT_OUT);
        int cResidency = t.column(RESIDENCY);
        int facets = StudentFacet.SSID.bit() | StudentFacet.NAME.bit() | StudentFacet.BIRTH_DATE.bit()
                | (cGender >= 0 ? StudentFacet.GENDER.bit() : 0)
                | (cHispanic >= 0 ? StudentFacet.HISPANIC.bit() : 0)
                | (cRace[0] >= 0 ? StudentFacet.RACE.bit() : 0)
                | (cLanguage >= 0 ? StudentFacet.HOME_LANGUAGE.bit() : 0)
                | (cEnglish >= 0 ? StudentFacet.ENGLISH_STATUS.bit() : 0)
                | (cSed >= 0 ? StudentFacet.SOCIOECONOMIC.bit() : 0)
                | (cDisability >= 0 ? StudentFacet.DISABILITY.bit() : 0)
                | (cGrade >= 0 ? StudentFacet.GRADE_LEVEL.bit() : 0)
                | (cCohort >= 0 ? StudentFacet.COHORT.bit() : 0)
                | (cOptOut >= 0 ? StudentFacet.GPA_OPT_OUT.bit() : 0)
                | (cResidency >= 0 ? StudentFacet.RESIDENCY.bit() : 0);
        while (t.next()) {
            ctx.rowRead(t.bytesRead());
            p.clear();
            String ssid = Checks.ssid(p, "SSID", t.get(cSsid), true);
            String local = Checks.required(p, "LocalStudentID", t.get(cLocal));
            String first = Checks.required(p, "StudentLegalFirstName", t.get(cFirst));
            String last = Checks.required(p, "StudentLegalLastName", t.get(cLast));
            String birth = Checks.date(p, "StudentBirthDate", t.get(cBirth), true, true);
            Demographics.Builder d = Demographics.newBuilder();
            String gender = t.get(cGender).toUpperCase(Locale.ROOT);
            if (!gender.isEmpty() && !gender.equals("M") && !gender.equals("F") && !gender.equals("X")) {
                p.add("StudentGenderCode", "not a CALPADS gender code (M, F or X)");
            }
            d.setGender(gender);
            String hispanic = t.get(cHispanic).toUpperCase(Locale.ROOT);
            if (!hispanic.isEmpty() && !hispanic.equals("Y") && !hispanic.equals("N")) {
                p.add("HispanicEthnicityIndicator", "must be Y, N or empty");
            }
            d.setHispanic(hispanic);
            Set<String> races = new LinkedHashSet<>();
            for (int i = 0; i < cRace.length; i++) {
                String r = t.get(cRace[i]);
                if (r.isEmpty()) {
                    continue;
                }
                if (!RACE_CODES.contains(r)) {
                    p.add("Race" + (i + 1) + "Code", "not a CALPADS race code");
                }
                races.add(r);
            }
            d.addAllRaceCodes(races);
            String language = t.get(cLanguage);
            if (!language.isEmpty() && !(language.length() == 2 && Checks.digits(language))) {
                p.add("PrimaryLanguageCode", "'" + language + "' is not a two-digit CALPADS language code");
            }
            d.setHomeLanguage(language);
            String english = t.get(cEnglish).toUpperCase(Locale.ROOT);
            if (!english.isEmpty() && !ENGLISH_STATUSES.contains(english)) {
                p.add("EnglishLanguageAcquisitionStatusCode",
                        "'" + english + "' is not one of EO, IFEP, EL, RFEP, TBD");
            }
            d.setEnglishStatus(english);
            Boolean sed = Checks.flag(p, "SocioeconomicallyDisadvantagedIndicator", t.get(cSed));
            Boolean disability = Checks.flag(p, "DisabilityIndicator", t.get(cDisability));
            int grade = Checks.gradeLevel(p, "GradeLevelCode", t.get(cGrade), false);
            int cohort = Checks.whole(p, "CohortYear", t.get(cCohort), false, 4);
            Boolean optOut = Checks.flag(p, "CalGrantGpaOptOut", t.get(cOptOut));
            Residency residency = Checks.oneOf(p, "Residency", t.get(cResidency), Residency.class, "", false);
            if (!p.isEmpty()) {
                ctx.reject(file, t.line(), p);
                continue;
            }
            Student.Builder s = Student.newBuilder()
                    .setSsid(ssid)
                    .addLocalIds(ReadContext.localId(ctx.institution(), local))
                    .setLegalName(PersonName.newBuilder().setFirst(first).setMiddle(t.get(cMiddle)).setLast(last)
                            .setSuffix(t.get(cSuffix)))
                    .setBirthDate(birth)
                    .setDemographics(d.setSocioeconomicallyDisadvantaged(sed).setDisability(disability))
                    .setInstitutionId(ctx.institution())
                    .setGradeLevel(grade)
                    .setCohortYear(cohort)
                    .setCalGrantGpaOptOut(optOut)
                    .setResidency(residency == null ? Residency.RESIDENCY_UNSPECIFIED : residency);
            ctx.emit(file, t.line(), EntryKind.STUDENT, facets, ReadContext.ssidKey(ssid), "",
                    StudentRecord.newBuilder().setStudent(s).build());
        }
    }

    // ---- SPRG: program eligibility (foster youth, CalFresh, …) ----

    private void programs(CsvTable t, SourceFile file) throws IOException {
        int cSsid = t.column(SSID);
        int cProgram = t.column(PROGRAM);
        int cStart = t.column(PROGRAM_START);
        int cEnd = t.column(PROGRAM_END);
        int cSource = t.column(PROGRAM_SOURCE);
        while (t.next()) {
            ctx.rowRead(t.bytesRead());
            p.clear();
            String ssid = Checks.ssid(p, "SSID", t.get(cSsid), true);
            EligibilityProgram program = Checks.oneOf(p, "EducationProgramCode", t.get(cProgram),
                    EligibilityProgram.class, "", true);
            String start = Checks.date(p, "EducationProgramMembershipStartDate", t.get(cStart), true, false);
            String end = Checks.date(p, "EducationProgramMembershipEndDate", t.get(cEnd), false, false);
            notBefore(end, start, "EducationProgramMembershipEndDate", "the start date");
            if (!p.isEmpty()) {
                ctx.reject(file, t.line(), p);
                continue;
            }
            EligibilityFlag flag = EligibilityFlag.newBuilder().setProgram(program).setVerifiedOn(start)
                    .setValidUntil(end).setSource(t.get(cSource)).build();
            emit(file, t.line(), EntryKind.ELIGIBILITY, ssid,
                    StudentRecord.newBuilder().setStudent(Student.newBuilder().addEligibility(flag)));
        }
    }

    // ---- SENR: enrollment ----

    private void enrollments(CsvTable t, SourceFile file) throws IOException {
        int cSsid = t.column(SSID);
        int cSchool = t.column(SCHOOL);
        int cYear = t.column(YEAR);
        int cStart = t.column(START);
        int cExit = t.column(EXIT);
        int cExitCode = t.column(EXIT_CODE);
        int cGrade = t.column(GRADE);
        while (t.next()) {
            ctx.rowRead(t.bytesRead());
            p.clear();
            String ssid = Checks.ssid(p, "SSID", t.get(cSsid), true);
            String school = school(t.get(cSchool));
            int year = Checks.academicYear(p, "AcademicYearID", t.get(cYear));
            String start = Checks.date(p, "EnrollmentStartDate", t.get(cStart), true, false);
            String exit = Checks.date(p, "EnrollmentExitDate", t.get(cExit), false, false);
            String exitCode = t.get(cExitCode).toUpperCase(Locale.ROOT);
            int grade = Checks.gradeLevel(p, "GradeLevelCode", t.get(cGrade), true);
            if (start != null && year > 0 && !inAcademicYear(start, year)) {
                p.add("EnrollmentStartDate", "'" + start + "' is not in academic year " + year + "-" + (year + 1)
                        + " (July 1 to June 30)");
            }
            notBefore(exit, start, "EnrollmentExitDate", "the enrollment start date");
            if (exit != null && !exit.isEmpty() && exitCode.isEmpty()) {
                p.add("StudentExitReasonCode", "required when EnrollmentExitDate is given");
            } else if (!exitCode.isEmpty() && !exitCode.matches("[A-Z][0-9]{3}")) {
                p.add("StudentExitReasonCode", "'" + exitCode + "' is not a CALPADS exit code like E230");
            } else if (!exitCode.isEmpty() && (exit == null || exit.isEmpty())) {
                p.add("EnrollmentExitDate", "required when StudentExitReasonCode is given");
            }
            if (!p.isEmpty()) {
                ctx.reject(file, t.line(), p);
                continue;
            }
            Enrollment e = Enrollment.newBuilder().setInstitutionId(ctx.institution()).setSchoolCode(school)
                    .setGradeLevel(grade).setEntryDate(start).setExitDate(exit).setExitCode(exitCode)
                    .setAcademicYear(year).build();
            emit(file, t.line(), EntryKind.ENROLLMENT, ssid, StudentRecord.newBuilder().addEnrollments(e));
        }
    }

    // ---- SCSC: student course section completion ----

    private void courses(CsvTable t, SourceFile file) throws IOException {
        int cSsid = t.column(SSID);
        int cSchool = t.column(SCHOOL);
        int cYear = t.column(YEAR);
        int cTerm = t.column(TERM);
        int cCourse = t.column(COURSE);
        int cSection = t.column(SECTION);
        int cState = t.column(STATE_CODE);
        int cTitle = t.column(TITLE);
        int cGrade = t.column(GRADE);
        int cAttempted = t.column(ATTEMPTED);
        int cEarned = t.column(EARNED);
        int cMark = t.column(MARK);
        int cAg = t.column(AG);
        int cHonors = t.column(HONORS);
        int cDiscipline = t.column(DISCIPLINE);
        int cSequence = t.column(SEQUENCE);
        int cCategory = t.column(CATEGORY);
        int cCompleted = t.column(COMPLETED);
        int cSegment = t.column(SEGMENT);
        int cCollege = t.column(COLLEGE);
        int cUnits = t.column(COLLEGE_UNITS);
        int cUnitSystem = t.column(UNIT_SYSTEM);
        int cUc = t.column(UC_TRANSFER);
        int cCsu = t.column(CSU_TRANSFER);
        GradeScale scale = ctx.gradeScale();
        while (t.next()) {
            ctx.rowRead(t.bytesRead());
            p.clear();
            String ssid = Checks.ssid(p, "SSID", t.get(cSsid), true);
            String school = school(t.get(cSchool));
            int year = Checks.academicYear(p, "AcademicYearID", t.get(cYear));
            Term term = Checks.term(p, "AcademicTermCode", t.get(cTerm), year);
            String course = Checks.required(p, "LocalCourseID", t.get(cCourse));
            String college = Checks.ipeds(p, "CollegeID", t.get(cCollege), false);
            String stateCode = Checks.stateCourseCode(p, "StateCourseCode", t.get(cState),
                    college != null && college.isEmpty());
            String title = Checks.required(p, "CourseName", t.get(cTitle));
            int grade = Checks.gradeLevel(p, "GradeLevelCode", t.get(cGrade), true);
            int attempted = Checks.hundredths(p, "CreditsAttempted", t.get(cAttempted), true);
            int earned = Checks.hundredths(p, "CreditsEarned", t.get(cEarned), true);
            String mark = Checks.grade(p, "Grade", t.get(cMark), scale);
            AgArea ag = Checks.agArea(p, "AGArea", t.get(cAg));
            Boolean honors = Checks.flag(p, "Honors", t.get(cHonors));
            int sequence = Checks.whole(p, "SequenceLevel", t.get(cSequence), false, 1);
            CourseCategory category = Checks.oneOf(p, "CourseCategory", t.get(cCategory), CourseCategory.class, "",
                    false);
            String completed = Checks.date(p, "CompletionDate", t.get(cCompleted), false, false);
            int segment = segment(t.get(cSegment), term);
            CollegeCourse collegeCourse = null;
            if (college != null && !college.isEmpty()) {
                int units = Checks.hundredths(p, "CollegeUnits", t.get(cUnits), true);
                TermCalendar system = t.get(cUnitSystem).isEmpty() ? TermCalendar.SEMESTER
                        : Checks.oneOf(p, "CollegeUnitSystem", t.get(cUnitSystem), TermCalendar.class, "", false);
                Boolean uc = Checks.flag(p, "UCTransferable", t.get(cUc));
                Boolean csu = Checks.flag(p, "CSUTransferable", t.get(cCsu));
                if (p.isEmpty()) {
                    collegeCourse = CollegeCourse.newBuilder().setInstitutionId(college).setUnits(units)
                            .setUnitSystem(system).setUcTransferable(uc).setCsuTransferable(csu)
                            .setDualEnrollment(true).build();
                }
            }
            if (!p.isEmpty()) {
                ctx.courseRowRejected();
                ctx.reject(file, t.line(), p);
                continue;
            }
            String section = t.get(cSection);
            CourseRecord.Builder c = CourseRecord.newBuilder()
                    .setRecordId(school + "|" + course + "|" + year + "|" + term.getCode() + "|" + section)
                    .setInstitutionId(ctx.institution())
                    .setSchoolCode(school)
                    .setLocalCourseId(course)
                    .setStateCourseCode(stateCode)
                    .setTitle(title)
                    .setTerm(term)
                    .setCompletionDate(completed)
                    .setGradeLevel(grade)
                    .setCreditsAttempted(attempted)
                    .setCreditsEarned(earned)
                    .setLetterGrade(mark)
                    .setAgArea(ag)
                    .setHonors(honors)
                    .setDiscipline(t.get(cDiscipline).toUpperCase(Locale.ROOT))
                    .setSequenceLevel(sequence)
                    .setCategory(category == null ? CourseCategory.ACADEMIC : category)
                    .setSegment(segment);
            if (collegeCourse != null) {
                c.setCollege(collegeCourse);
            }
            emit(file, t.line(), EntryKind.COURSE, ssid, StudentRecord.newBuilder().addCourses(c));
        }
    }

    private int segment(String value, Term term) {
        if (value.isEmpty()) {
            if (term == null) {
                return 0;
            }
            return switch (term.getCode()) {
                case "S1" -> 1;
                case "S2" -> 2;
                default -> 0;
            };
        }
        if (!value.equals("0") && !value.equals("1") && !value.equals("2")) {
            p.add("CourseSegment", "'" + value + "' is not 0, 1 or 2");
            return 0;
        }
        return value.charAt(0) - '0';
    }

    // ---- GPA: GPAs as the school reported them ----

    private void gpas(CsvTable t, SourceFile file) throws IOException {
        int cSsid = t.column(SSID);
        int cType = t.column(GPA_TYPE);
        int cValue = t.column(GPA_VALUE);
        int cAsOf = t.column(AS_OF);
        while (t.next()) {
            ctx.rowRead(t.bytesRead());
            p.clear();
            String ssid = Checks.ssid(p, "SSID", t.get(cSsid), true);
            GpaKind kind = Checks.oneOf(p, "GpaType", t.get(cType), GpaKind.class, "GPA_", true);
            int value = Checks.thousandths(p, "GPA", t.get(cValue), true);
            if (value > 5000) {
                p.add("GPA", "'" + t.get(cValue) + "' is above 5.0");
            }
            String asOf = Checks.date(p, "AsOfDate", t.get(cAsOf), true, false);
            if (!p.isEmpty()) {
                ctx.reject(file, t.line(), p);
                continue;
            }
            ReportedGpa g = ReportedGpa.newBuilder().setKind(kind).setValue(value).setAsOf(asOf).build();
            emit(file, t.line(), EntryKind.GPA, ssid, StudentRecord.newBuilder().addReportedGpas(g));
        }
    }

    // ---- FAID: FAFSA / CADAA status ----

    private void aid(CsvTable t, SourceFile file) throws IOException {
        int cSsid = t.column(SSID);
        int cKind = t.column(AID_KIND);
        int cYear = t.column(AWARD_YEAR);
        int cStatus = t.column(STATUS);
        int cDate = t.column(STATUS_DATE);
        while (t.next()) {
            ctx.rowRead(t.bytesRead());
            p.clear();
            String ssid = Checks.ssid(p, "SSID", t.get(cSsid), true);
            AidApplicationKind kind = Checks.oneOf(p, "ApplicationKind", t.get(cKind), AidApplicationKind.class, "",
                    true);
            String awardYear = awardYear(t.get(cYear));
            AidApplicationStatus status = Checks.oneOf(p, "ApplicationStatus", t.get(cStatus),
                    AidApplicationStatus.class, "AID_", true);
            String date = Checks.date(p, "StatusDate", t.get(cDate), true, false);
            if (!p.isEmpty()) {
                ctx.reject(file, t.line(), p);
                continue;
            }
            FinancialAidApplication a = FinancialAidApplication.newBuilder().setKind(kind).setAwardYear(awardYear)
                    .setStatus(status).setStatusDate(date).build();
            emit(file, t.line(), EntryKind.AID, ssid, StudentRecord.newBuilder().addFinancialAid(a));
        }
    }

    private String awardYear(String value) {
        if (value.isEmpty()) {
            p.add("AwardYear", Checks.REQUIRED);
            return null;
        }
        boolean ok = value.length() == 7 && value.charAt(4) == '-' && Checks.digits(value.substring(0, 4))
                && Checks.digits(value.substring(5))
                && (Integer.parseInt(value.substring(0, 4)) + 1) % 100 == Integer.parseInt(value.substring(5));
        if (!ok) {
            p.add("AwardYear", "'" + value + "' is not an award year like 2026-27");
            return null;
        }
        return value;
    }

    // ---- CAPP: college applications ----

    private void applications(CsvTable t, SourceFile file) throws IOException {
        int cSsid = t.column(SSID);
        int cSystem = t.column(SYSTEM);
        int cCampus = t.column(CAMPUS);
        int cYear = t.column(ENTRY_YEAR);
        int cTerm = t.column(ENTRY_TERM);
        int cStatus = t.column(STATUS);
        int cDate = t.column(STATUS_DATE);
        int cTag = t.column(TAG);
        while (t.next()) {
            ctx.rowRead(t.bytesRead());
            p.clear();
            String ssid = Checks.ssid(p, "SSID", t.get(cSsid), true);
            HigherEdSystem system = Checks.oneOf(p, "System", t.get(cSystem), HigherEdSystem.class, "SYSTEM_", true);
            String campus = Checks.required(p, "Campus", t.get(cCampus));
            int year = Checks.academicYear(p, "EntryAcademicYear", t.get(cYear));
            TermType termType = Checks.oneOf(p, "EntryTerm", t.get(cTerm), TermType.class, "", true);
            ApplicationStatus status = Checks.oneOf(p, "ApplicationStatus", t.get(cStatus), ApplicationStatus.class,
                    "APP_", true);
            String date = Checks.date(p, "StatusDate", t.get(cDate), true, false);
            Boolean tag = Checks.flag(p, "TAG", t.get(cTag));
            if (!p.isEmpty()) {
                ctx.reject(file, t.line(), p);
                continue;
            }
            CollegeApplication a = CollegeApplication.newBuilder().setSystem(system).setCampus(campus)
                    .setEntryTerm(Term.newBuilder().setAcademicYear(year).setType(termType))
                    .setStatus(status).setStatusDate(date).setTag(tag).build();
            emit(file, t.line(), EntryKind.APPLICATION, ssid, StudentRecord.newBuilder().addCollegeApplications(a));
        }
    }

    // ---- AWRD: diplomas, seals, degrees ----

    private void awards(CsvTable t, SourceFile file) throws IOException {
        int cSsid = t.column(SSID);
        int cKind = t.column(AWARD_KIND);
        int cTitle = t.column(AWARD_TITLE);
        int cDate = t.column(CONFERRED);
        int cInstitution = t.column(INSTITUTION);
        int cProgram = t.column(AWARD_PROGRAM);
        while (t.next()) {
            ctx.rowRead(t.bytesRead());
            p.clear();
            String ssid = Checks.ssid(p, "SSID", t.get(cSsid), true);
            AwardKind kind = Checks.oneOf(p, "AwardKind", t.get(cKind), AwardKind.class, "", true);
            String title = Checks.required(p, "AwardTitle", t.get(cTitle));
            String date = Checks.date(p, "ConferredDate", t.get(cDate), true, false);
            String institution = t.get(cInstitution).isEmpty() ? ctx.institution() : t.get(cInstitution);
            if (!institution.matches("\\d{14}|\\d{6}")) {
                p.add("InstitutionID", "'" + institution + "' is not a 14-digit CDS code or a 6-digit IPEDS id");
            }
            if (!p.isEmpty()) {
                ctx.reject(file, t.line(), p);
                continue;
            }
            Award a = Award.newBuilder().setKind(kind).setTitle(title).setConferredOn(date)
                    .setInstitutionId(institution).setProgramCode(t.get(cProgram)).build();
            emit(file, t.line(), EntryKind.AWARD, ssid, StudentRecord.newBuilder().addAwards(a));
        }
    }

    // ---- BDGE: badges and other learning artifacts ----

    private void artifacts(CsvTable t, SourceFile file) throws IOException {
        int cSsid = t.column(SSID);
        int cId = t.column(ARTIFACT_ID);
        int cKind = t.column(ARTIFACT_KIND);
        int cTitle = t.column(ARTIFACT_TITLE);
        int cDescription = t.column(DESCRIPTION);
        int cIssuer = t.column(ISSUER_NAME);
        int cIssuerId = t.column(ISSUER_ID);
        int cIssued = t.column(ISSUED);
        int cExpires = t.column(EXPIRES);
        int cEvidence = t.column(EVIDENCE);
        int cCredential = t.column(CREDENTIAL);
        while (t.next()) {
            ctx.rowRead(t.bytesRead());
            p.clear();
            String ssid = Checks.ssid(p, "SSID", t.get(cSsid), true);
            String id = Checks.required(p, "ArtifactID", t.get(cId));
            ArtifactKind kind = Checks.oneOf(p, "ArtifactKind", t.get(cKind), ArtifactKind.class, "", true);
            String title = Checks.required(p, "Title", t.get(cTitle));
            String issuer = Checks.required(p, "IssuerName", t.get(cIssuer));
            String issued = Checks.date(p, "IssuedDate", t.get(cIssued), true, false);
            String expires = Checks.date(p, "ExpiresDate", t.get(cExpires), false, false);
            notBefore(expires, issued, "ExpiresDate", "the issue date");
            List<String> urls = new ArrayList<>();
            for (String u : t.get(cEvidence).split("\\s+")) {
                if (u.isEmpty()) {
                    continue;
                }
                if (!u.startsWith("https://")) {
                    p.add("EvidenceURLs", "'" + u + "' is not an https URL");
                }
                urls.add(u);
            }
            if (!p.isEmpty()) {
                ctx.reject(file, t.line(), p);
                continue;
            }
            LearningArtifact a = LearningArtifact.newBuilder().setArtifactId(id).setKind(kind).setTitle(title)
                    .setDescription(t.get(cDescription)).setIssuerName(issuer).setIssuerId(t.get(cIssuerId))
                    .setIssuedOn(issued).setExpiresOn(expires).addAllEvidenceUrls(urls)
                    .setCredential(t.get(cCredential)).build();
            emit(file, t.line(), EntryKind.ARTIFACT, ssid, StudentRecord.newBuilder().addLearningArtifacts(a));
        }
    }

    // ---- shared ----

    private void emit(SourceFile file, long line, EntryKind kind, String ssid, StudentRecord.Builder fragment) {
        ctx.emit(file, line, kind, 0, ReadContext.ssidKey(ssid), "", fragment.build());
    }

    /** A school CDS code that belongs to the importing district. */
    private String school(String value) {
        String school = Checks.cds(p, "SchoolOfAttendance", value, true);
        if (school != null && district != null && !school.startsWith(district)) {
            p.add("SchoolOfAttendance", "school '" + school + "' is not in the importing district (CDS "
                    + district.substring(0, 2) + "-" + district.substring(2) + ")");
            return null;
        }
        return school;
    }

    /** Records a problem when {@code later} is before {@code earlier} (both ISO dates, either may be null or empty). */
    private void notBefore(String later, String earlier, String field, String what) {
        if (later != null && earlier != null && !later.isEmpty() && !earlier.isEmpty()
                && later.compareTo(earlier) < 0) {
            p.add(field, "'" + later + "' is before " + what + " '" + earlier + "'");
        }
    }

    private static boolean inAcademicYear(String isoDate, int year) {
        String from = year + "-07-01";
        String to = (year + 1) + "-06-30";
        return isoDate.compareTo(from) >= 0 && isoDate.compareTo(to) <= 0;
    }
}
