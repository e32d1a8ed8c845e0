package org.baton.node.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
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

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CalpadsReader.class);

    /** The file kinds in the order they are read (students first, so reports read naturally). */
    enum Kind { SINF, SPRG, SENR, SCSC, GPA, FAID, CAPP, AWRD, BDGE }

    static final Set<String> RACE_CODES = Set.of("100", "201", "202", "203", "204", "205", "206", "207", "208",
            "299", "301", "302", "303", "304", "399", "400", "600", "700");
    static final Set<String> ENGLISH_STATUSES = Set.of("EO", "IFEP", "EL", "RFEP", "TBD");
    /** {@link #ENGLISH_STATUSES} as a rejection lists them. */
    static final String ENGLISH_STATUS_LIST = "EO, IFEP, EL, RFEP, TBD";

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

    private final long parallelBytes;
    private final int blockBytes;
    private final boolean courseBytes;
    private ReadContext ctx;
    private String district;

    CalpadsReader() {
        this(PARALLEL_BYTES, BLOCK_BYTES);
    }

    /**
     * A reader that parses files of at least {@code parallelBytes} on several threads, in blocks of about
     * {@code blockBytes}.
     */
    CalpadsReader(long parallelBytes, int blockBytes) {
        this(parallelBytes, blockBytes, true);
    }

    /**
     * As {@link #CalpadsReader(long, int)}; {@code courseBytes} false validates every course row through strings
     * (the reference path that the byte path must agree with, for tests).
     */
    CalpadsReader(long parallelBytes, int blockBytes, boolean courseBytes) {
        this.parallelBytes = parallelBytes;
        this.blockBytes = blockBytes;
        this.courseBytes = courseBytes;
    }

    /** Course rows the last {@link #read} validated and encoded from their bytes (the fast path). */
    long courseRowsFromBytes() {
        return ctx == null ? 0 : ctx.courseRowsFromBytes();
    }

    @Override
    public void read(Path input, ReadContext context) throws IOException {
        this.ctx = context;
        String institution = context.institution();
        this.district = institution.length() == 14 ? institution.substring(0, 7) : null;
        List<Path> files = new ArrayList<>();
        Path base;
        if (Files.isDirectory(input)) {
            base = input.toAbsolutePath();
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
                    + "FAID, CAPP, AWRD or BDGE); not read", "calpads.notAFile");
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
        long size = Files.size(path);
        ReadContext.Lane main = ctx.lane(0);
        try (InputStream in = Files.newInputStream(path)) {
            BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(2 * ctx.laneCount() + 2);
            CsvBlocks blocks = new CsvBlocks(in, 1, blockBytes, free);
            CsvBlocks.Block first;
            try {
                first = blocks.next();
            } catch (MalformedCsvException e) {
                main.rowRead(-1);
                main.reject(file, e.line(), "-", e.restNotRead(), e.code(), e.facts());
                ctx.fileDone(size);
                return;
            }
            CsvReader firstReader = first == null ? null : new CsvReader(first.data(), first.length(), 1);
            if (firstReader == null || !firstReader.next()) {
                ctx.note(file, 1, "-", "the file is empty (no header row)", "file.empty");
                ctx.fileDone(size);
                return;
            }
            CsvHeader header = new CsvHeader(firstReader);
            List<String> missing = header.missing(required(kind));
            if (!missing.isEmpty()) {
                ctx.note(file, 1, String.join(", ", missing), "required column missing; no row of this file was read",
                        "columns.missing");
                Rows notRead = new Rows() {
                    @Override
                    void row(CsvReader r, SourceFile f, ReadContext.Lane lane) {
                        lane.reject(f, r.line(), "-", "not read: the file lacks required columns",
                                "columns.missing.row");
                    }
                };
                readSequentially(firstReader, blocks, notRead, file, main, free);
            } else if (size >= parallelBytes && ctx.laneCount() > 1) {
                readInParallel(kind, header, firstReader, first.length(), blocks, file, free);
            } else {
                readSequentially(firstReader, blocks, handler(kind, header), file, main, free);
            }
        }
        ctx.fileDone(size);
    }

    /** Files at least this large are parsed by several threads. */
    static final long PARALLEL_BYTES = 16L << 20;
    private static final int BLOCK_BYTES = 4 << 20;

    private Rows handler(Kind kind, CsvHeader h) {
        return switch (kind) {
            case SINF -> new Students(h);
            case SPRG -> new Programs(h);
            case SENR -> new Enrollments(h);
            case SCSC -> new Courses(h);
            case GPA -> new Gpas(h);
            case FAID -> new Aid(h);
            case CAPP -> new Applications(h);
            case AWRD -> new Awards(h);
            case BDGE -> new Artifacts(h);
        };
    }

    /** Reads the rest of the first block, then every further block, on this thread. */
    private void readSequentially(CsvReader firstReader, CsvBlocks blocks, Rows rows, SourceFile file,
            ReadContext.Lane lane, BlockingQueue<byte[]> free) throws IOException {
        long handed = 0;
        CsvReader r = firstReader;
        while (true) {
            while (r.next()) {
                rows.handle(r, file, lane, handed + r.bytesRead());
            }
            handed += r.bytesRead();
            free.offer(r.buffer());
            CsvBlocks.Block block;
            try {
                block = blocks.next();
            } catch (MalformedCsvException e) {
                lane.rowRead(-1);
                lane.reject(file, e.line(), "-", e.restNotRead(), e.code(), e.facts());
                return;
            }
            if (block == null) {
                return;
            }
            r = new CsvReader(block.data(), block.length(), block.firstLine());
        }
    }

    /**
     * Reads the file with one worker thread per further lane: this thread cuts the file into blocks of whole
     * records and hands them out; each worker validates its blocks' rows with its own handler and spill lane.
     */
    private void readInParallel(Kind kind, CsvHeader header, CsvReader firstReader, long firstLength,
            CsvBlocks blocks, SourceFile file, BlockingQueue<byte[]> free) throws IOException {
        int workers = ctx.laneCount() - 1;
        BlockingQueue<CsvReader> queue = new ArrayBlockingQueue<>(workers * 2);
        CsvReader end = new CsvReader(new byte[0], 0, 1);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicLong workerCpu = new java.util.concurrent.atomic.AtomicLong();
        long mainCpu = PartitionedImporter.threadCpu();
        List<Thread> threads = new ArrayList<>();
        for (int w = 1; w <= workers; w++) {
            ReadContext.Lane lane = ctx.lane(w);
            Rows rows = handler(kind, header);
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        CsvReader r = queue.take();
                        if (r == end) {
                            workerCpu.addAndGet(PartitionedImporter.threadCpu());
                            return;
                        }
                        if (failure.get() != null) {
                            continue;
                        }
                        while (r.next()) {
                            rows.handle(r, file, lane, -1);
                        }
                        free.offer(r.buffer());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (IOException e) {
                    failure.compareAndSet(null, new UncheckedIOException(e));
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }, "baton-import-reader-" + w);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        ReadContext.Lane main = ctx.lane(0);
        try {
            queue.put(firstReader);
            long handed = firstLength;
            while (failure.get() == null) {
                CsvBlocks.Block block;
                try {
                    block = blocks.next();
                } catch (MalformedCsvException e) {
                    main.rowRead(-1);
                    main.reject(file, e.line(), "-", e.restNotRead(), e.code(), e.facts());
                    break;
                }
                if (block == null) {
                    break;
                }
                queue.put(new CsvReader(block.data(), block.length(), block.firstLine()));
                handed += block.length();
                ctx.fileProgress(handed);
            }
            for (int w = 0; w < workers; w++) {
                queue.put(end);
            }
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            threads.forEach(Thread::interrupt);
            throw new IOException("interrupted while reading " + file.name(), e);
        }
        LOG.info("read {} in parallel: {} workers cpu {} ms, splitting cpu {} ms", file.name(), workers,
                workerCpu.get() / 1_000_000, (PartitionedImporter.threadCpu() - mainCpu) / 1_000_000);
        RuntimeException f = failure.get();
        if (f instanceof UncheckedIOException u) {
            throw u.getCause();
        } else if (f != null) {
            throw f;
        }
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

    /** Validates and emits rows of one file kind; one instance per reading thread (it keeps per-row state). */
    private abstract class Rows {
        final RowProblems p = new RowProblems();
        final CourseWire raw = new CourseWire();
        final String institution = ctx.institution();

        /** Upper case, without a copy when it already is. */
        final String upper(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c >= 'a' && c <= 'z' || c > 0x7F) {
                    return s.toUpperCase(Locale.ROOT);
                }
            }
            return s;
        }

        /** Validates one row and emits its fragment, or rejects it. {@code p} is cleared before each call. */
        abstract void row(CsvReader r, SourceFile file, ReadContext.Lane lane);

        final void handle(CsvReader r, SourceFile file, ReadContext.Lane lane, long bytes) {
            lane.rowRead(bytes);
            p.clear();
            row(r, file, lane);
        }

        final String get(CsvReader r, int column) {
            return column < 0 ? "" : r.field(column);
        }

        final void emit(ReadContext.Lane lane, SourceFile file, long line, EntryKind kind, String ssid,
                StudentRecord.Builder fragment) {
            lane.emit(file, line, kind, 0, ReadContext.ssidKey(ssid), "", fragment.build());
        }

        /** A school CDS code that belongs to the importing district. */
        String school(String value) {
            String school = Checks.cds(p, "SchoolOfAttendance", value, true);
            if (school != null && district != null && !school.startsWith(district)) {
                Checks.notInDistrict(p, "SchoolOfAttendance", school, district);
                return null;
            }
            return school;
        }

        /** Records a problem when {@code later} is before {@code earlier} (both ISO dates, either may be null or empty). */
        void notBefore(String later, String earlier, String field, String what) {
            if (later != null && earlier != null && !later.isEmpty() && !earlier.isEmpty()
                    && later.compareTo(earlier) < 0) {
                Checks.before(p, field, later, earlier, what);
            }
        }

        int segment(String value, Term term) {
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
                p.add("CourseSegment", "'" + value + "' is not 0, 1 or 2", "segment", value);
                return 0;
            }
            return value.charAt(0) - '0';
        }

        String awardYear(String value) {
            if (value.isEmpty()) {
                p.add("AwardYear", Checks.REQUIRED);
                return null;
            }
            boolean ok = value.length() == 7 && value.charAt(4) == '-' && Checks.digits(value.substring(0, 4))
                    && Checks.digits(value.substring(5))
                    && (Integer.parseInt(value.substring(0, 4)) + 1) % 100 == Integer.parseInt(value.substring(5));
            if (!ok) {
                p.add("AwardYear", "'" + value + "' is not an award year like 2026-27", "awardYear", value);
                return null;
            }
            return value;
        }
    }

    // ---- SINF: student information ----

    /** One thread's handler for the rows of a STUDENTS file. */
    private final class Students extends Rows {
        private final int cSsid;
        private final int cLocal;
        private final int cFirst;
        private final int cMiddle;
        private final int cLast;
        private final int cSuffix;
        private final int cBirth;
        private final int cGender;
        private final int cHispanic;
        private final int[] cRace;
        private final int cLanguage;
        private final int cEnglish;
        private final int cSed;
        private final int cDisability;
        private final int cGrade;
        private final int cCohort;
        private final int cOptOut;
        private final int cResidency;
        private final int facets;

        Students(CsvHeader h) {
            cSsid = h.column(SSID);
            cLocal = h.column(LOCAL_ID);
            cFirst = h.column(FIRST);
            cMiddle = h.column(MIDDLE);
            cLast = h.column(LAST);
            cSuffix = h.column(SUFFIX);
            cBirth = h.column(BIRTH);
            cGender = h.column(GENDER);
            cHispanic = h.column(HISPANIC);
            cRace = new int[] {h.column("Race1Code"), h.column("Race2Code"), h.column("Race3Code"), h.column("Race4Code"), h.column("Race5Code")};
            cLanguage = h.column(PRIMARY_LANGUAGE);
            cEnglish = h.column(ENGLISH);
            cSed = h.column(SED);
            cDisability = h.column(DISABILITY);
            cGrade = h.column(GRADE);
            cCohort = h.column(COHORT);
            cOptOut = h.column(OPT_OUT);
            cResidency = h.column(RESIDENCY);
            facets = StudentFacet.SSID.bit() | StudentFacet.NAME.bit() | StudentFacet.BIRTH_DATE.bit()
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
        }

        @Override
        void row(CsvReader r, SourceFile file, ReadContext.Lane lane) {
            String ssid = Checks.ssid(p, "SSID", get(r, cSsid), true);
            String local = Checks.required(p, "LocalStudentID", get(r, cLocal));
            String first = Checks.required(p, "StudentLegalFirstName", get(r, cFirst));
            String last = Checks.required(p, "StudentLegalLastName", get(r, cLast));
            String birth = Checks.date(p, "StudentBirthDate", get(r, cBirth), true, true);
            Demographics.Builder d = Demographics.newBuilder();
            String gender = get(r, cGender).toUpperCase(Locale.ROOT);
            if (!gender.isEmpty() && !gender.equals("M") && !gender.equals("F") && !gender.equals("X")) {
                p.add("StudentGenderCode", "not a CALPADS gender code (M, F or X)", "gender");
            }
            d.setGender(gender);
            String hispanic = get(r, cHispanic).toUpperCase(Locale.ROOT);
            if (!hispanic.isEmpty() && !hispanic.equals("Y") && !hispanic.equals("N")) {
                p.add("HispanicEthnicityIndicator", "must be Y, N or empty", "yesNoOrEmpty");
            }
            d.setHispanic(hispanic);
            Set<String> races = new LinkedHashSet<>();
            for (int i = 0; i < cRace.length; i++) {
                String race = get(r, cRace[i]);
                if (race.isEmpty()) {
                    continue;
                }
                if (!RACE_CODES.contains(race)) {
                    p.add("Race" + (i + 1) + "Code", "not a CALPADS race code", "race");
                }
                races.add(race);
            }
            d.addAllRaceCodes(races);
            String language = get(r, cLanguage);
            if (!language.isEmpty() && !(language.length() == 2 && Checks.digits(language))) {
                p.add("PrimaryLanguageCode", "'" + language + "' is not a two-digit CALPADS language code", "language",
                        language);
            }
            d.setHomeLanguage(language);
            String english = get(r, cEnglish).toUpperCase(Locale.ROOT);
            if (!english.isEmpty() && !ENGLISH_STATUSES.contains(english)) {
                p.add("EnglishLanguageAcquisitionStatusCode",
                        "'" + english + "' is not one of " + ENGLISH_STATUS_LIST, "oneOf", english,
                        ENGLISH_STATUS_LIST);
            }
            d.setEnglishStatus(english);
            Boolean sed = Checks.flag(p, "SocioeconomicallyDisadvantagedIndicator", get(r, cSed));
            Boolean disability = Checks.flag(p, "DisabilityIndicator", get(r, cDisability));
            int grade = Checks.gradeLevel(p, "GradeLevelCode", get(r, cGrade), false);
            int cohort = Checks.whole(p, "CohortYear", get(r, cCohort), false, 4);
            Boolean optOut = Checks.flag(p, "CalGrantGpaOptOut", get(r, cOptOut));
            Residency residency = Checks.oneOf(p, "Residency", get(r, cResidency), Residency.class, "", false);
            if (!p.isEmpty()) {
                lane.reject(file, r.line(), p);
                return;
            }
            Student.Builder s = Student.newBuilder()
                    .setSsid(ssid)
                    .addLocalIds(ReadContext.localId(ctx.institution(), local))
                    .setLegalName(PersonName.newBuilder().setFirst(first).setMiddle(get(r, cMiddle)).setLast(last)
                            .setSuffix(get(r, cSuffix)))
                    .setBirthDate(birth)
                    .setDemographics(d.setSocioeconomicallyDisadvantaged(sed).setDisability(disability))
                    .setInstitutionId(ctx.institution())
                    .setGradeLevel(grade)
                    .setCohortYear(cohort)
                    .setCalGrantGpaOptOut(optOut)
                    .setResidency(residency == null ? Residency.RESIDENCY_UNSPECIFIED : residency);
            lane.emit(file, r.line(), EntryKind.STUDENT, facets, ReadContext.ssidKey(ssid), "",
                    StudentRecord.newBuilder().setStudent(s).build());
        }
    }

    // ---- SPRG: program eligibility (foster youth, CalFresh, …) ----

    /** One thread's handler for the rows of a PROGRAMS file. */
    private final class Programs extends Rows {
        private final int cSsid;
        private final int cProgram;
        private final int cStart;
        private final int cEnd;
        private final int cSource;

        Programs(CsvHeader h) {
            cSsid = h.column(SSID);
            cProgram = h.column(PROGRAM);
            cStart = h.column(PROGRAM_START);
            cEnd = h.column(PROGRAM_END);
            cSource = h.column(PROGRAM_SOURCE);
        }

        @Override
        void row(CsvReader r, SourceFile file, ReadContext.Lane lane) {
            String ssid = Checks.ssid(p, "SSID", get(r, cSsid), true);
            EligibilityProgram program = Checks.oneOf(p, "EducationProgramCode", get(r, cProgram),
                    EligibilityProgram.class, "", true);
            String start = Checks.date(p, "EducationProgramMembershipStartDate", get(r, cStart), true, false);
            String end = Checks.date(p, "EducationProgramMembershipEndDate", get(r, cEnd), false, false);
            notBefore(end, start, "EducationProgramMembershipEndDate", "the start date");
            if (!p.isEmpty()) {
                lane.reject(file, r.line(), p);
                return;
            }
            EligibilityFlag flag = EligibilityFlag.newBuilder().setProgram(program).setVerifiedOn(start)
                    .setValidUntil(end).setSource(get(r, cSource)).build();
            emit(lane, file, r.line(), EntryKind.ELIGIBILITY, ssid,
                    StudentRecord.newBuilder().setStudent(Student.newBuilder().addEligibility(flag)));
        }
    }

    // ---- SENR: enrollment ----

    /** One thread's handler for the rows of a ENROLLMENTS file. */
    private final class Enrollments extends Rows {
        private final int cSsid;
        private final int cSchool;
        private final int cYear;
        private final int cStart;
        private final int cExit;
        private final int cExitCode;
        private final int cGrade;

        Enrollments(CsvHeader h) {
            cSsid = h.column(SSID);
            cSchool = h.column(SCHOOL);
            cYear = h.column(YEAR);
            cStart = h.column(START);
            cExit = h.column(EXIT);
            cExitCode = h.column(EXIT_CODE);
            cGrade = h.column(GRADE);
        }

        @Override
        void row(CsvReader r, SourceFile file, ReadContext.Lane lane) {
            String ssid = Checks.ssid(p, "SSID", get(r, cSsid), true);
            String school = school(get(r, cSchool));
            int year = Checks.academicYear(p, "AcademicYearID", get(r, cYear));
            String start = Checks.date(p, "EnrollmentStartDate", get(r, cStart), true, false);
            String exit = Checks.date(p, "EnrollmentExitDate", get(r, cExit), false, false);
            String exitCode = get(r, cExitCode).toUpperCase(Locale.ROOT);
            int grade = Checks.gradeLevel(p, "GradeLevelCode", get(r, cGrade), true);
            if (start != null && year > 0 && !inAcademicYear(start, year)) {
                p.add("EnrollmentStartDate", "'" + start + "' is not in academic year " + year + "-" + (year + 1)
                        + " (July 1 to June 30)", "notInYear", String.valueOf(start), String.valueOf(year),
                        String.valueOf(year + 1));
            }
            notBefore(exit, start, "EnrollmentExitDate", "the enrollment start date");
            if (exit != null && !exit.isEmpty() && exitCode.isEmpty()) {
                p.add("StudentExitReasonCode", "required when EnrollmentExitDate is given", "requiredWhen",
                        "EnrollmentExitDate");
            } else if (!exitCode.isEmpty() && !exitCodeShape(exitCode)) {
                p.add("StudentExitReasonCode", "'" + exitCode + "' is not a CALPADS exit code like E230", "exitCode",
                        exitCode);
            } else if (!exitCode.isEmpty() && (exit == null || exit.isEmpty())) {
                p.add("EnrollmentExitDate", "required when StudentExitReasonCode is given", "requiredWhen",
                        "StudentExitReasonCode");
            }
            if (!p.isEmpty()) {
                lane.reject(file, r.line(), p);
                return;
            }
            Enrollment e = Enrollment.newBuilder().setInstitutionId(ctx.institution()).setSchoolCode(school)
                    .setGradeLevel(grade).setEntryDate(start).setExitDate(exit).setExitCode(exitCode)
                    .setAcademicYear(year).build();
            emit(lane, file, r.line(), EntryKind.ENROLLMENT, ssid, StudentRecord.newBuilder().addEnrollments(e));
        }
    }

    // ---- SCSC: student course section completion ----

    /** One thread's handler for the rows of a COURSES file. */
    private final class Courses extends Rows {
        private final int cSsid;
        private final int cSchool;
        private final int cYear;
        private final int cTerm;
        private final int cCourse;
        private final int cSection;
        private final int cState;
        private final int cTitle;
        private final int cGrade;
        private final int cAttempted;
        private final int cEarned;
        private final int cMark;
        private final int cAg;
        private final int cHonors;
        private final int cDiscipline;
        private final int cSequence;
        private final int cCategory;
        private final int cCompleted;
        private final int cSegment;
        private final int cCollege;
        private final int cUnits;
        private final int cUnitSystem;
        private final int cUc;
        private final int cCsu;
        private final GradeScale scale = ctx.gradeScale();

        Courses(CsvHeader h) {
            cSsid = h.column(SSID);
            cSchool = h.column(SCHOOL);
            cYear = h.column(YEAR);
            cTerm = h.column(TERM);
            cCourse = h.column(COURSE);
            cSection = h.column(SECTION);
            cState = h.column(STATE_CODE);
            cTitle = h.column(TITLE);
            cGrade = h.column(GRADE);
            cAttempted = h.column(ATTEMPTED);
            cEarned = h.column(EARNED);
            cMark = h.column(MARK);
            cAg = h.column(AG);
            cHonors = h.column(HONORS);
            cDiscipline = h.column(DISCIPLINE);
            cSequence = h.column(SEQUENCE);
            cCategory = h.column(CATEGORY);
            cCompleted = h.column(COMPLETED);
            cSegment = h.column(SEGMENT);
            cCollege = h.column(COLLEGE);
            cUnits = h.column(COLLEGE_UNITS);
            cUnitSystem = h.column(UNIT_SYSTEM);
            cUc = h.column(UC_TRANSFER);
            cCsu = h.column(CSU_TRANSFER);
            used = new int[] {cSsid, cSchool, cYear, cTerm, cCourse, cSection, cState, cTitle, cGrade, cAttempted,
                cEarned, cMark, cAg, cHonors, cDiscipline, cSequence, cCategory, cCompleted, cSegment, cCollege,
                cUnits, cUnitSystem, cUc, cCsu};
        }

        private final CourseBytes fast = courseBytes ? new CourseBytes(scale) : null;
        private final int[] used;

        private int from(CsvReader r, int column) {
            return column < 0 ? 0 : r.start(column);
        }

        private int to(CsvReader r, int column) {
            return column < 0 ? 0 : r.end(column);
        }

        /**
         * Validates and emits the row from its bytes when it is valid in the common forms (see {@link CourseBytes});
         * false, with nothing written, otherwise.
         */
        private boolean fromBytes(CsvReader r, SourceFile file, ReadContext.Lane lane) {
            for (int c : used) {
                if (c >= 0 && !r.plain(c)) {
                    return false;
                }
            }
            byte[] b = r.buffer();
            int ssidFrom = from(r, cSsid);
            int ssidTo = to(r, cSsid);
            if (ssidTo - ssidFrom != 10 || !digits(b, ssidFrom, ssidTo)) {
                return false;
            }
            int schoolFrom = from(r, cSchool);
            int schoolTo = to(r, cSchool);
            if (schoolTo - schoolFrom != 14 || !digits(b, schoolFrom, schoolTo)) {
                return false;
            }
            byte[] districtBytes = fast.districtBytes;
            if (districtBytes != null && !java.util.Arrays.equals(b, schoolFrom, schoolFrom + districtBytes.length,
                    districtBytes, 0, districtBytes.length)) {
                return false;
            }
            int year = academicYear(b, from(r, cYear), to(r, cYear));
            if (year < 0) {
                return false;
            }
            int termFrom = from(r, cTerm);
            int termTo = to(r, cTerm);
            if (termTo - termFrom != 2) {
                return false;
            }
            int termIndex = termIndex(b[termFrom], b[termFrom + 1]);
            if (termIndex < 0) {
                return false;
            }
            String termCode = CourseWire.TERM_CODES.get(termIndex);
            int courseFrom = from(r, cCourse);
            int courseTo = to(r, cCourse);
            if (courseFrom == courseTo || !ascii(b, courseFrom, courseTo)) {
                return false;
            }
            if (from(r, cCollege) != to(r, cCollege)) {
                return false; // a college course: the string path
            }
            int stateFrom = from(r, cState);
            int stateTo = to(r, cState);
            if (stateTo - stateFrom != 4 || !digits(b, stateFrom, stateTo)) {
                return false;
            }
            int titleFrom = from(r, cTitle);
            int titleTo = to(r, cTitle);
            if (titleFrom == titleTo || !ascii(b, titleFrom, titleTo)) {
                return false;
            }
            int gradeFrom = from(r, cGrade);
            int gradeTo = to(r, cGrade);
            int grade = gradeTo - gradeFrom >= 1 && gradeTo - gradeFrom <= 2 ? number(b, gradeFrom, gradeTo) : -1;
            if (grade < 7 || grade > 12) {
                return false;
            }
            int attempted = plainHundredths(b, from(r, cAttempted), to(r, cAttempted));
            int earned = plainHundredths(b, from(r, cEarned), to(r, cEarned));
            if (attempted < 0 || earned < 0) {
                return false;
            }
            int markFrom = from(r, cMark);
            int markTo = to(r, cMark);
            if (markFrom == markTo || !ascii(b, markFrom, markTo)) {
                return false;
            }
            byte[] mark = fast.mark(b, markFrom, markTo);
            if (mark == null) {
                return false;
            }
            int ag = agArea(b, from(r, cAg), to(r, cAg));
            if (ag < 0) {
                return false;
            }
            int honors = flag(b, from(r, cHonors), to(r, cHonors));
            if (honors < 0) {
                return false;
            }
            int sequenceFrom = from(r, cSequence);
            int sequenceTo = to(r, cSequence);
            int sequence = 0;
            if (sequenceFrom != sequenceTo) {
                sequence = sequenceTo - sequenceFrom == 1 ? number(b, sequenceFrom, sequenceTo) : -1;
                if (sequence < 0) {
                    return false;
                }
            }
            int categoryFrom = from(r, cCategory);
            int categoryTo = to(r, cCategory);
            int category = CourseCategory.ACADEMIC.getNumber();
            if (categoryFrom != categoryTo) {
                if (!ascii(b, categoryFrom, categoryTo)) {
                    return false;
                }
                category = fast.category(b, categoryFrom, categoryTo);
                if (category < 0) {
                    return false;
                }
            }
            int completedFrom = from(r, cCompleted);
            int completedTo = to(r, cCompleted);
            if (completedFrom != completedTo && !isoDate(b, completedFrom, completedTo)) {
                return false;
            }
            int segmentFrom = from(r, cSegment);
            int segmentTo = to(r, cSegment);
            int segment;
            if (segmentFrom == segmentTo) {
                segment = termCode.equals("S1") ? 1 : termCode.equals("S2") ? 2 : 0;
            } else if (segmentTo - segmentFrom == 1 && b[segmentFrom] >= '0' && b[segmentFrom] <= '2') {
                segment = b[segmentFrom] - '0';
            } else {
                return false;
            }
            int sectionFrom = from(r, cSection);
            int sectionTo = to(r, cSection);
            int disciplineFrom = from(r, cDiscipline);
            int disciplineTo = to(r, cDiscipline);
            if (!ascii(b, sectionFrom, sectionTo) || !ascii(b, disciplineFrom, disciplineTo)) {
                return false;
            }

            // Valid: encode as CourseWire#write does (fields in number order, defaults left out).
            raw.begin();
            raw.open(1, (schoolTo - schoolFrom) + (courseTo - courseFrom) + (sectionTo - sectionFrom) + 10);
            raw.append(b, schoolFrom, schoolTo);
            raw.append((byte) '|');
            raw.append(b, courseFrom, courseTo);
            raw.append((byte) '|');
            raw.append((byte) ('0' + year / 1000));
            raw.append((byte) ('0' + year / 100 % 10));
            raw.append((byte) ('0' + year / 10 % 10));
            raw.append((byte) ('0' + year % 10));
            raw.append((byte) '|');
            raw.append((byte) termCode.charAt(0));
            raw.append((byte) termCode.charAt(1));
            raw.append((byte) '|');
            raw.append(b, sectionFrom, sectionTo);
            raw.bytes(2, fast.institutionBytes);
            raw.bytes(3, b, schoolFrom, schoolTo);
            raw.bytes(4, b, courseFrom, courseTo);
            raw.bytes(5, b, stateFrom, stateTo);
            raw.bytes(6, b, titleFrom, titleTo);
            raw.bytes(7, fast.term(year, termIndex));
            raw.bytes(8, b, completedFrom, completedTo);
            raw.number(9, grade);
            raw.number(10, attempted);
            raw.number(11, earned);
            raw.bytes(12, mark);
            raw.number(13, ag);
            raw.number(14, honors);
            if (disciplineFrom != disciplineTo) {
                raw.open(15, disciplineTo - disciplineFrom);
                for (int i = disciplineFrom; i < disciplineTo; i++) {
                    raw.append((byte) upperAscii(b[i]));
                }
            }
            raw.number(16, sequence);
            raw.number(17, category);
            raw.number(19, segment);
            lane.emitCourse(file, r.line(), b, ssidFrom, ssidTo, raw);
            return true;
        }

        @Override
        void row(CsvReader r, SourceFile file, ReadContext.Lane lane) {
            if (courseBytes && fromBytes(r, file, lane)) {
                return;
            }
            String ssid = Checks.ssid(p, "SSID", get(r, cSsid), true);
            String school = school(get(r, cSchool));
            int year = Checks.academicYear(p, "AcademicYearID", get(r, cYear));
            Term term = Checks.term(p, "AcademicTermCode", get(r, cTerm), year);
            String course = Checks.required(p, "LocalCourseID", get(r, cCourse));
            String college = Checks.ipeds(p, "CollegeID", get(r, cCollege), false);
            String stateCode = Checks.stateCourseCode(p, "StateCourseCode", get(r, cState),
                    college != null && college.isEmpty());
            String title = Checks.required(p, "CourseName", get(r, cTitle));
            int grade = Checks.gradeLevel(p, "GradeLevelCode", get(r, cGrade), true);
            int attempted = Checks.hundredths(p, "CreditsAttempted", get(r, cAttempted), true);
            int earned = Checks.hundredths(p, "CreditsEarned", get(r, cEarned), true);
            String mark = Checks.grade(p, "Grade", get(r, cMark), scale);
            AgArea ag = Checks.agArea(p, "AGArea", get(r, cAg));
            Boolean honors = Checks.flag(p, "Honors", get(r, cHonors));
            int sequence = Checks.whole(p, "SequenceLevel", get(r, cSequence), false, 1);
            CourseCategory category = Checks.oneOf(p, "CourseCategory", get(r, cCategory), CourseCategory.class, "",
                    false);
            String completed = Checks.date(p, "CompletionDate", get(r, cCompleted), false, false);
            int segment = segment(get(r, cSegment), term);
            boolean hasCollege = college != null && !college.isEmpty();
            int units = 0;
            TermCalendar unitSystem = TermCalendar.SEMESTER;
            Boolean uc = Boolean.FALSE;
            Boolean csu = Boolean.FALSE;
            if (hasCollege) {
                units = Checks.hundredths(p, "CollegeUnits", get(r, cUnits), true);
                if (!get(r, cUnitSystem).isEmpty()) {
                    unitSystem = Checks.oneOf(p, "CollegeUnitSystem", get(r, cUnitSystem), TermCalendar.class, "",
                            false);
                }
                uc = Checks.flag(p, "UCTransferable", get(r, cUc));
                csu = Checks.flag(p, "CSUTransferable", get(r, cCsu));
            }
            if (!p.isEmpty()) {
                lane.courseRowRejected();
                lane.reject(file, r.line(), p);
                return;
            }
            CollegeCourse collegeCourse = !hasCollege ? null : CollegeCourse.newBuilder().setInstitutionId(college)
                    .setUnits(units).setUnitSystem(unitSystem).setUcTransferable(uc).setCsuTransferable(csu)
                    .setDualEnrollment(true).build();
            String section = get(r, cSection);
            String discipline = get(r, cDiscipline);
            raw.write(school + "|" + course + "|" + year + "|" + term.getCode() + "|" + section, institution, school,
                    course, stateCode, title, term, completed, grade, attempted, earned, mark, ag.getNumber(), honors,
                    upper(discipline), sequence, (category == null ? CourseCategory.ACADEMIC : category).getNumber(),
                    collegeCourse, segment);
            lane.emitCourse(file, r.line(), ReadContext.ssidKey(ssid), raw);
        }
    }


    /**
     * The fast path for course rows: validates a row from its bytes and encodes it straight to the spill, without
     * a {@code String} per field. It takes only rows it can prove valid by the same rules as {@link Courses#row}'s
     * string path (unquoted ASCII fields in the common forms, no college course) and encodes them byte for byte as
     * that path does; for any other row it returns false before writing anything, and the string path validates
     * (and rejects, with its messages) the row.
     */
    private final class CourseBytes {
        private static final int NONE = -1;
        private final byte[] institutionBytes;
        private final byte[] districtBytes;
        /** Grades seen (raw bytes) and their canonical form on the import's scale. */
        private final TinyCache marks = new TinyCache();
        /** Course categories seen (raw bytes) and their enum numbers. */
        private final TinyCache categories = new TinyCache();
        private final byte[][][] terms = new byte[2151 - 1950][][];
        private final GradeScale scale;

        CourseBytes(GradeScale scale) {
            this.scale = scale;
            this.institutionBytes = ctx.institution().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            this.districtBytes = district == null ? null
                    : district.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        /** Canonical grades of one- and two-byte ASCII grades, indexed by their bytes; MISSING when not on the scale. */
        private final Object[] shortMarks = new Object[128 + 128 * 128];

        /** The canonical grade (bytes) of the raw ASCII grade {@code b[from, to)}, or null when not on the scale. */
        byte[] mark(byte[] b, int from, int to) {
            int n = to - from;
            if (n == 1 || n == 2) {
                int key = n == 1 ? b[from] : 128 + (b[from] << 7 | b[from + 1]);
                Object hit = shortMarks[key];
                if (hit == null) {
                    hit = markOf(b, from, to);
                    shortMarks[key] = hit;
                }
                return hit == TinyCache.MISSING ? null : (byte[]) hit;
            }
            Object hit = marks.get(b, from, to);
            if (hit != null) {
                return hit == TinyCache.MISSING ? null : (byte[]) hit;
            }
            Object value = markOf(b, from, to);
            marks.put(b, from, to, value);
            return value == TinyCache.MISSING ? null : (byte[]) value;
        }

        /** The canonical grade's bytes of {@code b[from, to)} on the import's scale, or MISSING. */
        private Object markOf(byte[] b, int from, int to) {
            String canonical = scale.canonical(new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1));
            return canonical == null ? TinyCache.MISSING : canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        /** The enum number of the course category {@code b[from, to)} (not empty), or {@link #NONE}. */
        int category(byte[] b, int from, int to) {
            Object hit = categories.get(b, from, to);
            if (hit == null) {
                CourseCategory c = Checks.oneOf(new RowProblems(), "CourseCategory",
                        new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1),
                        CourseCategory.class, "", false);
                hit = c == null ? TinyCache.MISSING : Integer.valueOf(c.getNumber());
                categories.put(b, from, to, hit);
            }
            return hit == TinyCache.MISSING ? NONE : (Integer) hit;
        }

        byte[] term(int year, int index) {
            byte[][] byYear = terms[year - 1950];
            if (byYear == null) {
                byYear = new byte[CourseWire.TERM_CODES.size()][];
                terms[year - 1950] = byYear;
            }
            byte[] t = byYear[index];
            if (t == null) {
                t = CourseWire.term(year, index);
                byYear[index] = t;
            }
            return t;
        }
    }

    /**
     * A few byte strings and what they stand for, found by linear search: for columns with a handful of distinct
     * values (grades, categories). Holds at most {@link #LIMIT} entries; later values are not kept.
     */
    static final class TinyCache {
        /** The value stored for a key known to be invalid. */
        static final Object MISSING = new Object();
        private static final int LIMIT = 64;
        private final byte[][] keys = new byte[LIMIT][];
        private final Object[] values = new Object[LIMIT];
        private int size;

        /** The value for {@code b[from, to)}, or null when not cached. */
        Object get(byte[] b, int from, int to) {
            int n = to - from;
            for (int i = 0; i < size; i++) {
                byte[] k = keys[i];
                if (k.length == n && java.util.Arrays.equals(k, 0, n, b, from, to)) {
                    return values[i];
                }
            }
            return null;
        }

        void put(byte[] b, int from, int to, Object value) {
            if (size < LIMIT) {
                keys[size] = java.util.Arrays.copyOfRange(b, from, to);
                values[size++] = value;
            }
        }
    }

    /** An academic year as {@link Checks#academicYear} reads it: the first year, or -1 when it is not one. */
    private static int academicYear(byte[] b, int from, int to) {
        int n = to - from;
        int first = n >= 4 ? number(b, from, from + 4) : -1;
        boolean ok;
        if (n == 4) {
            ok = first >= 0;
        } else if (n == 9 && b[from + 4] == '-') {
            ok = first >= 0 && number(b, from + 5, to) == first + 1;
        } else if (n == 7 && b[from + 4] == '-') {
            ok = first >= 0 && number(b, from + 5, to) == (first + 1) % 100;
        } else {
            ok = false;
        }
        return ok && first >= 1950 && first <= 2150 ? first : -1;
    }

    /** An a-g area as {@link Checks#agArea} reads it: its enum number, or -1 when it is not one. */
    private static int agArea(byte[] b, int from, int to) {
        if (from == to) {
            return AgArea.AG_NONE.getNumber();
        }
        if (to - from != 1) {
            return -1;
        }
        return switch (upperAscii(b[from])) {
            case 'A' -> AgArea.AG_A_HISTORY.getNumber();
            case 'B' -> AgArea.AG_B_ENGLISH.getNumber();
            case 'C' -> AgArea.AG_C_MATH.getNumber();
            case 'D' -> AgArea.AG_D_SCIENCE.getNumber();
            case 'E' -> AgArea.AG_E_LANGUAGE.getNumber();
            case 'F' -> AgArea.AG_F_ARTS.getNumber();
            case 'G' -> AgArea.AG_G_ELECTIVE.getNumber();
            case 'N' -> AgArea.AG_NONE.getNumber();
            default -> -1;
        };
    }

    /** Whether {@code b[from, to)} is a real date written YYYY-MM-DD, as {@link Checks#date} accepts it. */
    private static boolean isoDate(byte[] b, int from, int to) {
        if (to - from != 10 || b[from + 4] != '-' || b[from + 7] != '-') {
            return false;
        }
        int y = number(b, from, from + 4);
        int m = number(b, from + 5, from + 7);
        int d = number(b, from + 8, from + 10);
        return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= Checks.daysIn(y, m);
    }

    /** Whether {@code b[from, to)} is all ASCII digits (false when empty). */
    private static boolean digits(byte[] b, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return true;
    }

    /** The number written by the ASCII digits {@code b[from, to)}, or -1 when one is not a digit. */
    private static int number(byte[] b, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            int c = b[i] - '0';
            if (c < 0 || c > 9) {
                return -1;
            }
            n = n * 10 + c;
        }
        return n;
    }

    /** Whether {@code b[from, to)} is all ASCII (no byte of a multi-byte UTF-8 character). */
    private static boolean ascii(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static int upperAscii(byte c) {
        return c >= 'a' && c <= 'z' ? c - 32 : c;
    }

    /** The term codes of {@link CourseWire#TERM_CODES}, each as its two bytes in one int. */
    private static final int[] TERM_KEYS = CourseWire.TERM_CODES.stream()
            .mapToInt(c -> c.charAt(0) << 8 | c.charAt(1)).toArray();

    /** The index in {@link CourseWire#TERM_CODES} of the two-letter code {@code c0 c1} (either case), or -1. */
    private static int termIndex(byte c0, byte c1) {
        int key = upperAscii(c0) << 8 | upperAscii(c1);
        for (int i = 0; i < TERM_KEYS.length; i++) {
            if (TERM_KEYS[i] == key) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code b[from, to)} equals the upper-case ASCII {@code word}, ignoring ASCII case. */
    private static boolean isWord(byte[] b, int from, int to, String word) {
        if (to - from != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (upperAscii(b[from + i]) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** A yes/no flag as {@link Checks#flag} reads it: 1 for yes, 0 for no, -1 for anything else. */
    private static int flag(byte[] b, int from, int to) {
        if (to - from == 1) {
            switch (upperAscii(b[from])) {
                case 'N', '0' -> {
                    return 0;
                }
                case 'Y', '1' -> {
                    return 1;
                }
                default -> {
                    return -1;
                }
            }
        }
        if (from == to || isWord(b, from, to, "N") || isWord(b, from, to, "NO") || isWord(b, from, to, "FALSE")
                || isWord(b, from, to, "0")) {
            return 0;
        }
        if (isWord(b, from, to, "Y") || isWord(b, from, to, "YES") || isWord(b, from, to, "TRUE")
                || isWord(b, from, to, "1")) {
            return 1;
        }
        return -1;
    }

    /**
     * Credits in hundredths, for the plain forms only ({@code 5}, {@code 5.}, {@code 5.5}, {@code 5.25}, at most
     * 1,000,000): what {@link Checks#hundredths} gives for them; -1 for any other form (the string path decides).
     */
    private static int plainHundredths(byte[] b, int from, int to) {
        int i = from;
        long whole = 0;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            whole = whole * 10 + (b[i] - '0');
            if (whole > 1_000_000) {
                return -1;
            }
            i++;
        }
        if (i == from) {
            return -1;
        }
        int frac = 0;
        if (i < to) {
            if (b[i] != '.' || to - i > 3) {
                return -1;
            }
            i++;
            int digits = 0;
            while (i < to) {
                int c = b[i] - '0';
                if (c < 0 || c > 9) {
                    return -1;
                }
                frac = frac * 10 + c;
                digits++;
                i++;
            }
            if (digits == 1) {
                frac *= 10;
            }
        }
        return (int) (whole * 100 + frac);
    }

    // ---- GPA: GPAs as the school reported them ----

    /** One thread's handler for the rows of a GPAS file. */
    private final class Gpas extends Rows {
        private final int cSsid;
        private final int cType;
        private final int cValue;
        private final int cAsOf;

        Gpas(CsvHeader h) {
            cSsid = h.column(SSID);
            cType = h.column(GPA_TYPE);
            cValue = h.column(GPA_VALUE);
            cAsOf = h.column(AS_OF);
        }

        @Override
        void row(CsvReader r, SourceFile file, ReadContext.Lane lane) {
            String ssid = Checks.ssid(p, "SSID", get(r, cSsid), true);
            GpaKind kind = Checks.oneOf(p, "GpaType", get(r, cType), GpaKind.class, "GPA_", true);
            int value = Checks.thousandths(p, "GPA", get(r, cValue), true);
            if (value > 5000) {
                p.add("GPA", "'" + get(r, cValue) + "' is above 5.0", "gpaAbove5", get(r, cValue));
            }
            String asOf = Checks.date(p, "AsOfDate", get(r, cAsOf), true, false);
            if (!p.isEmpty()) {
                lane.reject(file, r.line(), p);
                return;
            }
            ReportedGpa g = ReportedGpa.newBuilder().setKind(kind).setValue(value).setAsOf(asOf).build();
            emit(lane, file, r.line(), EntryKind.GPA, ssid, StudentRecord.newBuilder().addReportedGpas(g));
        }
    }

    // ---- FAID: FAFSA / CADAA status ----

    /** One thread's handler for the rows of a AID file. */
    private final class Aid extends Rows {
        private final int cSsid;
        private final int cKind;
        private final int cYear;
        private final int cStatus;
        private final int cDate;

        Aid(CsvHeader h) {
            cSsid = h.column(SSID);
            cKind = h.column(AID_KIND);
            cYear = h.column(AWARD_YEAR);
            cStatus = h.column(STATUS);
            cDate = h.column(STATUS_DATE);
        }

        @Override
        void row(CsvReader r, SourceFile file, ReadContext.Lane lane) {
            String ssid = Checks.ssid(p, "SSID", get(r, cSsid), true);
            AidApplicationKind kind = Checks.oneOf(p, "ApplicationKind", get(r, cKind), AidApplicationKind.class, "",
                    true);
            String awardYear = awardYear(get(r, cYear));
            AidApplicationStatus status = Checks.oneOf(p, "ApplicationStatus", get(r, cStatus),
                    AidApplicationStatus.class, "AID_", true);
            String date = Checks.date(p, "StatusDate", get(r, cDate), true, false);
            if (!p.isEmpty()) {
                lane.reject(file, r.line(), p);
                return;
            }
            FinancialAidApplication a = FinancialAidApplication.newBuilder().setKind(kind).setAwardYear(awardYear)
                    .setStatus(status).setStatusDate(date).build();
            emit(lane, file, r.line(), EntryKind.AID, ssid, StudentRecord.newBuilder().addFinancialAid(a));
        }
    }


    // ---- CAPP: college applications ----

    /** One thread's handler for the rows of a APPLICATIONS file. */
    private final class Applications extends Rows {
        private final int cSsid;
        private final int cSystem;
        private final int cCampus;
        private final int cYear;
        private final int cTerm;
        private final int cStatus;
        private final int cDate;
        private final int cTag;

        Applications(CsvHeader h) {
            cSsid = h.column(SSID);
            cSystem = h.column(SYSTEM);
            cCampus = h.column(CAMPUS);
            cYear = h.column(ENTRY_YEAR);
            cTerm = h.column(ENTRY_TERM);
            cStatus = h.column(STATUS);
            cDate = h.column(STATUS_DATE);
            cTag = h.column(TAG);
        }

        @Override
        void row(CsvReader r, SourceFile file, ReadContext.Lane lane) {
            String ssid = Checks.ssid(p, "SSID", get(r, cSsid), true);
            HigherEdSystem system = Checks.oneOf(p, "System", get(r, cSystem), HigherEdSystem.class, "SYSTEM_", true);
            String campus = Checks.required(p, "Campus", get(r, cCampus));
            int year = Checks.academicYear(p, "EntryAcademicYear", get(r, cYear));
            TermType termType = Checks.oneOf(p, "EntryTerm", get(r, cTerm), TermType.class, "", true);
            ApplicationStatus status = Checks.oneOf(p, "ApplicationStatus", get(r, cStatus), ApplicationStatus.class,
                    "APP_", true);
            String date = Checks.date(p, "StatusDate", get(r, cDate), true, false);
            Boolean tag = Checks.flag(p, "TAG", get(r, cTag));
            if (!p.isEmpty()) {
                lane.reject(file, r.line(), p);
                return;
            }
            CollegeApplication a = CollegeApplication.newBuilder().setSystem(system).setCampus(campus)
                    .setEntryTerm(Term.newBuilder().setAcademicYear(year).setType(termType))
                    .setStatus(status).setStatusDate(date).setTag(tag).build();
            emit(lane, file, r.line(), EntryKind.APPLICATION, ssid, StudentRecord.newBuilder().addCollegeApplications(a));
        }
    }

    // ---- AWRD: diplomas, seals, degrees ----

    /** One thread's handler for the rows of a AWARDS file. */
    private final class Awards extends Rows {
        private final int cSsid;
        private final int cKind;
        private final int cTitle;
        private final int cDate;
        private final int cInstitution;
        private final int cProgram;

        Awards(CsvHeader h) {
            cSsid = h.column(SSID);
            cKind = h.column(AWARD_KIND);
            cTitle = h.column(AWARD_TITLE);
            cDate = h.column(CONFERRED);
            cInstitution = h.column(INSTITUTION);
            cProgram = h.column(AWARD_PROGRAM);
        }

        @Override
        void row(CsvReader r, SourceFile file, ReadContext.Lane lane) {
            String ssid = Checks.ssid(p, "SSID", get(r, cSsid), true);
            AwardKind kind = Checks.oneOf(p, "AwardKind", get(r, cKind), AwardKind.class, "", true);
            String title = Checks.required(p, "AwardTitle", get(r, cTitle));
            String date = Checks.date(p, "ConferredDate", get(r, cDate), true, false);
            String institution = get(r, cInstitution).isEmpty() ? ctx.institution() : get(r, cInstitution);
            if (!(institution.length() == 14 || institution.length() == 6) || !Checks.digits(institution)) {
                p.add("InstitutionID", "'" + institution + "' is not a 14-digit CDS code or a 6-digit IPEDS id",
                        "cdsOrIpeds", institution);
            }
            if (!p.isEmpty()) {
                lane.reject(file, r.line(), p);
                return;
            }
            Award a = Award.newBuilder().setKind(kind).setTitle(title).setConferredOn(date)
                    .setInstitutionId(institution).setProgramCode(get(r, cProgram)).build();
            emit(lane, file, r.line(), EntryKind.AWARD, ssid, StudentRecord.newBuilder().addAwards(a));
        }
    }

    // ---- BDGE: badges and other learning artifacts ----

    /** One thread's handler for the rows of a ARTIFACTS file. */
    private final class Artifacts extends Rows {
        private final int cSsid;
        private final int cId;
        private final int cKind;
        private final int cTitle;
        private final int cDescription;
        private final int cIssuer;
        private final int cIssuerId;
        private final int cIssued;
        private final int cExpires;
        private final int cEvidence;
        private final int cCredential;

        Artifacts(CsvHeader h) {
            cSsid = h.column(SSID);
            cId = h.column(ARTIFACT_ID);
            cKind = h.column(ARTIFACT_KIND);
            cTitle = h.column(ARTIFACT_TITLE);
            cDescription = h.column(DESCRIPTION);
            cIssuer = h.column(ISSUER_NAME);
            cIssuerId = h.column(ISSUER_ID);
            cIssued = h.column(ISSUED);
            cExpires = h.column(EXPIRES);
            cEvidence = h.column(EVIDENCE);
            cCredential = h.column(CREDENTIAL);
        }

        @Override
        void row(CsvReader r, SourceFile file, ReadContext.Lane lane) {
            String ssid = Checks.ssid(p, "SSID", get(r, cSsid), true);
            String id = Checks.required(p, "ArtifactID", get(r, cId));
            ArtifactKind kind = Checks.oneOf(p, "ArtifactKind", get(r, cKind), ArtifactKind.class, "", true);
            String title = Checks.required(p, "Title", get(r, cTitle));
            String issuer = Checks.required(p, "IssuerName", get(r, cIssuer));
            String issued = Checks.date(p, "IssuedDate", get(r, cIssued), true, false);
            String expires = Checks.date(p, "ExpiresDate", get(r, cExpires), false, false);
            notBefore(expires, issued, "ExpiresDate", "the issue date");
            List<String> urls = new ArrayList<>();
            for (String u : get(r, cEvidence).split("\\s+")) {
                if (u.isEmpty()) {
                    continue;
                }
                if (!u.startsWith("https://")) {
                    p.add("EvidenceURLs", "'" + u + "' is not an https URL", "https", u);
                }
                urls.add(u);
            }
            if (!p.isEmpty()) {
                lane.reject(file, r.line(), p);
                return;
            }
            LearningArtifact a = LearningArtifact.newBuilder().setArtifactId(id).setKind(kind).setTitle(title)
                    .setDescription(get(r, cDescription)).setIssuerName(issuer).setIssuerId(get(r, cIssuerId))
                    .setIssuedOn(issued).setExpiresOn(expires).addAllEvidenceUrls(urls)
                    .setCredential(get(r, cCredential)).build();
            emit(lane, file, r.line(), EntryKind.ARTIFACT, ssid, StudentRecord.newBuilder().addLearningArtifacts(a));
        }
    }

    /** A letter A-Z and three digits 0-9, like E230 (the shape of a CALPADS exit code). */
    static boolean exitCodeShape(String code) {
        if (code.length() != 4) {
            return false;
        }
        char c = code.charAt(0);
        if (c < 'A' || c > 'Z') {
            return false;
        }
        for (int i = 1; i < 4; i++) {
            char d = code.charAt(i);
            if (d < '0' || d > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean inAcademicYear(String isoDate, int year) {
        String from = year + "-07-01";
        String to = (year + 1) + "-06-30";
        return isoDate.compareTo(from) >= 0 && isoDate.compareTo(to) <= 0;
    }
}
