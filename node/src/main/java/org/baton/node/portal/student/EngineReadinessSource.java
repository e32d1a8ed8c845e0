package org.baton.node.portal.student;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.baton.node.readiness.AdmissionGpa;
import org.baton.node.readiness.AgCourseLists;
import org.baton.node.readiness.AgResult;
import org.baton.node.readiness.ReadinessEngine;
import org.baton.node.readiness.ReadinessInput;
import org.baton.node.readiness.TrailCode;
import org.baton.node.readiness.rules.AgSubject;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.AgArea;
import org.baton.proto.v1.ApplicationStatus;
import org.baton.proto.v1.CourseCategory;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.StudentRecord;
import org.baton.proto.v1.Term;
import org.baton.proto.v1.TermType;

/**
 * The readiness engine behind the portal's {@link ReadinessSource}: evaluates the student's local and received
 * records as of today and maps the engine's report (UC a-g areas, UC/CSU/Cal Grant GPAs, aid deadlines, transfer
 * progress) to what the pages show.
 */
final class EngineReadinessSource implements ReadinessSource {

    /** Application statuses that mean the application was submitted, whatever was decided since. */
    private static final Set<ApplicationStatus> SUBMITTED_APPLICATIONS = EnumSet.of(ApplicationStatus.APP_SUBMITTED,
            ApplicationStatus.APP_ADMITTED, ApplicationStatus.APP_DENIED, ApplicationStatus.APP_WAITLISTED,
            ApplicationStatus.APP_INTENT_TO_REGISTER, ApplicationStatus.APP_RESCINDED);

    private final ReadinessEngine engine;
    private final StudentDirectory students;
    private final AgCourseLists agLists;
    private final Clock clock;

    EngineReadinessSource(ReadinessEngine engine, StudentDirectory students, AgCourseLists agLists, Clock clock) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.students = Objects.requireNonNull(students, "students");
        this.agLists = Objects.requireNonNull(agLists, "agLists");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<ReadinessReport> report(StudentId student) {
        return input(student).map(in -> map(engine.evaluate(in)));
    }

    @Override
    public Optional<ReadinessReport> whatIf(StudentId student, List<PlannedCourse> planned) {
        return input(student).map(in -> map(engine.whatIf(in, courses(planned, in.asOf())).projected()));
    }

    private Optional<ReadinessInput> input(StudentId student) {
        return students.find(student).map(f -> {
            List<StudentRecord> records = new ArrayList<>();
            records.add(f.local());
            f.received().forEach(r -> records.add(r.record()));
            return new ReadinessInput(records, agLists, LocalDate.now(clock));
        });
    }

    static List<CourseRecord> courses(List<PlannedCourse> planned, LocalDate asOf) {
        List<CourseRecord> out = new ArrayList<>();
        int year = asOf.getMonthValue() >= 7 ? asOf.getYear() : asOf.getYear() - 1;
        for (int i = 0; i < planned.size(); i++) {
            PlannedCourse p = planned.get(i);
            for (int s = 1; s <= p.semesters(); s++) {
                out.add(CourseRecord.newBuilder().setRecordId("planned-" + i + "-" + s).setTitle(p.title())
                        .setLocalCourseId("PLANNED-" + i).setTerm(Term.newBuilder().setAcademicYear(year)
                                .setType(s == 1 ? TermType.FALL : TermType.SPRING))
                        .setGradeLevel(p.gradeLevel()).setLetterGrade(p.grade()).setHonors(p.honors())
                        .setAgArea(AgArea.forNumber(AgArea.AG_A_HISTORY_VALUE + (p.area() - 'a')))
                        .setCategory(CourseCategory.ACADEMIC).setCreditsAttempted(500).setCreditsEarned(500)
                        .setSegment(p.semesters() == 2 ? s : 0).build());
            }
        }
        return out;
    }

    static ReadinessReport map(org.baton.node.readiness.ReadinessReport r) {
        List<ReadinessReport.AreaStatus> areas = new ArrayList<>();
        List<String> offTrack = new ArrayList<>();
        for (AgSubject subject : AgSubject.values()) {
            AgResult.Area a = r.uc().areas().get(subject);
            if (a == null) {
                continue;
            }
            List<String> trail = new ArrayList<>();
            a.components().forEach(c -> trail.add((c.met() ? "✓ " : "✗ ") + c.label()));
            a.deficiencies().forEach(d -> trail.add(d.title() + " (" + d.grade() + ", " + d.term() + ")"
                    + d.clearedBy().map(by -> ": cleared by " + by).orElse(": not yet cleared")));
            // Courses the record flags for this area that the school's a-g list for that year does not hold.
            r.trail().stream()
                    .filter(e -> e.code() == TrailCode.AG_LIST_NOT_LISTED && e.args().size() == 5
                            && String.valueOf(e.args().get(4)).startsWith("area " + subject.letter()))
                    .forEach(e -> trail.add("✗ " + e.message()));
            ReadinessReport.AreaStatus.Status status = ReadinessReport.AreaStatus.Status.valueOf(a.status().name());
            areas.add(new ReadinessReport.AreaStatus(subject.letter().charAt(0), status, a.semestersCompleted(),
                    a.semestersRequired(), trail));
            if (status != ReadinessReport.AreaStatus.Status.MET && status != ReadinessReport.AreaStatus.Status.IN_PROGRESS) {
                offTrack.add(subject.letter() + ": " + subject.title() + " " + status.name().toLowerCase().replace('_', ' '));
            }
        }
        List<ReadinessReport.GpaFigure> gpas = new ArrayList<>();
        gpa(gpas, "UC capped weighted", r.ucGpa(), r.ucGpa().cappedWeighted());
        gpa(gpas, "UC unweighted", r.ucGpa(), r.ucGpa().unweighted());
        gpa(gpas, "CSU", r.csuGpa(), r.csuGpa().cappedWeighted());
        r.calGrantGpa().value().ifPresent(v -> gpas.add(new ReadinessReport.GpaFigure("Cal Grant", two(v), List.of(
                r.calGrantGpa().window(), r.calGrantGpa().grades() + " grades, " + r.calGrantGpa().gradePoints()
                        + " grade points, rounded to hundredths",
                "Cal Grant A needs " + two(r.calGrantGpa().awardA()) + ", B needs " + two(r.calGrantGpa().awardB())))));
        r.ucGpa().cappedWeighted().filter(v -> v.compareTo(r.ucGpa().minimum()) < 0)
                .ifPresent(v -> offTrack.add("UC GPA " + two(v) + " is below the minimum " + two(r.ucGpa().minimum())));
        List<ReadinessReport.Deadline> deadlines = r.aid().deadlines().stream().filter(d -> !d.passed())
                .map(d -> new ReadinessReport.Deadline(d.label(), d.due())).toList();
        Optional<ReadinessReport.TransferProgress> transfer = r.transfer().map(t -> {
            List<ReadinessReport.TransferProgress.Requirement> req = new ArrayList<>();
            req.add(new ReadinessReport.TransferProgress.Requirement("ADT: CSU-transferable units",
                    t.adt().units().compareTo(t.adt().unitsRequired()) >= 0,
                    t.adt().units().stripTrailingZeros().toPlainString() + " of "
                            + t.adt().unitsRequired().stripTrailingZeros().toPlainString()));
            req.add(new ReadinessReport.TransferProgress.Requirement("ADT: major units with C or better",
                    t.adt().majorUnits().compareTo(t.adt().majorUnitsRequired()) >= 0,
                    t.adt().majorUnits().stripTrailingZeros().toPlainString() + " of "
                            + t.adt().majorUnitsRequired().stripTrailingZeros().toPlainString()));
            req.add(new ReadinessReport.TransferProgress.Requirement("ADT: GE pattern certified",
                    t.adt().gePatternComplete(), String.join("; ", t.adt().missing())));
            req.add(new ReadinessReport.TransferProgress.Requirement("UC: transferable units and GPA",
                    t.uc().complete(), String.join("; ", t.uc().missing())));
            req.add(new ReadinessReport.TransferProgress.Requirement("UC: seven-course pattern",
                    t.uc().sevenCourseComplete(), t.ucSevenCourse().label()));
            if (!t.adt().complete()) {
                offTrack.addAll(t.adt().missing());
            }
            return new ReadinessReport.TransferProgress(t.program().orElse("Transfer"), req);
        });
        int submitted = (int) r.aid().applications().stream()
                .filter(a -> SUBMITTED_APPLICATIONS.contains(a.status())).count();
        return new ReadinessReport(areas, gpas, deadlines, transfer, offTrack, new ReadinessReport.Aid(
                ReadinessReport.AidConfirmation.valueOf(r.aid().edCode51225_7().name()), submitted));
    }


    private static void gpa(List<ReadinessReport.GpaFigure> out, String name, AdmissionGpa g,
                            Optional<BigDecimal> value) {
        value.ifPresent(v -> out.add(new ReadinessReport.GpaFigure(name, two(v), List.of(g.window(),
                g.grades() + " grades, " + g.gradePoints() + " grade points",
                "honors points counted " + g.honorsCounted() + " of " + g.honorsEarned() + " earned",
                "minimum " + two(g.minimum()) + "; not rounded (UC reports truncated)"))));
    }

    private static String two(BigDecimal v) {
        return v.setScale(2, RoundingMode.DOWN).toPlainString();
    }
}
