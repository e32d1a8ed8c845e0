package org.baton.node.synth;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Writes the students of one district: their rows in every CALPADS-style file, and college transcripts. */
final class StudentWriter implements Closeable {

    private static final int LAST = Generator.LAST_YEAR;

    /** One semester grade to write. */
    private static final class Row {
        Catalog.Course course;
        Catalog.CollegeCourse college;
        Generator.School school;
        int year;
        String term;
        int grade;
        String section;
        int segment;
        String letter;
        boolean onList;
        boolean forceAg;
        long line;
    }

    private enum ErrorKind { BAD_SSID_CHECK, AG_NOT_ON_LIST, GPA_MISMATCH, DUPLICATE_STUDENT }

    private final Generator g;
    private final Generator.District district;
    private final CsvOut errors;
    private final CsvOut sinf;
    private final CsvOut sprg;
    private final CsvOut senr;
    private final CsvOut scsc;
    private final CsvOut gpa;
    private final CsvOut faid;
    private final CsvOut capp;
    private final CsvOut awrd;
    private final CsvOut bdge;
    private final List<CsvOut> all = new ArrayList<>();
    private long transcripts;
    private boolean closed;

    // Per-student state.
    private SplittableRandom r;
    private double ability;
    private final List<Row> rows = new ArrayList<>();
    private final java.util.Set<String> thisYear = new java.util.HashSet<>();

    StudentWriter(Generator generator, Generator.District district, CsvOut errors) throws IOException {
        this.g = generator;
        this.district = district;
        this.errors = errors;
        var dir = district.dir();
        sinf = open(new CsvOut(dir.resolve("SINF.csv"), "AcademicYearID,ReportingLEA,SchoolOfAttendance,SSID,"
                + "LocalStudentID,StudentLegalFirstName,StudentLegalMiddleName,StudentLegalLastName,"
                + "StudentLegalNameSuffix,StudentBirthDate,StudentGenderCode,HispanicEthnicityIndicator,Race1Code,"
                + "Race2Code,PrimaryLanguageCode,EnglishLanguageAcquisitionStatusCode,"
                + "SocioeconomicallyDisadvantagedIndicator,DisabilityIndicator,GradeLevelCode,CohortYear,"
                + "CalGrantGpaOptOut,Residency"));
        sprg = open(new CsvOut(dir.resolve("SPRG.csv"), "SSID,LocalStudentID,EducationProgramCode,"
                + "EducationProgramMembershipStartDate,EducationProgramMembershipEndDate,VerificationSource"));
        senr = open(new CsvOut(dir.resolve("SENR.csv"), "AcademicYearID,SSID,LocalStudentID,SchoolOfAttendance,"
                + "EnrollmentStartDate,EnrollmentExitDate,StudentExitReasonCode,GradeLevelCode"));
        scsc = open(new CsvOut(dir.resolve("SCSC.csv"), "AcademicYearID,SchoolOfAttendance,SSID,LocalStudentID,"
                + "LocalCourseID,CourseSectionID,StateCourseCode,CourseName,AcademicTermCode,GradeLevelCode,"
                + "CreditsAttempted,CreditsEarned,Grade,AGArea,Honors,Discipline,SequenceLevel,CourseCategory,"
                + "CourseSegment,CompletionDate,CollegeID,CollegeUnits,CollegeUnitSystem,UCTransferable,"
                + "CSUTransferable"));
        gpa = open(new CsvOut(dir.resolve("GPA.csv"), "SSID,LocalStudentID,GpaType,GPA,AsOfDate"));
        faid = open(new CsvOut(dir.resolve("FAID.csv"),
                "SSID,LocalStudentID,ApplicationKind,AwardYear,ApplicationStatus,StatusDate"));
        capp = open(new CsvOut(dir.resolve("CAPP.csv"), "SSID,LocalStudentID,System,Campus,EntryAcademicYear,"
                + "EntryTerm,ApplicationStatus,StatusDate,TAG"));
        awrd = open(new CsvOut(dir.resolve("AWRD.csv"),
                "SSID,LocalStudentID,AwardKind,AwardTitle,ConferredDate,InstitutionID,ProgramCode"));
        bdge = open(new CsvOut(dir.resolve("BDGE.csv"), "SSID,LocalStudentID,ArtifactID,ArtifactKind,Title,"
                + "Description,IssuerName,IssuerID,IssuedDate,ExpiresDate,EvidenceURLs"));
    }

    private CsvOut open(CsvOut out) {
        all.add(out);
        return out;
    }

    long courseRows() {
        return scsc.rows();
    }

    long rows() {
        long n = 0;
        for (CsvOut out : all) {
            n += out.rows();
        }
        return n;
    }

    long transcripts() {
        return transcripts;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        for (CsvOut out : all) {
            out.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    void student(int index) throws IOException {
        SynthOptions o = g.options();
        r = new SplittableRandom(Generator.seedFor(o.seed(), index));
        rows.clear();
        double pick = r.nextDouble();
        int grade = pick < 0.1 ? 7 : pick < 0.2 ? 8 : 9 + (int) ((pick - 0.2) / 0.2);
        grade = Math.min(grade, 12);
        ability = Math.max(-2.5, Math.min(2.5, r.nextGaussian()));
        boolean female = r.nextBoolean();
        String gender = r.nextDouble() < 0.01 ? "X" : female ? "F" : "M";
        String first = Names.pick(female ? Names.FEMALE : Names.MALE, r);
        String middle = r.nextDouble() < 0.4 ? Names.pick(female ? Names.FEMALE : Names.MALE, r) : "";
        String last = Names.pick(Names.LAST, r);
        if (r.nextDouble() < 0.12) {
            last = last + "-" + Names.pick(Names.LAST, r);
        }
        String suffix = !female && r.nextDouble() < 0.02 ? "Jr" : "";
        // Born so that the student is in `grade` in the last academic year (kindergarten at 5 by September 1).
        int birthYear = LAST - grade - 6;
        int dayOfYear = r.nextInt(365);
        String birth = java.time.LocalDate.of(birthYear, 9, 2).plusDays(dayOfYear).toString();

        // Demographics, roughly California's public-school shares.
        double eth = r.nextDouble();
        String hispanic;
        String race1;
        String race2 = "";
        if (eth < 0.56) {
            hispanic = "Y";
            race1 = r.nextDouble() < 0.7 ? "700" : "";
        } else {
            hispanic = "N";
            double x = r.nextDouble();
            race1 = x < 0.48 ? "700" : x < 0.7 ? new String[] {"201", "202", "203", "204", "205", "299"}[r.nextInt(6)]
                    : x < 0.82 ? "600" : x < 0.88 ? "400" : x < 0.91 ? "100" : x < 0.93 ? "301" : "700";
            if (x >= 0.93) {
                race2 = "600";
            }
        }
        String language;
        String english;
        double lang = r.nextDouble();
        if ("Y".equals(hispanic) && lang < 0.6) {
            language = "01";
            double e = r.nextDouble();
            english = e < 0.35 ? "EL" : e < 0.75 ? "RFEP" : e < 0.85 ? "IFEP" : "TBD";
            if ("TBD".equals(english) && grade > 7) {
                english = "RFEP";
            }
        } else if (!"Y".equals(hispanic) && lang < 0.2) {
            language = new String[] {"02", "03", "04", "05", "07", "12"}[r.nextInt(6)];
            double e = r.nextDouble();
            english = e < 0.3 ? "EL" : e < 0.7 ? "RFEP" : "IFEP";
        } else {
            language = "00";
            english = "EO";
        }
        boolean sed = r.nextDouble() < ("Y".equals(hispanic) ? 0.75 : 0.4);
        boolean disability = r.nextDouble() < 0.13;
        boolean undocumented = r.nextDouble() < 0.04;
        String residency = undocumented ? "AB540" : r.nextDouble() < 0.002 ? "NON_RESIDENT" : "CALIFORNIA_RESIDENT";
        boolean optOut = grade >= 11 && r.nextDouble() < 0.02;

        Generator.School middle7 = district.middles().get(r.nextInt(district.middles().size()));
        Generator.School high = district.highs().get(r.nextInt(district.highs().size()));
        Generator.School current = grade <= 8 ? middle7 : high;

        String local = String.valueOf(1_000_000 + index);
        String ssid = Generator.ssid(index, o.seed());

        ErrorKind error = null;
        if (r.nextDouble() < o.errorRate()) {
            error = ErrorKind.values()[r.nextInt(ErrorKind.values().length)];
        }
        history(grade, middle7, high);
        if (error == ErrorKind.AG_NOT_ON_LIST && !corruptAgFlag()) {
            error = ErrorKind.BAD_SSID_CHECK;
        }
        if (error == ErrorKind.GPA_MISMATCH && grade < 10) {
            error = ErrorKind.BAD_SSID_CHECK;
        }
        if (error == ErrorKind.BAD_SSID_CHECK) {
            int check = ssid.charAt(9) - '0';
            ssid = ssid.substring(0, 9) + (char) ('0' + (check + 1 + r.nextInt(9)) % 10);
        }

        // SINF
        long sinfLine = sinf.nextLine();
        writeSinf(current, ssid, local, first, middle, last, suffix, birth, gender, hispanic, race1, race2, language,
                english, sed, disability, grade, residency, optOut);
        if (error == ErrorKind.BAD_SSID_CHECK) {
            error(ErrorKind.BAD_SSID_CHECK, "SINF.csv", sinfLine, ssid, local,
                    "SSID check digit does not match (Luhn)");
        }

        // SPRG: foster youth and CalFresh
        if (r.nextDouble() < 0.006) {
            sprg.f(ssid).f(local).f("FOSTER_YOUTH").f(Generator.date(LAST, 9, 2 + r.nextInt(20))).f("")
                    .f("county child welfare agency").end();
        }
        if (sed && r.nextDouble() < 0.14) {
            sprg.f(ssid).f(local).f("CALFRESH").f(Generator.date(LAST, 8, 1 + r.nextInt(28)))
                    .f(Generator.date(LAST + 1, 6, 30)).f("CALPADS direct certification").end();
        }

        // SENR: one enrollment per academic year
        boolean graduates = grade == 12 && r.nextDouble() < 0.88;
        int firstYear = LAST - (grade - 7);
        for (int gl = 7; gl <= grade; gl++) {
            int year = firstYear + (gl - 7);
            Generator.School school = gl <= 8 ? middle7 : high;
            senr.f(yearId(year)).f(ssid).f(local).f(school.cds())
                    .f(Generator.date(year, 8, 12 + (index % 5)));
            if (year < LAST) {
                senr.f(Generator.date(year + 1, 6, 3 + (index % 5))).f("E155");
            } else if (graduates) {
                senr.f(Generator.date(year + 1, 6, 5)).f("E230");
            } else {
                senr.f("").f("");
            }
            senr.f(twoDigits(gl)).end();
        }

        // SCSC
        for (Row row : rows) {
            row.line = scsc.nextLine();
            writeCourse(row, ssid, local);
        }
        if (error == ErrorKind.AG_NOT_ON_LIST) {
            for (Row row : rows) {
                if (row.forceAg) {
                    error(error, "SCSC.csv", row.line, ssid, local, row.course.id() + " " + row.year + " "
                            + row.term + " flagged a-g area G but is not on the a-g list of " + row.school.cds()
                            + " for " + row.year + "-" + (row.year + 1));
                }
            }
        }

        // GPA as the school reported it (from 10th grade on)
        if (grade >= 10) {
            int[] gpas = gpas();
            int unweighted = gpas[0];
            long gpaLine = gpa.nextLine();
            int stored = unweighted;
            if (error == ErrorKind.GPA_MISMATCH) {
                int delta = 250 + r.nextInt(400);
                stored = unweighted + (unweighted > 2000 ? -delta : delta);
            }
            gpa.f(ssid).f(local).f("CUMULATIVE_UNWEIGHTED").thousandths(stored)
                    .f(Generator.date(LAST + 1, 6, 10)).end();
            gpa.f(ssid).f(local).f("CUMULATIVE_WEIGHTED").thousandths(gpas[1])
                    .f(Generator.date(LAST + 1, 6, 10)).end();
            if (error == ErrorKind.GPA_MISMATCH) {
                error(error, "GPA.csv", gpaLine, ssid, local, "stored " + stored / 1000.0 + ", grades give "
                        + unweighted / 1000.0);
            }
        }

        // Seniors: FAFSA/CADAA, applications, diploma
        if (grade == 12) {
            seniorYear(ssid, local, undocumented, graduates);
        }

        // Badges
        if (grade >= 9 && r.nextDouble() < 0.05) {
            String[] b = Generator.badges()[r.nextInt(Generator.badges().length)];
            String issued = Generator.date(LAST - r.nextInt(grade - 8), 10, 1 + r.nextInt(28));
            bdge.f(ssid).f(local).f("urn:baton:synthetic:badge:" + index).f(b[0]).f(b[1])
                    .f("Earned by completing the " + b[1] + " program").f(b[2]).f(b[3]).f(issued)
                    .f(b[0].equals("CERTIFICATION") ? "" : "").f("https://badges.example.org/" + index).end();
        }

        if (error == ErrorKind.DUPLICATE_STUDENT) {
            duplicate(index, current, first, middle, last, suffix, birth, gender, hispanic, race1, race2, language,
                    english, sed, disability, grade, residency, optOut, sinfLine, local);
        }

        if (g.options().collegeTranscripts()) {
            collegeTranscript(index, ssid, first, middle, last, birth, gender);
        }
    }

    private void writeSinf(Generator.School current, String ssid, String local, String first, String middle,
            String last, String suffix, String birth, String gender, String hispanic, String race1, String race2,
            String language, String english, boolean sed, boolean disability, int grade, String residency,
            boolean optOut) throws IOException {
        sinf.f(LAST + "-" + (LAST + 1)).f(district.cds().substring(0, 7)).f(current.cds()).f(ssid).f(local)
                .f(first).f(middle).f(last).f(suffix).f(birth.replace("-", "")).f(gender).f(hispanic).f(race1)
                .f(race2).f(language).f(english).f(sed).f(disability).f(twoDigits(grade))
                .f(LAST + 1 + (12 - grade)).f(optOut).f(residency).end();
    }

    private void duplicate(int index, Generator.School current, String first, String middle, String last,
            String suffix, String birth, String gender, String hispanic, String race1, String race2, String language,
            String english, boolean sed, boolean disability, int grade, String residency, boolean optOut,
            long originalLine, String originalLocal) throws IOException {
        String ssid = Generator.ssid((long) g.options().students() + index, g.options().seed());
        String local = String.valueOf(9_000_000 + index);
        long line = sinf.nextLine();
        // The slips a second record of one person usually comes from, in turn; where a slip cannot be made (a name
        // too short, a day over 12) the copy is exact.
        String slip = "";
        String firstAgain = first;
        String lastAgain = last;
        String birthAgain = birth;
        switch (index % 4) {
            case 1 -> {
                int i = first.length() / 2 - 1;
                if (first.length() >= 4 && Character.isLetter(first.charAt(i))
                        && Character.isLetter(first.charAt(i + 1))
                        && Character.toLowerCase(first.charAt(i)) != Character.toLowerCase(first.charAt(i + 1))) {
                    firstAgain = first.substring(0, i) + first.charAt(i + 1) + first.charAt(i) + first.substring(i + 2);
                    slip = ", first name mistyped";
                }
            }
            case 2 -> {
                String second = Names.LAST[index % Names.LAST.length];
                if (!second.equals(last)) {
                    lastAgain = last + " " + second;
                    slip = ", second last name added";
                }
            }
            case 3 -> {
                java.time.LocalDate day = java.time.LocalDate.parse(birth);
                if (day.getDayOfMonth() <= 12 && day.getDayOfMonth() != day.getMonthValue()) {
                    birthAgain = java.time.LocalDate.of(day.getYear(), day.getDayOfMonth(), day.getMonthValue())
                            .toString();
                    slip = ", day and month of birth swapped";
                }
            }
            default -> {
                // an exact copy
            }
        }
        writeSinf(current, ssid, local, firstAgain, middle, lastAgain, suffix, birthAgain, gender, hispanic, race1,
                race2, language, english, sed, disability, grade, residency, optOut);
        senr.f(LAST + "-" + (LAST + 1)).f(ssid).f(local).f(current.cds()).f(Generator.date(LAST, 8, 20)).f("")
                .f("").f(twoDigits(grade)).end();
        int copied = 0;
        for (Row row : rows) {
            if (row.year == LAST && row.college == null && copied < 4) {
                writeCourse(row, ssid, local);
                copied++;
            }
        }
        error(ErrorKind.DUPLICATE_STUDENT, "SINF.csv", line, ssid, local,
                "same person as SINF.csv:" + originalLine + " (local id " + originalLocal + ")" + slip);
    }

    private void error(ErrorKind kind, String file, long line, String ssid, String local, String detail)
            throws IOException {
        errors.f(kind.name()).f(district.cds()).f(file).f(Long.toString(line)).f(ssid).f(local).f(detail).end();
    }

    // ---- course history ----

    private void history(int grade, Generator.School middle, Generator.School high) {
        int firstYear = LAST - (grade - 7);
        boolean advanced = r.nextDouble() < 0.2 + 0.1 * ability;
        boolean validationCase = r.nextDouble() < 0.03;
        String mathNext = null;
        String lang = null;
        int langLevel = 0;
        boolean vpa = false;
        for (int gl = 7; gl <= grade; gl++) {
            int year = firstYear + (gl - 7);
            thisYear.clear();
            if (gl == 7) {
                yearlong(Catalog.course("MA0701"), middle, year, gl, 0);
                continue;
            }
            if (gl == 8) {
                if (advanced) {
                    mathNext = math("MA1001", middle, year, gl, validationCase);
                } else {
                    yearlong(Catalog.course("MA0801"), middle, year, gl, 0);
                    mathNext = "MA1001";
                }
                if (r.nextDouble() < 0.35) {
                    String[] res = yearlong(Catalog.course("SP0801"), middle, year, gl, -0.1);
                    if (!failed(res)) {
                        lang = "SP";
                        langLevel = 1;
                    }
                }
                continue;
            }
            int slots = r.nextDouble() < 0.15 ? 8 : 7;
            // English
            String english = switch (gl) {
                case 9 -> pickHonors(high, "EN1101", 0.9, "EN1001");
                case 10 -> "EN2001";
                case 11 -> pickHonors(high, "EN3101", 0.8, "EN3001");
                default -> ability > 0.8 && high.offered().contains("EN4101") ? "EN4101"
                        : r.nextBoolean() ? "EN4001" : "EN4002";
            };
            yearlong(Catalog.course(english), high, year, gl, Catalog.course(english).honors() ? -0.35 : 0);
            slots--;
            // Mathematics, in sequence
            if (mathNext != null) {
                mathNext = math(mathNext, high, year, gl, validationCase);
                slots--;
            }
            // Science
            String science = switch (gl) {
                case 9 -> r.nextDouble() < 0.3 ? "SC1501" : pickHonors(high, "SC1101", 0.9, "SC1001");
                case 10 -> r.nextDouble() < 0.8 ? "SC2001" : "SC1001";
                case 11 -> ability > 1.0 && r.nextBoolean() ? pickHonors(high, "SC3101", -9, "SC3001")
                        : r.nextDouble() < 0.55 ? "SC3001" : null;
                default -> ability > 0.3 && r.nextDouble() < 0.3 && high.offered().contains("SC4001") ? "SC4001"
                        : null;
            };
            if (science != null) {
                yearlong(Catalog.course(science), high, year, gl, Catalog.course(science).honors() ? -0.35 : -0.1);
                slots--;
            }
            // History / social science
            if (gl == 10) {
                String h = pickHonors(high, "HI1101", 1.0, "HI1001");
                yearlong(Catalog.course(h), high, year, gl, Catalog.course(h).honors() ? -0.35 : 0);
                slots--;
            } else if (gl == 11) {
                String h = pickHonors(high, "HI2101", 0.9, "HI2001");
                yearlong(Catalog.course(h), high, year, gl, Catalog.course(h).honors() ? -0.35 : 0);
                slots--;
            } else if (gl == 12) {
                semester(Catalog.course("HI3001"), high, year, gl, "S1", 0);
                semester(Catalog.course("HI3002"), high, year, gl, "S2", 0);
                slots--;
            }
            // Language other than English
            if (lang == null && gl <= 10 && r.nextDouble() < 0.65) {
                double x = r.nextDouble();
                lang = x < 0.15 && high.offered().contains("FR1001") ? "FR"
                        : x < 0.3 && high.offered().contains("CH1001") ? "CH" : "SP";
                langLevel = 0;
            }
            if (lang != null && langLevel < 3 && (langLevel < 2 || r.nextDouble() < 0.6)) {
                String id = lang + (langLevel + 1) + "001";
                String[] res = yearlong(Catalog.course(id), high, year, gl, -0.1);
                if (failed(res)) {
                    summerRepeat(Catalog.course(id), high, year, gl, res);
                } else {
                    langLevel++;
                }
                slots--;
            } else if ("SP".equals(lang) && langLevel == 3 && ability > 0.5 && r.nextDouble() < 0.4
                    && high.offered().contains("SP4001")) {
                yearlong(Catalog.course("SP4001"), high, year, gl, -0.3);
                langLevel = 4;
                slots--;
            }
            // Visual and performing arts
            if (!vpa && (gl == 9 || gl == 10) && r.nextDouble() < 0.6 || !vpa && gl == 11) {
                yearlong(Catalog.course(r.nextBoolean() ? "AR1001" : "MU1001"), high, year, gl, 0.3);
                vpa = true;
                slots--;
            }
            // Physical education, health, intervention
            if (gl == 9 || gl == 10) {
                String pe = gl == 9 && high.offered().contains("RO1001") && r.nextDouble() < 0.06 ? "RO1001"
                        : gl == 9 ? "PE1001" : "PE2001";
                yearlong(Catalog.course(pe), high, year, gl, 0.6);
                slots--;
            }
            if (gl == 9) {
                semester(Catalog.course("HE1001"), high, year, gl, "S1", 0.4);
                semester(Catalog.course("EL1004"), high, year, gl, "S2", 0.1);
                slots--;
                if (ability < -1.3) {
                    yearlong(Catalog.course("RE1001"), high, year, gl, 0.3);
                    slots--;
                }
            }
            // Electives fill the day
            while (slots > 0) {
                elective(high, year, gl);
                slots--;
            }
            // Dual enrollment at the community college
            if (gl >= 11 && ability > -0.5 && r.nextDouble() < 0.12) {
                college(high, year, gl);
            }
        }
    }

    private String pickHonors(Generator.School school, String honors, double threshold, String regular) {
        return ability > threshold && school.offered().contains(honors) ? honors : regular;
    }

    /** Takes a math course; returns the next course in sequence (or the same course to retake, or null when done). */
    private String math(String id, Generator.School school, int year, int gl, boolean validationCase) {
        Catalog.Course c = Catalog.course(id);
        String[] res = yearlong(c, school, year, gl, c.honors() ? -0.45 : -0.15);
        if (validationCase && id.equals("MA1001")) {
            // The classic validation case: a D in Algebra I, no repeat, then C or better in Algebra II.
            res[0] = "D";
            rows.get(rows.size() - 2).letter = "D";
            return "MA1501";
        }
        if (validationCase && (id.equals("MA2001") || id.equals("MA2101"))) {
            for (int i = 1; i <= 2; i++) {
                Row row = rows.get(rows.size() - i);
                if (points(row.letter) < 2) {
                    row.letter = "C";
                }
            }
            return next(id);
        }
        if (failed(res)) {
            if (r.nextBoolean()) {
                summerRepeat(c, school, year, gl, res);
            } else if ("F".equals(res[0]) && "F".equals(res[1]) && r.nextDouble() < 0.6) {
                return id;
            }
        }
        return next(id);
    }

    private String next(String id) {
        return switch (id) {
            case "MA1001" -> "MA1501";
            case "MA1501" -> ability > 0.8 && r.nextBoolean() ? "MA2101" : "MA2001";
            case "MA2001", "MA2101" -> r.nextDouble() < 0.75 ? "MA3001" : (r.nextBoolean() ? "MA4201" : null);
            case "MA3001" -> ability > 0.3 ? (r.nextBoolean() ? "MA4001" : "MA4101") : (r.nextBoolean() ? "MA4201"
                    : null);
            default -> null;
        };
    }

    private void elective(Generator.School school, int year, int gl) {
        for (int attempt = 0; attempt < 10; attempt++) {
            double x = r.nextDouble();
            String id = x < 0.15 ? "EL1002" : x < 0.25 ? "EL1003" : x < 0.35 ? "YB1001" : x < 0.45 ? "AR2001"
                    : x < 0.55 ? "MU2001" : x < 0.62 ? "TH1001" : x < 0.68 ? "DA1001" : x < 0.78 ? "EL1001"
                    : x < 0.86 ? "TA1001" : x < 0.93 ? "WE1001" : "RO1001";
            Catalog.Course c = Catalog.course(id);
            if (!school.offered().contains(id) || thisYear.contains(id)) {
                continue;
            }
            if (id.equals("TA1001") && gl < 12 || id.equals("EL1001") && gl < 11 || id.equals("WE1001") && gl < 11) {
                continue;
            }
            if (c.yearlong()) {
                yearlong(c, school, year, gl, 0.3);
            } else {
                semester(c, school, year, gl, "S1", 0.3);
                semester(c, school, year, gl, "S2", 0.3);
            }
            return;
        }
        // Nothing else fits: a study period, which has no grade.
    }

    private void college(Generator.School school, int year, int gl) {
        Catalog.CollegeCourse c = Catalog.COLLEGE_COURSES.get(r.nextInt(Catalog.COLLEGE_COURSES.size()));
        Row row = new Row();
        row.college = c;
        row.school = school;
        row.year = year;
        row.term = r.nextBoolean() ? "S1" : "S2";
        row.grade = gl;
        row.section = "";
        row.segment = 0;
        row.letter = letter(-0.1);
        row.onList = true;
        rows.add(row);
    }

    private String[] yearlong(Catalog.Course c, Generator.School school, int year, int gl, double bias) {
        return new String[] {add(c, school, year, gl, "S1", 1, bias), add(c, school, year, gl, "S2", 2, bias)};
    }

    private String semester(Catalog.Course c, Generator.School school, int year, int gl, String term, double bias) {
        return add(c, school, year, gl, term, 0, bias);
    }

    private void summerRepeat(Catalog.Course c, Generator.School school, int year, int gl, String[] res) {
        for (int i = 0; i < 2; i++) {
            if ("F".equals(res[i]) || "D".equals(res[i]) && r.nextBoolean()) {
                Row row = newRow(c, school, year, gl, "SU", i + 1, 0.6);
                row.section = "SU" + (i + 1);
                rows.add(row);
            }
        }
    }

    private String add(Catalog.Course c, Generator.School school, int year, int gl, String term, int segment,
            double bias) {
        Row row = newRow(c, school, year, gl, term, segment, bias);
        rows.add(row);
        thisYear.add(c.id());
        return row.letter;
    }

    private Row newRow(Catalog.Course c, Generator.School school, int year, int gl, String term, int segment,
            double bias) {
        Row row = new Row();
        row.course = c;
        row.school = school;
        row.year = year;
        row.term = term;
        row.grade = gl;
        row.section = "0" + (1 + Math.floorMod(c.id().hashCode() + year, 7));
        row.segment = segment;
        row.letter = c.id().equals("TA1001") ? (r.nextDouble() < 0.96 ? "P" : "NP") : letter(bias);
        row.onList = Generator.onList(school, c, year);
        return row;
    }

    private boolean corruptAgFlag() {
        List<Row> candidates = new ArrayList<>();
        for (Row row : rows) {
            if (row.course != null && row.school.high() && !row.onList) {
                candidates.add(row);
            }
        }
        if (candidates.isEmpty()) {
            return false;
        }
        candidates.get(r.nextInt(candidates.size())).forceAg = true;
        return true;
    }

    private String letter(double bias) {
        double score = 2.85 + 0.8 * ability + bias + 0.55 * r.nextGaussian();
        if (r.nextDouble() < 0.03) {
            score -= 1.5;
        }
        if (score >= 4.15) {
            return "A+";
        } else if (score >= 3.85) {
            return "A";
        } else if (score >= 3.5) {
            return "A-";
        } else if (score >= 3.2) {
            return "B+";
        } else if (score >= 2.85) {
            return "B";
        } else if (score >= 2.5) {
            return "B-";
        } else if (score >= 2.2) {
            return "C+";
        } else if (score >= 1.85) {
            return "C";
        } else if (score >= 1.5) {
            return "C-";
        } else if (score >= 1.2) {
            return "D+";
        } else if (score >= 0.85) {
            return "D";
        } else if (score >= 0.5) {
            return "D-";
        }
        return "F";
    }

    private static boolean failed(String[] res) {
        return points(res[0]) < 1 || points(res[1]) < 1 || res[0].startsWith("D") || res[1].startsWith("D");
    }

    /** Grade points on the 4-point scale (+/- ignored); -1 for non-letter grades. */
    static int points(String letter) {
        return switch (letter.charAt(0)) {
            case 'A' -> 4;
            case 'B' -> 3;
            case 'C' -> 2;
            case 'D' -> 1;
            case 'F' -> 0;
            default -> -1;
        };
    }

    private void writeCourse(Row row, String ssid, String local) throws IOException {
        boolean pass = !"F".equals(row.letter) && !"NP".equals(row.letter);
        scsc.f(yearId(row.year)).f(row.school.cds()).f(ssid).f(local);
        if (row.college != null) {
            Catalog.CollegeCourse c = row.college;
            // The college's own course number, as its transcript names the course.
            scsc.f(c.subject() + " " + c.number()).f(row.section).f("").f(c.title()).f(row.term)
                    .f(twoDigits(row.grade)).f(5).f(pass ? 5 : 0).f(row.letter).f(String.valueOf(c.area()))
                    .f(false).f("").f(c.area() == 'C' ? 4 : 0).f("ACADEMIC").f(0)
                    .f(completion(row)).f(g.collegeId()).hundredths(c.units()).f("SEMESTER").f(true).f(true).end();
            return;
        }
        Catalog.Course c = row.course;
        char area = row.forceAg ? 'G' : row.onList ? c.area() : 'N';
        int credits = 5;
        scsc.f(c.id()).f(row.section).f(c.stateCode()).f(c.title()).f(row.term).f(twoDigits(row.grade))
                .f(credits).f(pass ? credits : 0).f(row.letter).f(String.valueOf(area))
                .f(row.onList && c.honors()).f(c.discipline()).f(c.sequence()).f(c.category()).f(row.segment)
                .f(completion(row)).f("").f("").f("").f("").f("").end();
    }

    private static final String[] YEAR_IDS = new String[200];
    private static final String[][] COMPLETIONS = new String[200][3];

    static {
        for (int i = 0; i < YEAR_IDS.length; i++) {
            int year = 1950 + i;
            YEAR_IDS[i] = year + "-" + (year + 1);
            COMPLETIONS[i][0] = Generator.date(year, 12, 18);
            COMPLETIONS[i][1] = Generator.date(year + 1, 7, 30);
            COMPLETIONS[i][2] = Generator.date(year + 1, 6, 5);
        }
    }

    /** "2024-2025" for 2024. */
    private static String yearId(int year) {
        return YEAR_IDS[year - 1950];
    }

    private static String completion(Row row) {
        String[] c = COMPLETIONS[row.year - 1950];
        return switch (row.term) {
            case "S1" -> c[0];
            case "SU" -> c[1];
            default -> c[2];
        };
    }

    /** Cumulative unweighted and weighted GPA of the high-school letter grades, in thousandths (truncated). */
    private int[] gpas() {
        long points = 0;
        long weighted = 0;
        int count = 0;
        for (Row row : rows) {
            if (row.grade < 9) {
                continue;
            }
            int p = points(row.letter);
            if (p < 0) {
                continue;
            }
            points += p;
            boolean honors = row.college != null || row.onList && row.course.honors();
            weighted += p + (honors && p >= 2 ? 1 : 0);
            count++;
        }
        if (count == 0) {
            return new int[] {0, 0};
        }
        return new int[] {(int) (points * 1000 / count), (int) (weighted * 1000 / count)};
    }

    private void seniorYear(String ssid, String local, boolean undocumented, boolean graduates) throws IOException {
        // FAFSA or CADAA
        if (r.nextDouble() < 0.92) {
            double x = r.nextDouble();
            String status = x < 0.08 ? "NOT_STARTED" : x < 0.18 ? "STARTED" : x < 0.38 ? "SUBMITTED"
                    : x < 0.86 ? "PROCESSED" : x < 0.94 ? "ACTION_REQUIRED" : "OPTED_OUT";
            faid.f(ssid).f(local).f(undocumented ? "CADAA" : "FAFSA").f((LAST + 1) + "-" + ((LAST + 2) % 100))
                    .f(status).f(Generator.date(LAST + (x < 0.2 ? 0 : 1), x < 0.2 ? 11 : 2, 1 + r.nextInt(28)))
                    .end();
        }
        // College applications for fall of next year
        if (r.nextDouble() < 0.65) {
            int apps = 1 + r.nextInt(5);
            boolean intent = false;
            java.util.Set<String> applied = new java.util.HashSet<>();
            for (int i = 0; i < apps; i++) {
                double x = r.nextDouble();
                String system;
                String campus;
                if (x < 0.3) {
                    system = "UC";
                    campus = Generator.ucCampuses()[r.nextInt(Generator.ucCampuses().length)];
                } else if (x < 0.7) {
                    system = "CSU";
                    campus = Generator.csuCampuses()[r.nextInt(Generator.csuCampuses().length)];
                } else if (x < 0.9) {
                    system = "CCC";
                    campus = g.collegeId();
                } else if (x < 0.95) {
                    system = "PRIVATE_CA";
                    campus = Generator.privateColleges()[r.nextInt(Generator.privateColleges().length)];
                } else {
                    system = "OUT_OF_STATE";
                    campus = Generator.outOfState()[r.nextInt(Generator.outOfState().length)];
                }
                if (!applied.add(campus)) {
                    continue;
                }
                double s = r.nextDouble() + 0.15 * ability;
                String status = "CCC".equals(system) ? "ADMITTED" : s < 0.1 ? "SUBMITTED" : s < 0.4 ? "DENIED"
                        : s < 0.5 ? "WAITLISTED" : "ADMITTED";
                if ("ADMITTED".equals(status) && !intent && r.nextDouble() < 0.4) {
                    status = "INTENT_TO_REGISTER";
                    intent = true;
                }
                capp.f(ssid).f(local).f(system).f(campus).f((LAST + 1) + "-" + (LAST + 2)).f("FALL").f(status)
                        .f(Generator.date(LAST + 1, 3 + r.nextInt(3), 1 + r.nextInt(28))).f(false).end();
            }
        }
        if (graduates) {
            awrd.f(ssid).f(local).f("HIGH_SCHOOL_DIPLOMA").f("High School Diploma").f(Generator.date(LAST + 1, 6, 5))
                    .f(district.cds()).f("").end();
            if (r.nextDouble() < 0.1) {
                awrd.f(ssid).f(local).f("STATE_SEAL_OF_BILITERACY").f("State Seal of Biliteracy")
                        .f(Generator.date(LAST + 1, 6, 5)).f(district.cds()).f("").end();
            }
        }
    }

    private void collegeTranscript(int index, String ssid, String first, String middle, String last, String birth,
            String gender) throws IOException {
        List<Row> college = new ArrayList<>();
        for (Row row : rows) {
            if (row.college != null) {
                college.add(row);
            }
        }
        if (college.isEmpty()) {
            return;
        }
        String cccid = cccid(index);
        String xml = PescTranscripts.collegeTranscript(g.collegeId(), g.collegeName(), district.cds(),
                district.name(), cccid, ssid, first, middle, last, birth, gender, college.stream()
                        .map(row -> new PescTranscripts.Grade(row.college, row.year, row.term, row.letter))
                        .toList());
        Files.writeString(g.collegeDir().resolve(cccid + ".xml"), xml, StandardCharsets.UTF_8);
        transcripts++;
    }

    /** A CCCID-like id: three letters and four digits, unique per index. */
    static String cccid(int index) {
        int n = index;
        String digits = String.format(java.util.Locale.ROOT, "%04d", n % 10_000);
        n /= 10_000;
        char a = (char) ('A' + n % 26);
        n /= 26;
        char b = (char) ('A' + n % 26);
        n /= 26;
        char c = (char) ('A' + n % 26);
        return "" + c + b + a + digits;
    }

    private static final String[] TWO_DIGITS = {"00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10",
        "11", "12", "13"};

    private static String twoDigits(int n) {
        return TWO_DIGITS[n];
    }
}
