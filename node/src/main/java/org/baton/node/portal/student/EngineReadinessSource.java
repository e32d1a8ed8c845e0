package org.baton.node.portal.student;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.baton.node.portal.i18n.Language;
import org.baton.node.portal.i18n.Messages;
import org.baton.node.portal.i18n.RuleTexts;
import org.baton.node.portal.student.ReadinessReport.GpaFigure;
import org.baton.node.readiness.AdmissionGpa;
import org.baton.node.readiness.AgCourseLists;
import org.baton.node.readiness.AgResult;
import org.baton.node.readiness.CalGrantGpa;
import org.baton.node.readiness.ReadinessEngine;
import org.baton.node.readiness.ReadinessInput;
import org.baton.node.readiness.TrailCode;
import org.baton.node.readiness.TransferProgress;
import org.baton.node.readiness.caseload.CaseloadRow;
import org.baton.node.readiness.caseload.Flag;
import org.baton.node.readiness.caseload.FlagKind;
import org.baton.node.readiness.rules.AgSubject;
import org.baton.node.readiness.rules.CounselingRules;
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

    /** A season's term as the engine writes it ("fall 2023"). */
    private static final Pattern SEASON = Pattern.compile("(fall|winter|spring|summer) (\\d{4})");

    /** A level of a per-discipline sequence, as the engine labels it: "language level 2 (SPANISH)". */
    private static final Pattern LEVEL = Pattern.compile("(.+) ([0-9]+) \\(([A-Za-z_ ()-]+)\\)");

    private final ReadinessEngine engine;
    private final CounselingRules counseling;
    private final StudentDirectory students;
    private final AgCourseLists agLists;
    private final Clock clock;

    EngineReadinessSource(ReadinessEngine engine, CounselingRules counseling, StudentDirectory students,
                          AgCourseLists agLists, Clock clock) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.counseling = Objects.requireNonNull(counseling, "counseling");
        this.students = Objects.requireNonNull(students, "students");
        this.agLists = Objects.requireNonNull(agLists, "agLists");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<ReadinessReport> report(StudentId student, Language language) {
        return input(student).map(in -> map(engine.evaluate(in), counseling, Messages.of(language)));
    }

    @Override
    public Optional<ReadinessReport> whatIf(StudentId student, List<PlannedCourse> planned, Language language) {
        return input(student).map(in -> map(engine.whatIf(in, courses(planned, in.asOf())).projected(),
                counseling, Messages.of(language)));
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

    /**
     * The engine's report as the pages show it, in the language of {@code m}: off track for what the counseling
     * rules flag, but a deadline that is near, which the page lists anyway.
     */
    static ReadinessReport map(org.baton.node.readiness.ReadinessReport r, CounselingRules counseling, Messages m) {
        Language language = m.language();
        List<ReadinessReport.AreaStatus> areas = new ArrayList<>();
        Set<String> offTrack = new LinkedHashSet<>();
        Set<FlagKind> concerns = EnumSet.noneOf(FlagKind.class);
        for (Flag flag : CaseloadRow.flags(r, counseling)) {
            if (flag.kind() != FlagKind.DEADLINE_NEAR) {
                offTrack.add(flag(flag, m));
                concerns.add(flag.kind());
            }
        }
        for (AgSubject subject : AgSubject.values()) {
            AgResult.Area a = r.uc().areas().get(subject);
            if (a == null) {
                continue;
            }
            List<String> trail = new ArrayList<>();
            a.components().forEach(c -> trail.add((c.met() ? "✓ " : "✗ ") + RuleTexts.in(language, c.label())));
            a.deficiencies().forEach(d -> trail.add(deficiency(d, m)));
            // Courses the record flags for this area that the school's a-g list for that year does not hold.
            r.trail().stream()
                    .filter(e -> e.code() == TrailCode.AG_LIST_NOT_LISTED && e.args().size() == 5
                            && String.valueOf(e.args().get(4)).startsWith("area " + subject.letter()))
                    .forEach(e -> trail.add("✗ " + m.t(String.valueOf(e.args().get(4)).endsWith(" honors")
                                    ? "readiness.notlisted.honors" : "readiness.notlisted", e.args().get(0),
                            e.args().get(1), e.args().get(2), e.args().get(3), subject.letter())));
            ReadinessReport.AreaStatus.Status status = ReadinessReport.AreaStatus.Status.valueOf(a.status().name());
            areas.add(new ReadinessReport.AreaStatus(subject.letter().charAt(0), status, a.semestersCompleted(),
                    a.semestersRequired(), trail));
        }
        List<ReadinessReport.GpaFigure> gpas = new ArrayList<>();
        gpa(gpas, GpaFigure.Kind.UC_CAPPED_WEIGHTED, r.ucGpa(), r.ucGpa().cappedWeighted(), m);
        gpa(gpas, GpaFigure.Kind.UC_UNWEIGHTED, r.ucGpa(), r.ucGpa().unweighted(), m);
        gpa(gpas, GpaFigure.Kind.CSU, r.csuGpa(), r.csuGpa().cappedWeighted(), m);
        CalGrantGpa calGrant = r.calGrantGpa();
        calGrant.value().ifPresent(v -> gpas.add(new GpaFigure(GpaFigure.Kind.CAL_GRANT,
                m.t("readiness.gpa." + GpaFigure.Kind.CAL_GRANT.name()), two(v), List.of(
                        RuleTexts.in(language, calGrant.window()),
                        m.t("readiness.calgrant.grades", calGrant.grades(), calGrant.gradePoints()),
                        m.t("readiness.calgrant.awards", two(calGrant.awardA()), two(calGrant.awardB()))))));
        List<ReadinessReport.Deadline> deadlines = r.aid().deadlines().stream().filter(d -> !d.passed())
                .map(d -> new ReadinessReport.Deadline(RuleTexts.in(language, d.label()), d.due())).toList();
        Optional<ReadinessReport.TransferProgress> transfer = r.transfer().map(t -> transfer(t, m));
        int submitted = (int) r.aid().applications().stream()
                .filter(a -> SUBMITTED_APPLICATIONS.contains(a.status())).count();
        return new ReadinessReport(areas, gpas, deadlines, transfer, List.copyOf(offTrack), new ReadinessReport.Aid(
                ReadinessReport.AidConfirmation.valueOf(r.aid().edCode51225_7().name()), submitted), concerns);
    }

    /** A counseling flag in the reader's language (its English wording when the portal has none for it). */
    static String flag(Flag flag, Messages m) {
        String key = "flag." + flag.message();
        if (!m.has(key)) {
            return flag.detail();
        }
        List<Object> facts = new ArrayList<>(flag.facts());
        switch (flag.kind()) {
            case AREA_OFF_TRACK, AREA_DEFICIENT -> facts.set(0, m.t("area.letter." + facts.get(0)));
            case FAFSA_NOT_SUBMITTED -> facts.set(1, m.t("aid." + facts.get(1)));
            case REPORTED_GPA_DIFFERS -> facts.set(0, m.tOrElse("gpakind." + facts.get(0),
                    String.valueOf(facts.get(0))));
            case DEADLINE_NEAR -> facts.set(0, RuleTexts.in(m.language(), String.valueOf(facts.get(0))));
            default -> { }
        }
        return m.t(key, facts.toArray());
    }

    /** A grade below the minimum and what cleared it, e.g. "Chemistry (D, fall 2023): cleared, repeated …". */
    private static String deficiency(AgResult.Deficiency d, Messages m) {
        String term = term(d.term(), m);
        return d.clearance().map(c -> m.t("readiness.deficiency." + c.how().name(), d.title(), d.grade(), term,
                        c.grade(), term(c.term(), m), c.how() == AgResult.Clearance.How.LEVEL_COMPLETED
                                ? level(c.course(), m) : c.course()))
                .orElseGet(() -> m.t("readiness.deficiency.open", d.title(), d.grade(), term));
    }

    /**
     * A level of a sequence in the reader's language: the rule's name, and for a language ("language level 2
     * (SPANISH)") the language's name ("nivel de idioma 2 (español)"); a discipline without a name here keeps its
     * code.
     */
    static String level(String label, Messages m) {
        Matcher level = LEVEL.matcher(label);
        if (!level.matches()) {
            return RuleTexts.in(m.language(), label);
        }
        String discipline = level.group(3).startsWith("(") ? m.t("discipline.none")
                : m.tOrElse("discipline." + level.group(3), level.group(3));
        return RuleTexts.in(m.language(), level.group(1)) + " " + level.group(2) + " (" + discipline + ")";
    }

    /** The engine's term ("fall 2023", "2023-24") in the reader's language. */
    static String term(String term, Messages m) {
        Matcher season = SEASON.matcher(term);
        return season.matches() ? m.t("term." + season.group(1), season.group(2)) : term;
    }

    private static ReadinessReport.TransferProgress transfer(TransferProgress t, Messages m) {
        TransferProgress.Adt adt = t.adt();
        TransferProgress.UcTransfer uc = t.uc();
        TransferProgress.Pattern ge = t.gePatterns().stream().filter(p -> p.pattern().equals(t.gePattern().name()))
                .findFirst().orElse(t.gePatterns().isEmpty() ? null : t.gePatterns().get(0));
        List<ReadinessReport.TransferProgress.Requirement> requirements = new ArrayList<>(List.of(
                requirement(m, "adt.units", adt.units().compareTo(adt.unitsRequired()) >= 0,
                        m.t("readiness.transfer.of", units(adt.units()), units(adt.unitsRequired()))),
                requirement(m, "adt.gpa", adt.gpa().filter(g -> g.compareTo(adt.gpaRequired()) >= 0).isPresent(),
                        m.t("readiness.transfer.gpa", adt.gpa().map(EngineReadinessSource::two)
                                .orElse(m.t("readiness.transfer.gpa.none")), two(adt.gpaRequired()))),
                requirement(m, "adt.major", adt.majorUnits().compareTo(adt.majorUnitsRequired()) >= 0,
                        m.t("readiness.transfer.of", units(adt.majorUnits()), units(adt.majorUnitsRequired()))),
                requirement(m, "adt.ge", adt.gePatternComplete(), ge == null ? "" : pattern(ge, m))));
        requirements.add(requirement(m, "uc", uc.units().compareTo(uc.unitsRequired()) >= 0
                        && uc.gpa().filter(g -> g.compareTo(uc.gpaRequired()) >= 0).isPresent(),
                m.t("readiness.transfer.uc.detail", units(uc.units()), units(uc.unitsRequired()),
                        uc.gpa().map(EngineReadinessSource::two).orElse(m.t("readiness.transfer.gpa.none")),
                        two(uc.gpaRequired()))));
        requirements.add(requirement(m, "uc.seven", uc.sevenCourseComplete(), pattern(t.ucSevenCourse(), m)));
        return new ReadinessReport.TransferProgress(t.program().orElse(m.t("readiness.transfer.goal")),
                requirements);
    }

    private static ReadinessReport.TransferProgress.Requirement requirement(Messages m, String key, boolean met,
            String detail) {
        return new ReadinessReport.TransferProgress.Requirement(m.t("readiness.transfer." + key), met, detail);
    }

    /** A course pattern's progress: complete, or what it still lacks. */
    private static String pattern(TransferProgress.Pattern p, Messages m) {
        Language language = m.language();
        if (p.complete()) {
            return m.t("readiness.transfer.pattern.complete", RuleTexts.in(language, p.label()));
        }
        List<String> parts = new ArrayList<>();
        for (TransferProgress.Slot slot : p.slots()) {
            if (slot.recordId().isEmpty()) {
                parts.add(RuleTexts.in(language, slot.label()));
            } else if (slot.inProgress()) {
                parts.add(m.t("readiness.transfer.inprogress", RuleTexts.in(language, slot.label())));
            }
        }
        p.unmetGroups().forEach(group -> parts.add(RuleTexts.in(language, group)));
        if (p.units().compareTo(p.unitsRequired()) < 0) {
            parts.add(m.t("readiness.transfer.pattern.units", units(p.unitsRequired().subtract(p.units()))));
        }
        return m.t("readiness.transfer.pattern.missing", RuleTexts.in(language, p.label()), String.join("; ", parts));
    }

    private static String units(BigDecimal units) {
        return units.stripTrailingZeros().toPlainString();
    }

    private static void gpa(List<GpaFigure> out, GpaFigure.Kind kind, AdmissionGpa g, Optional<BigDecimal> value,
                            Messages m) {
        value.ifPresent(v -> out.add(new GpaFigure(kind, m.t("readiness.gpa." + kind.name()), two(v), List.of(
                RuleTexts.in(m.language(), g.window()),
                m.t("readiness.gpa.grades", g.grades(), g.gradePoints()),
                m.t("readiness.gpa.honors", g.honorsCounted(), g.honorsEarned()),
                m.t("readiness.gpa.minimum", two(g.minimum()))))));
    }

    private static String two(BigDecimal v) {
        return v.setScale(2, RoundingMode.DOWN).toPlainString();
    }
}
