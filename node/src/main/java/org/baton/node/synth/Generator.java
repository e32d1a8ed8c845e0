package org.baton.node.synth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes one synthetic data set. Every student is drawn from its own random stream (seeded from the options'
 * seed and the student's index), so output is deterministic and independent of anything but the options.
 */
final class Generator {

    /** The last academic year of the data: 2025 means 2025-26; the data is as of the end of June 2026. */
    static final int LAST_YEAR = 2025;

    private static final String[] COUNTIES = {"19", "30", "37", "33", "36", "01", "43", "34", "10", "15"};
    private static final String[] COUNTY_NAMES = {"Los Angeles", "Orange", "San Diego", "Riverside",
        "San Bernardino", "Alameda", "Santa Clara", "Sacramento", "Fresno", "Kern"};
    private static final String[] PLACES = {"Valley", "Harbor", "Mesa", "Sierra", "Coast", "Canyon", "Vista",
        "Oak", "Pacific", "Mission", "Golden", "Summit", "Redwood", "Palm", "Bay", "Ridge", "Lakeside", "Cypress"};
    private static final String[] UC = {"110662", "110635", "110653", "110644", "110680", "110705", "110714",
        "110671", "445188"};
    private static final String[] CSU = {"110592", "110608", "110583", "122409", "122755", "110422", "110529",
        "110565", "110547"};
    private static final String[] PRIVATE = {"Stanford University", "University of Southern California",
        "Loyola Marymount University", "Pepperdine University", "Santa Clara University"};
    private static final String[] OUT_OF_STATE = {"University of Washington", "Arizona State University",
        "University of Oregon", "New York University", "University of Texas at Austin"};
    private static final String[][] BADGES = {
        {"BADGE", "CPR and First Aid", "American Red Cross", "https://www.redcross.org"},
        {"BADGE", "Digital Citizenship", "Common Sense Education", "https://www.commonsense.org"},
        {"COMPETENCY_CREDENTIAL", "Career Readiness: Collaboration", "Synthetic Career Pathways", ""},
        {"CERTIFICATION", "Microsoft Office Specialist: Word", "Microsoft", "https://www.microsoft.com"},
        {"BADGE", "Robotics Team Member", "FIRST Robotics", "https://www.firstinspires.org"}};

    record School(String cds, String name, boolean high, Set<String> offered) {
    }

    record District(String cds, String name, String county, List<School> highs, List<School> middles, Path dir) {
    }

    private final SynthOptions o;
    private final List<District> districts = new ArrayList<>();
    private final String collegeId;
    private final String collegeName;
    private final Path collegeDir;
    private long courseRows;
    private long rows;
    private long errors;
    private long transcripts;

    Generator(SynthOptions options) {
        this.o = options;
        SplittableRandom r = new SplittableRandom(options.seed());
        String generatedCollege = String.valueOf(100000 + r.nextInt(900000));
        this.collegeId = options.collegeId().isEmpty() ? generatedCollege : options.collegeId();
        this.collegeName = PLACES[r.nextInt(PLACES.length)] + " Community College";
        this.collegeDir = options.out().resolve("college-" + collegeId);
        Set<String> usedDistricts = new HashSet<>();
        for (int d = 0; d < options.districts(); d++) {
            int ci = r.nextInt(COUNTIES.length);
            String code;
            do {
                code = COUNTIES[ci] + String.valueOf(60000 + r.nextInt(40000));
            } while (!usedDistricts.add(code));
            if (d == 0 && !options.firstDistrictId().isEmpty()) {
                // The draws above still happen, so the rest of the data set is the same as without a fixed id.
                code = options.firstDistrictId().substring(0, 7);
                usedDistricts.add(code);
            }
            String name = PLACES[r.nextInt(PLACES.length)] + " Unified School District";
            int share = districtSize(d);
            int highCount = Math.max(1, (int) Math.round(share * 0.84 / 2500.0));
            int middleCount = Math.max(1, (int) Math.round(share * 0.16 / 900.0));
            List<School> highs = new ArrayList<>();
            Set<String> usedSchools = new HashSet<>();
            for (int h = 0; h < highCount; h++) {
                highs.add(new School(code + schoolCode(r, "19", usedSchools), PLACES[r.nextInt(PLACES.length)]
                        + " " + (h + 1) + " High School", true, offerings(r)));
            }
            List<School> middles = new ArrayList<>();
            for (int m = 0; m < middleCount; m++) {
                middles.add(new School(code + schoolCode(r, "60", usedSchools), PLACES[r.nextInt(PLACES.length)]
                        + " " + (m + 1) + " Middle School", false, Set.of()));
            }
            String cds = code + "0000000";
            districts.add(new District(cds, name, COUNTY_NAMES[ci], highs, middles,
                    options.out().resolve("district-" + cds)));
        }
    }

    private int districtSize(int d) {
        int n = o.students();
        int k = o.districts();
        return (int) ((long) n * (d + 1) / k - (long) n * d / k);
    }

    private static String schoolCode(SplittableRandom r, String prefix, Set<String> used) {
        String code;
        do {
            code = prefix + String.format(Locale.ROOT, "%05d", r.nextInt(100000));
        } while (!used.add(code));
        return code;
    }

    private static Set<String> offerings(SplittableRandom r) {
        Set<String> offered = new HashSet<>();
        for (Catalog.Course c : Catalog.COURSES) {
            double p = !c.optional() ? 1.0
                    : c.id().startsWith("FR") ? 0.45
                    : c.id().startsWith("CH") ? 0.3
                    : c.id().startsWith("RO") ? 0.3
                    : c.honors() ? 0.85
                    : 0.7;
            if (r.nextDouble() < p) {
                offered.add(c.id());
            }
        }
        // A language sequence is offered whole or not at all.
        for (String lang : new String[] {"FR", "CH"}) {
            if (!offered.contains(lang + "1001")) {
                offered.remove(lang + "2001");
                offered.remove(lang + "3001");
            } else {
                offered.add(lang + "2001");
                offered.add(lang + "3001");
            }
        }
        return offered;
    }

    /** Whether {@code course} is on the a-g list of {@code school} for {@code year}. */
    static boolean onList(School school, Catalog.Course course, int year) {
        if (!course.agCourse()) {
            return false;
        }
        if (!school.high()) {
            // Middle-school math and language courses count as 7th/8th-grade a-g courses.
            return course.area() == 'C' || course.area() == 'E';
        }
        if (!school.offered().contains(course.id())) {
            return false;
        }
        return !course.id().equals("EL1002") || year >= Catalog.CS_PRINCIPLES_APPROVED_FROM;
    }

    SynthSummary run() throws IOException {
        Instant started = Instant.now();
        Files.createDirectories(o.out());
        writeInstitutions();
        writeCatalog();
        writeAgLists();
        if (o.collegeTranscripts()) {
            Files.createDirectories(collegeDir);
        }
        long students = 0;
        List<Path> dirs = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        try (CsvOut errorsOut = new CsvOut(o.out().resolve("errors.csv"),
                "Kind,District,File,Line,SSID,LocalStudentID,Detail")) {
            int first = 0;
            for (int d = 0; d < districts.size(); d++) {
                District district = districts.get(d);
                Files.createDirectories(district.dir());
                int count = districtSize(d);
                try (StudentWriter w = new StudentWriter(this, district, errorsOut)) {
                    for (int i = first; i < first + count; i++) {
                        w.student(i);
                    }
                    courseRows += w.courseRows();
                    rows += w.rows();
                    transcripts += w.transcripts();
                }
                students += count;
                first += count;
                dirs.add(district.dir());
                ids.add(district.cds());
            }
            errors = errorsOut.rows();
        }
        Duration elapsed = Duration.between(started, Instant.now());
        writeReadme(students, elapsed);
        return new SynthSummary(students, courseRows, rows, errors, dirs, ids, collegeDir, collegeId, transcripts,
                elapsed);
    }

    SynthOptions options() {
        return o;
    }

    String collegeId() {
        return collegeId;
    }

    String collegeName() {
        return collegeName;
    }

    Path collegeDir() {
        return collegeDir;
    }

    private void writeInstitutions() throws IOException {
        try (CsvOut out = new CsvOut(o.out().resolve("institutions.csv"),
                "Kind,InstitutionID,Name,County,DistrictID")) {
            for (District d : districts) {
                out.f("DISTRICT").f(d.cds()).f(d.name()).f(d.county()).f("").end();
                for (School s : d.highs()) {
                    out.f("HIGH_SCHOOL").f(s.cds()).f(s.name()).f(d.county()).f(d.cds()).end();
                }
                for (School s : d.middles()) {
                    out.f("MIDDLE_SCHOOL").f(s.cds()).f(s.name()).f(d.county()).f(d.cds()).end();
                }
            }
            out.f("COMMUNITY_COLLEGE").f(collegeId).f(collegeName).f(COUNTY_NAMES[0]).f("").end();
        }
    }

    private void writeCatalog() throws IOException {
        try (CsvOut out = new CsvOut(o.out().resolve("catalog.csv"),
                "LocalCourseID,StateCourseCode,CourseName,AGArea,Honors,Discipline,SequenceLevel,CourseCategory,"
                        + "Yearlong")) {
            for (Catalog.Course c : Catalog.COURSES) {
                out.f(c.id()).f(c.stateCode()).f(c.title()).f(String.valueOf(c.area())).f(c.honors())
                        .f(c.discipline()).f(c.sequence()).f(c.category()).f(c.yearlong()).end();
            }
        }
        try (CsvOut out = new CsvOut(o.out().resolve("college-catalog.csv"),
                "CollegeID,CourseID,CourseName,Units,AGArea,CalGetcArea,UCTransferable,CSUTransferable")) {
            for (Catalog.CollegeCourse c : Catalog.COLLEGE_COURSES) {
                out.f(collegeId).f(c.id()).f(c.title()).hundredths(c.units()).f(String.valueOf(c.area()))
                        .f(c.geArea()).f(true).f(true).end();
            }
        }
    }

    /** One file per high school per academic year: the courses on its a-g list that year. */
    private void writeAgLists() throws IOException {
        Path dir = o.out().resolve("ag-lists");
        Files.createDirectories(dir);
        for (District d : districts) {
            for (School s : d.highs()) {
                for (int year = LAST_YEAR - 3; year <= LAST_YEAR; year++) {
                    String name = s.cds() + "_" + year + "-" + (year + 1) + ".csv";
                    try (CsvOut out = new CsvOut(dir.resolve(name),
                            "SchoolCode,AcademicYearID,LocalCourseID,StateCourseCode,CourseName,AGArea,Honors")) {
                        for (Catalog.Course c : Catalog.COURSES) {
                            if (onList(s, c, year)) {
                                out.f(s.cds()).f(year + "-" + (year + 1)).f(c.id()).f(c.stateCode()).f(c.title())
                                        .f(String.valueOf(c.area())).f(c.honors()).end();
                            }
                        }
                    }
                }
            }
        }
    }

    private void writeReadme(long students, Duration elapsed) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("Synthetic California student data written by `baton synth`. NOT REAL PEOPLE.\n\n");
        b.append("students ").append(students).append(", seed ").append(o.seed()).append(", error rate ")
                .append(o.errorRate()).append(", districts ").append(o.districts()).append('\n');
        b.append("course rows ").append(courseRows).append(", all rows ").append(rows)
                .append(", deliberate errors ").append(errors).append(", college transcripts ").append(transcripts)
                .append('\n');
        b.append("data as of June ").append(LAST_YEAR + 1).append(" (academic years up to ").append(LAST_YEAR)
                .append('-').append(LAST_YEAR + 1).append(")\n\n");
        b.append("district-<CDS>/     CALPADS-style extracts: baton import --format calpads --input <dir>\n");
        b.append("college-<IPEDS>/    PESC College Transcripts (v1.6.0) of dual-enrollment students:\n");
        b.append("                    baton import --format pesc --input <dir>\n");
        b.append("institutions.csv    districts, schools (CDS codes) and the community college (IPEDS id)\n");
        b.append("catalog.csv         the high-school course catalog; college-catalog.csv the college's\n");
        b.append("ag-lists/           each high school's a-g course list per academic year\n");
        b.append("errors.csv          every deliberate data error: kind, district, file, line, SSID, local id\n");
        b.append("                    kinds: BAD_SSID_CHECK (SSID fails its Luhn check digit), AG_NOT_ON_LIST\n");
        b.append("                    (a-g flag on a course not on that year's list), GPA_MISMATCH (stored GPA\n");
        b.append("                    does not match the grades), DUPLICATE_STUDENT (the same person again under\n");
        b.append("                    a second local id and SSID)\n\n");
        b.append("Synthetic SSIDs carry a Luhn check digit (a Baton convention for test data). State course\n");
        b.append("codes are illustrative, in CALPADS-like ranges. Generated in ").append(elapsed.toMillis())
                .append(" ms.\n");
        Files.writeString(o.out().resolve("README.txt"), b.toString(), StandardCharsets.UTF_8);
    }

    // ---- shared helpers for the student writer ----

    static String ssid(long index, long seed) {
        // A bijection of the index onto 9 digits (the multiplier is coprime with 10^9), then a Luhn check digit.
        long base = Math.floorMod(index * 387_420_489L + (seed % 1_000_000_000L), 1_000_000_000L);
        String nine = String.format(Locale.ROOT, "%09d", base);
        return nine + luhn(nine);
    }

    /** The Luhn check digit for {@code digits}. */
    static char luhn(String digits) {
        int sum = 0;
        boolean dbl = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    static String date(int year, int month, int day) {
        return LocalDate.of(year, month, day).toString();
    }

    static String[] ucCampuses() {
        return UC;
    }

    static String[] csuCampuses() {
        return CSU;
    }

    static String[] privateColleges() {
        return PRIVATE;
    }

    static String[] outOfState() {
        return OUT_OF_STATE;
    }

    static String[][] badges() {
        return BADGES;
    }

    static long seedFor(long seed, long index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
