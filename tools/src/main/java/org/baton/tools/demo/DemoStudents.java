package org.baton.tools.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.baton.node.NodeApp;
import org.baton.node.config.NodeConfig;
import org.baton.node.importer.ImportFormat;
import org.baton.node.importer.ImportListener;
import org.baton.node.importer.ImportRequest;
import org.baton.node.importer.ImportSummary;
import org.baton.node.importer.Importer;
import org.baton.node.quality.DataQuality;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoredStudent;
import org.baton.node.student.Ssid;
import org.baton.node.student.StudentId;
import org.baton.node.synth.SynthOptions;
import org.baton.node.synth.SynthSummary;
import org.baton.node.synth.SyntheticData;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;
import org.baton.tools.quality.QualityCommand;

/**
 * The demo's students: a synthetic district and its community college ({@code baton synth} with the demo's
 * institution ids and a fixed seed), imported with the real importer into the district's and the college's stores
 * while their nodes are stopped, and the two students the scenario plays with, chosen from what was imported: a
 * senior of 18 or more with dual-enrollment courses at the college (the same SSID, name and birth date in both
 * stores) who did not opt out of the Cal Grant upload, and a minor whose guardian gets a demo sign-in.
 */
final class DemoStudents {

    /** Students generated: enough for a real Cal Grant batch, few enough that the set-up takes seconds. */
    static final int COUNT = 400;
    static final long SEED = 20_261_128L;
    /** Students with one deliberate data error, for the registrar's data-quality page to show. */
    static final double ERROR_RATE = 0.02;

    private static final String SENIOR_ID = "senior.studentId";
    private static final String SENIOR_SSID = "senior.ssid";
    private static final String SENIOR_COLLEGE_ID = "senior.collegeStudentId";
    private static final String SENIOR_COHORT = "senior.cohort";
    private static final String WARD_ID = "guardianWard.studentId";

    /**
     * The students the scenario plays with. Synthetic, but handled as personal data: never printed.
     *
     * @param senior the senior's id in the district's store
     * @param seniorSsid the senior's SSID (the UC campus finds what it received by it)
     * @param seniorAtCollege the senior's id in the college's store
     * @param cohort the senior's graduation year
     * @param ward a minor in the district, linked to the demo guardian
     */
    record Chosen(StudentId senior, Ssid seniorSsid, StudentId seniorAtCollege, int cohort, StudentId ward) {

        /** The academic year of the senior's last high-school year (first calendar year). */
        int seniorYear() {
            return cohort - 1;
        }

        void store(Properties properties) {
            properties.setProperty(SENIOR_ID, Long.toString(senior.value()));
            properties.setProperty(SENIOR_SSID, seniorSsid.value());
            properties.setProperty(SENIOR_COLLEGE_ID, Long.toString(seniorAtCollege.value()));
            properties.setProperty(SENIOR_COHORT, Integer.toString(cohort));
            properties.setProperty(WARD_ID, Long.toString(ward.value()));
        }

        static Chosen load(Properties properties, Path file) {
            try {
                return new Chosen(new StudentId(Long.parseLong(required(properties, SENIOR_ID, file))),
                        Ssid.of(required(properties, SENIOR_SSID, file)),
                        new StudentId(Long.parseLong(required(properties, SENIOR_COLLEGE_ID, file))),
                        Integer.parseInt(required(properties, SENIOR_COHORT, file)),
                        new StudentId(Long.parseLong(required(properties, WARD_ID, file))));
            } catch (IllegalArgumentException e) {
                throw new DemoException(file + " names the demo's students wrongly (" + e.getMessage()
                        + "); start afresh with --reset", e);
            }
        }

        private static String required(Properties properties, String key, Path file) {
            String value = properties.getProperty(key);
            if (value == null || value.isBlank()) {
                throw new DemoException(file + " has no " + key + "; start afresh with --reset");
            }
            return value.trim();
        }
    }

    /**
     * What was loaded.
     *
     * @param generated students generated
     * @param district the district's import
     * @param college the college's import
     * @param districtQuality what the data-quality rules found at the district after its import
     * @param collegeQuality what they found at the college
     * @param chosen the scenario's students
     */
    record Loaded(long generated, ImportSummary district, ImportSummary college,
            DataQuality.ScanReport districtQuality, DataQuality.ScanReport collegeQuality, Chosen chosen) {
    }

    /** An import and what the data-quality rules found after it. */
    private record Imported(ImportSummary summary, DataQuality.ScanReport quality) {
    }

    private DemoStudents() {
    }

    /**
     * Generates the synthetic data under {@code dataDir/synth}, imports it into the district's and the college's
     * stores (the nodes must be stopped) and chooses the scenario's students.
     *
     * @throws DemoException if the import rejects everything or no student fits the scenario
     */
    static Loaded load(Path dataDir, NodeConfig district, NodeConfig college, LocalDate today) {
        Path synthDir = dataDir.resolve("synth");
        SynthSummary synth = SyntheticData.generate(SynthOptions.of(COUNT, SEED, synthDir)
                .withErrorRate(ERROR_RATE)
                .withInstitutionIds(DemoInstitution.DISTRICT.id().value(), DemoInstitution.COLLEGE.id().value()));
        if (synth.districtDirs().size() != 1) {
            throw new DemoException("synthetic data has " + synth.districtDirs().size() + " districts, not 1");
        }
        Path work = dataDir.resolve("import-work");
        Imported districtImport = importInto(district, ImportFormat.CALPADS, synth.districtDirs().get(0),
                dataDir.resolve("logs/import-district.txt"), work);
        Imported collegeImport = importInto(college, ImportFormat.PESC, synth.collegeDir(),
                dataDir.resolve("logs/import-college.txt"), work);
        Chosen chosen = choose(district, college, today);
        return new Loaded(synth.students(), districtImport.summary(), collegeImport.summary(),
                districtImport.quality(), collegeImport.quality(), chosen);
    }

    private static Imported importInto(NodeConfig node, ImportFormat format, Path input, Path report,
            Path work) {
        try {
            Files.createDirectories(report.getParent());
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new DemoException("cannot create " + report.getParent() + " or " + work + ": " + e.getMessage(), e);
        }
        try (RecordStore store = NodeApp.openStore(node)) {
            ImportSummary summary = Importer.create(store, new ImportListener() { })
                    .run(ImportRequest.of(format, input, node.institution().id()).withReport(report).withWorkDir(work));
            if (summary.studentsWritten() == 0) {
                throw new DemoException("the import into " + node.institution().name() + " wrote no student; see "
                        + report);
            }
            // As `baton import` does: the data-quality rules over every student, for the registrar's page.
            return new Imported(summary, QualityCommand.check(node, store));
        }
    }

    /** Picks the senior (dual enrollment, 18 or more, not opted out) and a minor, in store id order. */
    private static Chosen choose(NodeConfig district, NodeConfig college, LocalDate today) {
        List<StoredStudent> seniors = new ArrayList<>();
        Optional<StudentId> ward = Optional.empty();
        try (RecordStore store = NodeApp.openStore(district); Stream<StoredStudent> all = store.students()) {
            for (StoredStudent stored : (Iterable<StoredStudent>) all::iterator) {
                Student student = stored.record().getStudent();
                Optional<Integer> age = age(student, today);
                if (student.getGradeLevel() == 12 && !student.getCalGrantGpaOptOut() && !student.getSsid().isEmpty()
                        && age.filter(years -> years >= 18).isPresent() && dualEnrollment(stored.record()) > 0) {
                    seniors.add(stored);
                } else if (ward.isEmpty() && student.getGradeLevel() >= 9 && student.getGradeLevel() <= 10
                        && age.filter(years -> years < 17).isPresent()) {
                    ward = Optional.of(stored.id());
                }
            }
        }
        if (ward.isEmpty()) {
            throw new DemoException("no minor in grade 9 or 10 among the synthetic students");
        }
        seniors.sort(Comparator.comparingInt((StoredStudent s) -> -dualEnrollment(s.record()))
                .thenComparingLong(s -> s.id().value()));
        try (RecordStore store = NodeApp.openStore(college)) {
            for (StoredStudent senior : seniors) {
                Student student = senior.record().getStudent();
                Optional<StoredStudent> atCollege = store.findBySsid(Ssid.of(student.getSsid()));
                if (atCollege.isPresent() && sameIdentity(student, atCollege.get().record().getStudent())
                        && atCollege.get().record().getCoursesList().stream().anyMatch(CourseRecord::hasCollege)) {
                    return new Chosen(senior.id(), Ssid.of(student.getSsid()), atCollege.get().id(),
                            student.getCohortYear(), ward.get());
                }
            }
        }
        throw new DemoException("no senior of 18 or more with dual-enrollment courses at "
                + DemoInstitution.COLLEGE.name() + " among the " + seniors.size() + " candidates");
    }

    private static int dualEnrollment(StudentRecord record) {
        return (int) record.getCoursesList().stream()
                .filter(course -> course.hasCollege() && course.getCollege().getDualEnrollment()).count();
    }

    private static boolean sameIdentity(Student district, Student college) {
        return district.getBirthDate().equals(college.getBirthDate())
                && district.getLegalName().getLast().equalsIgnoreCase(college.getLegalName().getLast())
                && district.getLegalName().getFirst().equalsIgnoreCase(college.getLegalName().getFirst());
    }

    private static Optional<Integer> age(Student student, LocalDate today) {
        try {
            return Optional.of(Period.between(LocalDate.parse(student.getBirthDate()), today).getYears());
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The identifying values of every synthetic student (SSIDs, names, birth dates as written in the district's
     * files), for the check that none reached the ledger.
     */
    static Set<String> identifiers(Path dataDir) {
        Set<String> values = new HashSet<>();
        try (Stream<Path> dirs = Files.list(dataDir.resolve("synth"))) {
            for (Path dir : dirs.filter(p -> p.getFileName().toString().startsWith("district-")).toList()) {
                List<String> lines = Files.readAllLines(dir.resolve("SINF.csv"), StandardCharsets.UTF_8);
                List<String> header = List.of(lines.get(0).split(",", -1));
                int ssid = header.indexOf("SSID");
                int first = header.indexOf("StudentLegalFirstName");
                int last = header.indexOf("StudentLegalLastName");
                int birth = header.indexOf("StudentBirthDate");
                if (ssid < 0 || first < 0 || last < 0 || birth < 0) {
                    throw new DemoException(dir.resolve("SINF.csv") + " lacks one of SSID, StudentLegalFirstName, "
                            + "StudentLegalLastName, StudentBirthDate: " + header);
                }
                for (String line : lines.subList(1, lines.size())) {
                    String[] fields = line.split(",", -1);
                    values.add(fields[ssid]);
                    values.add(fields[first] + " " + fields[last]);
                    if (fields[last].length() >= 6) {
                        values.add(fields[last]);
                    }
                    values.add(fields[birth]);
                    if (fields[birth].length() == 8) {
                        values.add(fields[birth].substring(0, 4) + "-" + fields[birth].substring(4, 6) + "-"
                                + fields[birth].substring(6));
                    }
                }
            }
        } catch (IOException e) {
            throw new DemoException("cannot read the synthetic students under " + dataDir.resolve("synth") + ": "
                    + e.getMessage(), e);
        }
        values.removeIf(String::isBlank);
        return values;
    }
}
