package org.baton.node.readiness;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.baton.node.readiness.AgResult.Clearance;
import org.baton.node.readiness.AgResult.Component;
import org.baton.node.readiness.AgResult.Credit;
import org.baton.node.readiness.AgResult.CreditKind;
import org.baton.node.readiness.AgResult.Deficiency;
import org.baton.node.readiness.AgResult.Level;
import org.baton.node.readiness.AgResult.LevelStatus;
import org.baton.node.readiness.rules.AdmissionRules;
import org.baton.node.readiness.rules.AgRules;
import org.baton.node.readiness.rules.AgRules.AreaRule;
import org.baton.node.readiness.rules.AgRules.CapRule;
import org.baton.node.readiness.rules.AgRules.ComponentRule;
import org.baton.node.readiness.rules.AgRules.LevelRule;
import org.baton.node.readiness.rules.AgRules.SequenceRule;
import org.baton.node.readiness.rules.AgRules.Transferability;
import org.baton.node.readiness.rules.AgSubject;
import org.baton.node.readiness.rules.TermRange;
import org.baton.proto.v1.HigherEdSystem;
import org.baton.proto.v1.TermCalendar;

/**
 * Evaluates a-g for one system and rule version. Immutable and shared; each evaluation runs in its own {@link Run}.
 */
final class AgEvaluator {

    private static final AgSubject[] AREAS = AgSubject.values();

    private final HigherEdSystem system;
    private final String systemName;
    private final TrailScope scope;
    private final int cohortFrom;
    private final AgRules rules;
    private final Mark minimum;
    private final boolean ignorePlusMinus;
    private final AreaRule[] areaRules = new AreaRule[AREAS.length];
    private final boolean[] middleSchoolAreas = new boolean[AREAS.length];
    private final int semesterYearUnits;
    private final int quarterYearUnits;

    AgEvaluator(HigherEdSystem system, AdmissionRules.Version version, Optional<Boolean> ignorePlusMinusOverride) {
        this.system = system;
        this.systemName = system == HigherEdSystem.SYSTEM_UC ? "UC" : "CSU";
        this.scope = system == HigherEdSystem.SYSTEM_UC ? TrailScope.UC : TrailScope.CSU;
        this.cohortFrom = version.cohortFrom();
        this.rules = version.ag();
        this.minimum = Mark.parse(rules.grades().minimum());
        this.ignorePlusMinus = ignorePlusMinusOverride.orElse(rules.grades().ignorePlusMinus());
        for (AgSubject area : AREAS) {
            areaRules[area.ordinal()] = rules.areas().get(area);
        }
        for (AgSubject area : rules.middleSchool().areas()) {
            middleSchoolAreas[area.ordinal()] = true;
        }
        this.semesterYearUnits = rules.collegeCourses().yearUnits().get(TermCalendar.SEMESTER);
        this.quarterYearUnits = rules.collegeCourses().yearUnits().get(TermCalendar.QUARTER);
        for (AreaRule area : rules.areas().values()) {
            for (ComponentRule component : area.components()) {
                for (AgSubject from : component.fromAreas()) {
                    if (from != AgSubject.G && rules.areas().get(from) != area) {
                        throw new IllegalArgumentException("component '" + component.id()
                                + "' borrows from area " + from.letter() + "; only g may lend courses to another area");
                    }
                }
            }
        }
    }

    /** Whether a grade satisfies this system's requirements. */
    boolean accepts(Mark mark) {
        return mark.atLeast(minimum, ignorePlusMinus);
    }

    boolean acceptsCollege(Course course) {
        for (Transferability t : rules.collegeCourses().acceptedIf()) {
            if (t == Transferability.UC_TRANSFERABLE ? course.ucTransferable : course.csuTransferable) {
                return true;
            }
        }
        return false;
    }

    AgRules rules() {
        return rules;
    }

    int cohortFrom() {
        return cohortFrom;
    }

    AgResult evaluate(StudentContext ctx, Repeats repeats, Trail trail) {
        return new Run(ctx, repeats, trail).evaluate();
    }

    private enum Outcome { PASS, PENDING, DEFICIENT }

    private static int rank(Slot slot) {
        return slot == null ? 0 : switch (slot.outcome) {
            case PASS -> 3;
            case PENDING -> 2;
            case DEFICIENT -> 1;
        };
    }

    /** A course's grade as an a-g candidate. */
    private static final class Slot {
        final Course course;
        final int semesters;
        final Outcome outcome;

        Slot(Course course, int semesters, Outcome outcome) {
            this.course = course;
            this.semesters = semesters;
            this.outcome = outcome;
        }
    }

    /** A sequence (math, or one language) of one area. */
    private static final class SequenceGroup {
        final AgSubject area;
        final String key;
        final List<Slot> slots = new ArrayList<>();

        SequenceGroup(AgSubject area, String key) {
            this.area = area;
            this.key = key;
        }
    }

    private final class Run {
        private final StudentContext ctx;
        private final Repeats repeats;
        private final Trail trail;
        private final List<List<AgCredit>> completed = perArea();
        private final List<List<AgCredit>> pending = perArea();
        private final List<List<Deficiency>> deficiencies = perArea();
        private final List<List<Level>> levels = perArea();
        private final List<SequenceGroup> sequences = new ArrayList<>(4);
        private final List<AgCredit> allCompleted = new ArrayList<>(48);
        private final List<AgCredit> allPending = new ArrayList<>(8);
        private final List<Slot> uncleared = new ArrayList<>(4);

        Run(StudentContext ctx, Repeats repeats, Trail trail) {
            this.ctx = ctx;
            this.repeats = repeats;
            this.trail = trail;
        }

        AgResult evaluate() {
            for (AgSubject area : AREAS) {
                SequenceRule seq = areaRules[area.ordinal()].sequence();
                if (seq != null && !seq.perDiscipline()) {
                    sequences.add(new SequenceGroup(area, ""));
                }
            }
            for (int j = 0, jn = ctx.courses.size(); j < jn; j++) {
                Course course = ctx.courses.get(j);
                if (course.area != null) {
                    classify(course);
                }
            }
            for (SequenceGroup group : sequences) {
                sequence(group);
            }
            Map<AgSubject, AgResult.Area> results = new EnumMap<>(AgSubject.class);
            List<AgCredit> overflow = new ArrayList<>();
            List<AgCredit> pendingOverflow = new ArrayList<>();
            for (AgSubject area : AREAS) {
                if (area != AgSubject.G) {
                    results.put(area, allocate(area, overflow, pendingOverflow));
                }
            }
            results.put(AgSubject.G, allocate(AgSubject.G, overflow, pendingOverflow));
            for (Slot slot : uncleared) {
                boolean sequential = areaRules[slot.course.area.ordinal()].sequence() != null;
                trail.add(scope, TrailCode.AG_DEFICIENCY_UNCLEARED, slot.course.recordId, slot.course.title,
                        slot.course.term, slot.course.mark, slot.course.area.letter(),
                        sequential ? ", or complete a higher-level course with " + minimum + " or better" : "");
            }

            int done = 0;
            int donePending = 0;
            int before = 0;
            int beforePending = 0;
            for (int j = 0, jn = allCompleted.size(); j < jn; j++) {
                AgCredit cr = allCompleted.get(j);
                done += cr.semesters;
                if (cr.beforeSenior) {
                    before += cr.semesters;
                }
            }
            for (int j = 0, jn = allPending.size(); j < jn; j++) {
                AgCredit cr = allPending.get(j);
                donePending += cr.semesters;
                if (cr.beforeSenior) {
                    beforePending += cr.semesters;
                }
            }
            Optional<AgResult.SeniorYear> seniorYear = Optional.empty();
            if (rules.beforeSeniorYear() != null) {
                int required = rules.beforeSeniorYear().courses() * 2;
                AreaStatus status = before >= required ? AreaStatus.MET
                        : before + beforePending >= required ? AreaStatus.IN_PROGRESS : AreaStatus.MISSING;
                seniorYear = Optional.of(new AgResult.SeniorYear(rules.beforeSeniorYear().courses(), before,
                        beforePending, status));
                if (trail.enabled()) {
                    trail.add(scope, TrailCode.AG_SENIOR_YEAR, null, Units.years(before),
                            rules.beforeSeniorYear().courses(), before,
                            beforePending > 0 ? "; " + beforePending + " more in progress" : "");
                }
            }
            if (trail.enabled()) {
                trail.add(scope, TrailCode.AG_TOTAL, null, Units.years(done), rules.totalCourses(),
                        donePending > 0 ? "; " + donePending + " semester(s) in progress" : "");
            }
            List<AreaStatus> statuses = new ArrayList<>(AREAS.length);
            for (AgSubject area : AREAS) {
                statuses.add(results.get(area).status());
            }
            AreaStatus overall = AreaStatus.combine(statuses);
            return new AgResult(system, cohortFrom, overall, results, rules.totalCourses(), done, donePending,
                    seniorYear);
        }

        // ---- classification ----

        private void classify(Course c) {
            AgSubject area = c.area;
            int ai = area.ordinal();
            if (repeats.setAside(c)) {
                Course replacement = repeats.replacement(c);
                if (replacement != null && (c.mark.isDeficientLetter() || c.mark.kind == Mark.Kind.NO_PASS)) {
                    deficiencies.get(ai).add(new Deficiency(area, c.recordId, c.title, c.mark.text, c.termLabel,
                            Optional.of(new Clearance(Clearance.How.REPEATED, replacement.title,
                                    String.valueOf(replacement.mark), String.valueOf(replacement.term)))));
                }
                return;
            }
            if (c.middleSchool() && !middleSchoolAreas[ai]) {
                trail.add(scope, TrailCode.AG_MIDDLE_SCHOOL_AREA, c.recordId, c.title, c.term, c.gradeLevel,
                        letters(rules.middleSchool().areas()));
                return;
            }
            int semesters = c.weight;
            int threshold = 0;
            if (c.college) {
                if (!acceptsCollege(c)) {
                    trail.add(scope, TrailCode.AG_COLLEGE_NOT_ACCEPTED, c.recordId, c.title, c.term,
                            transferabilities());
                    return;
                }
                threshold = c.unitSystem == TermCalendar.QUARTER ? quarterYearUnits : semesterYearUnits;
                semesters = c.units >= threshold ? 2 : rules.collegeCourses().belowYearSemesters();
                if (semesters == 0) {
                    return;
                }
            }
            Outcome outcome;
            switch (c.mark.kind) {
                case LETTER -> {
                    if (accepts(c.mark)) {
                        outcome = Outcome.PASS;
                        creditedTrail(c, semesters, threshold);
                    } else if (c.middleSchool()) {
                        trail.add(scope, TrailCode.AG_MIDDLE_SCHOOL_BELOW, c.recordId, c.title, c.term, c.gradeLevel,
                                c.mark, minimum);
                        return;
                    } else {
                        outcome = Outcome.DEFICIENT;
                        trail.add(scope, TrailCode.AG_BELOW_MINIMUM, c.recordId, c.title, c.term, c.mark, minimum,
                                area.letter());
                    }
                }
                case PASS -> {
                    if (!inPassWindow(c)) {
                        trail.add(scope, TrailCode.AG_PASS_OUTSIDE_WINDOW, c.recordId, c.title, c.term, c.mark);
                        return;
                    }
                    outcome = Outcome.PASS;
                    trail.add(scope, TrailCode.AG_PASS_IN_WINDOW, c.recordId, c.title, c.term, c.mark, semesters,
                            area.letter());
                }
                case NO_PASS -> {
                    if (c.middleSchool()) {
                        trail.add(scope, TrailCode.AG_MIDDLE_SCHOOL_BELOW, c.recordId, c.title, c.term, c.gradeLevel,
                                c.mark, minimum);
                        return;
                    }
                    outcome = Outcome.DEFICIENT;
                    trail.add(scope, TrailCode.AG_NO_PASS, c.recordId, c.title, c.term, c.mark, area.letter());
                }
                case PENDING -> {
                    outcome = Outcome.PENDING;
                    trail.add(scope, TrailCode.AG_IN_PROGRESS, c.recordId, c.title, c.term,
                            c.planned ? "planned" : c.mark.toString(), area.letter(), minimum);
                }
                default -> {
                    trail.add(scope, TrailCode.AG_WITHDRAWN, c.recordId, c.title, c.term);
                    return;
                }
            }
            Slot slot = new Slot(c, semesters, outcome);
            SequenceRule seq = areaRules[ai].sequence();
            if (seq != null && c.level > 0) {
                String key = seq.perDiscipline() ? (c.discipline == null ? "" : c.discipline) : "";
                SequenceGroup group = null;
                for (SequenceGroup g : sequences) {
                    if (g.area == area && g.key.equals(key)) {
                        group = g;
                        break;
                    }
                }
                if (group == null) {
                    group = new SequenceGroup(area, key);
                    sequences.add(group);
                }
                group.slots.add(slot);
            } else {
                direct(slot);
            }
        }

        private void creditedTrail(Course c, int semesters, int threshold) {
            if (c.college) {
                trail.add(scope, c.units >= threshold ? TrailCode.AG_COLLEGE_YEAR : TrailCode.AG_COLLEGE_SEMESTER,
                        c.recordId, c.title, c.term, Units.format(c.units),
                        c.unitSystem == TermCalendar.QUARTER ? "quarter" : "semester", c.mark, Units.format(threshold),
                        c.area.letter());
            } else if (c.mark == Mark.C_MINUS && ignorePlusMinus && minimum.letter == c.mark.letter) {
                trail.add(scope, TrailCode.AG_CREDITED_C_MINUS, c.recordId, c.title, c.term, systemName, semesters,
                        c.area.letter());
            } else {
                trail.add(scope, TrailCode.AG_CREDITED, c.recordId, c.title, c.term, c.mark, semesters,
                        c.area.letter());
            }
        }

        private boolean inPassWindow(Course c) {
            for (TermRange window : rules.grades().passCreditWindows()) {
                if (window.contains(c.termOrdinal)) {
                    return true;
                }
            }
            return false;
        }

        private void direct(Slot slot) {
            Course c = slot.course;
            switch (slot.outcome) {
                case PASS -> addCompleted(cr(c.college ? CreditKind.COLLEGE_COURSE : CreditKind.COMPLETED, c,
                        c.ids, c.title, slot.semesters, null, false));
                case PENDING -> addPending(cr(CreditKind.IN_PROGRESS, c, c.ids, c.title,
                        slot.semesters, null, false));
                case DEFICIENT -> standingDeficiency(slot);
            }
        }

        private AgCredit cr(CreditKind kind, Course c, List<String> ids, String title, int semesters, String groupOverride,
                boolean omission) {
            String discipline = c.discipline != null ? c.discipline : groupOverride;
            Optional<String> disciplineValue = c.discipline != null || groupOverride == null ? c.disciplineValue
                    : Optional.of(groupOverride);
            Credit credit = new Credit(kind, c.area, ids, title, c.mark.text, c.termLabel, semesters,
                    disciplineValue, c.level, c.gradeLevel <= 11, c.planned);
            return new AgCredit(credit, discipline, c, omission);
        }

        private void addCompleted(AgCredit cr) {
            completed.get(cr.area.ordinal()).add(cr);
            allCompleted.add(cr);
        }

        private void addPending(AgCredit cr) {
            pending.get(cr.area.ordinal()).add(cr);
            allPending.add(cr);
        }

        private void standingDeficiency(Slot slot) {
            Course c = slot.course;
            deficiencies.get(c.area.ordinal()).add(new Deficiency(c.area, c.recordId, c.title, c.mark.text,
                    c.termLabel, Optional.empty()));
            uncleared.add(slot);
        }

        private void clearedDeficiency(Slot slot, Clearance how) {
            Course c = slot.course;
            deficiencies.get(c.area.ordinal()).add(new Deficiency(c.area, c.recordId, c.title, c.mark.text,
                    c.termLabel, Optional.of(how)));
        }

        // ---- validation sequences ----

        private void sequence(SequenceGroup group) {
            SequenceRule seq = areaRules[group.area.ordinal()].sequence();
            TreeSet<Integer> core = new TreeSet<>(seq.omissionLevels());
            core.addAll(seq.requiredLevels());
            String language = seq.perDiscipline() ? (group.key.isEmpty() ? "(language not given)" : group.key) : null;
            List<Slot> passing = new ArrayList<>();
            List<Slot> inProgress = new ArrayList<>();
            for (Slot slot : group.slots) {
                if (slot.outcome == Outcome.PASS) {
                    passing.add(slot);
                } else if (slot.outcome == Outcome.PENDING) {
                    inProgress.add(slot);
                }
            }
            for (int level : core) {
                coreLevel(group, seq, level, language, passing, inProgress);
            }
            for (Slot slot : group.slots) {
                if (!core.contains(slot.course.level)) {
                    nonCoreSlot(group, seq, slot, language, passing, inProgress);
                }
            }
        }

        private String levelLabel(LevelRule rule, int level, String language) {
            return language == null ? rule.name() : rule.name() + " " + level + " (" + language + ")";
        }

        private void coreLevel(SequenceGroup group, SequenceRule seq, int level, String language, List<Slot> passing,
                List<Slot> inProgress) {
            LevelRule rule = seq.level(level);
            String label = levelLabel(rule, level, language);
            Slot[] sem = new Slot[2];
            List<Slot> displaced = new ArrayList<>(0);
            for (Slot slot : group.slots) {
                if (slot.course.level != level) {
                    continue;
                }
                if (slot.semesters >= 2) {
                    boolean first = place(sem, 0, slot, displaced);
                    boolean second = place(sem, 1, slot, displaced);
                    if (!first && !second && slot.outcome == Outcome.PASS) {
                        trail.add(scope, TrailCode.AG_LEVEL_ALREADY_CREDITED, slot.course.recordId, slot.course.title,
                                slot.course.term, label);
                    }
                } else {
                    int idx = slot.course.segment == 2 ? 1 : slot.course.segment == 1 ? 0 : unnumbered(sem, slot);
                    if (!place(sem, idx, slot, displaced) && slot.outcome == Outcome.PASS) {
                        trail.add(scope, TrailCode.AG_LEVEL_ALREADY_CREDITED, slot.course.recordId, slot.course.title,
                                slot.course.term, label);
                    }
                }
            }
            boolean[] credited = new boolean[2];
            boolean[] pendingSem = new boolean[2];
            boolean validated = false;
            // Completed semesters (a two-semester slot is one credit).
            if (sem[0] != null && sem[0] == sem[1] && sem[0].outcome == Outcome.PASS) {
                addCompleted(slotCredit(sem[0], 2, language));
                credited[0] = credited[1] = true;
            } else {
                for (int i = 0; i < 2; i++) {
                    if (sem[i] != null && sem[i].outcome == Outcome.PASS) {
                        addCompleted(slotCredit(sem[i], 1, language));
                        credited[i] = true;
                    }
                }
            }
            // The second semester validates the first.
            boolean omissionLevel = seq.omissionLevels().contains(level);
            if (credited[1] && !credited[0] && rule.secondSemester()
                    && (sem[0] == null ? omissionLevel : sem[0].outcome == Outcome.DEFICIENT)) {
                Slot second = sem[1];
                List<String> ids = sem[0] == null ? second.course.ids
                        : List.of(second.course.recordId, sem[0].course.recordId);
                addCompleted(cr(CreditKind.VALIDATED_BY_SECOND_SEMESTER, second.course, ids,
                        label + ", semester 1", 1, language, false));
                trail.addMany(scope, TrailCode.AG_SECOND_SEMESTER_VALIDATES, ids, second.course.title, label,
                        second.course.mark, sem[0] == null ? " (not taken)" : " (" + sem[0].course.mark + ")");
                if (sem[0] != null) {
                    clearedDeficiency(sem[0], new Clearance(Clearance.How.SECOND_SEMESTER, second.course.title,
                            String.valueOf(second.course.mark), String.valueOf(second.course.term)));
                }
                credited[0] = true;
                validated = true;
            }
            // Courses in progress at this level.
            if (sem[0] != null && sem[0] == sem[1] && sem[0].outcome == Outcome.PENDING) {
                addPending(slotPending(sem[0], 2, language));
                pendingSem[0] = pendingSem[1] = true;
            } else {
                for (int i = 0; i < 2; i++) {
                    if (sem[i] != null && sem[i].outcome == Outcome.PENDING && !credited[i]) {
                        addPending(slotPending(sem[i], 1, language));
                        pendingSem[i] = true;
                    }
                }
            }
            // Higher-level validation.
            List<Slot> validators = new ArrayList<>(2);
            List<Slot> excludedValidators = new ArrayList<>(0);
            for (Slot s : passing) {
                if (s.course.level > level) {
                    (excludedBy(rule, s) == null ? validators : excludedValidators).add(s);
                }
            }
            Slot pendingValidator = null;
            for (Slot s : inProgress) {
                if (s.course.level > level && excludedBy(rule, s) == null) {
                    pendingValidator = s;
                    break;
                }
            }
            int missing = 0;
            for (int i = 0; i < 2; i++) {
                if (!credited[i] && !pendingSem[i] && sem[i] == null) {
                    missing++;
                }
            }
            boolean standingDeficient = false;
            if (missing > 0 && omissionLevel) {
                String what = missing == 2 ? label : label + ", semester " + (sem[0] == null ? 1 : 2);
                if (!rule.byOmission()) {
                    if (!validators.isEmpty()) {
                        trail.add(scope, TrailCode.AG_VALIDATION_NOT_ALLOWED, validators.get(0).course.recordId,
                                label, "", "it");
                    }
                } else if (!validators.isEmpty()) {
                    Slot v = validators.get(0);
                    addCompleted(cr(CreditKind.VALIDATED_BY_OMISSION, v.course, v.course.ids,
                            what + " (validated)", missing, language, true));
                    trail.add(scope, TrailCode.AG_VALIDATED_OMISSION, v.course.recordId, what, "", v.course.title,
                            v.course.term, v.course.mark);
                    validated = true;
                    for (int i = 0; i < 2; i++) {
                        if (sem[i] == null) {
                            credited[i] = true;
                        }
                    }
                } else if (pendingValidator != null) {
                    addPending(cr(CreditKind.AWAITING_VALIDATION, pendingValidator.course,
                            pendingValidator.course.ids, what + " (awaiting validation)", missing,
                            language, true));
                    trail.add(scope, TrailCode.AG_VALIDATION_PENDING, pendingValidator.course.recordId, what, "",
                            pendingValidator.course.title);
                    for (int i = 0; i < 2; i++) {
                        if (sem[i] == null) {
                            pendingSem[i] = true;
                        }
                    }
                } else if (!excludedValidators.isEmpty()) {
                    excludedTrail(rule, excludedValidators, label);
                }
            }
            // Deficient semesters not validated by the second semester.
            Slot lastDeficient = null;
            for (int i = 0; i < 2; i++) {
                Slot s = sem[i];
                if (s == null || s.outcome != Outcome.DEFICIENT || credited[i] || s == lastDeficient) {
                    continue;
                }
                lastDeficient = s;
                int span = sem[0] == sem[1] ? 2 : 1;
                if (!rule.byDeficiency()) {
                    if (!validators.isEmpty()) {
                        trail.add(scope, TrailCode.AG_VALIDATION_NOT_ALLOWED, s.course.recordId, label,
                                " (" + s.course.mark + ")", "the " + s.course.mark);
                    }
                    standingDeficiency(s);
                    standingDeficient = true;
                } else if (!validators.isEmpty()) {
                    Slot v = validators.get(0);
                    addCompleted(cr(CreditKind.VALIDATED_BY_DEFICIENCY, v.course,
                            List.of(v.course.recordId, s.course.recordId), s.course.title + " (validated)", span,
                            language, false));
                    trail.addMany(scope, TrailCode.AG_VALIDATED_DEFICIENCY, List.of(v.course.recordId,
                            s.course.recordId), s.course.title, s.course.term, s.course.mark, v.course.title,
                            v.course.term, v.course.mark);
                    clearedDeficiency(s, new Clearance(Clearance.How.HIGHER_COURSE, v.course.title,
                            String.valueOf(v.course.mark), String.valueOf(v.course.term)));
                    validated = true;
                    credited[i] = true;
                    if (span == 2) {
                        credited[1 - i] = true;
                    }
                } else {
                    if (pendingValidator != null) {
                        addPending(cr(CreditKind.AWAITING_VALIDATION, pendingValidator.course,
                                List.of(pendingValidator.course.recordId, s.course.recordId),
                                s.course.title + " (awaiting validation)", span, language, false));
                        trail.add(scope, TrailCode.AG_VALIDATION_PENDING, pendingValidator.course.recordId,
                                s.course.title, " (" + s.course.mark + ")", pendingValidator.course.title);
                        pendingSem[i] = true;
                        if (span == 2) {
                            pendingSem[1 - i] = true;
                        }
                    } else if (!excludedValidators.isEmpty()) {
                        excludedTrail(rule, excludedValidators, label);
                    }
                    standingDeficiency(s);
                    standingDeficient = true;
                }
            }
            for (Slot d : displaced) {
                if (d.outcome == Outcome.DEFICIENT) {
                    if (credited[0] && credited[1]) {
                        clearedDeficiency(d, new Clearance(Clearance.How.LEVEL_COMPLETED, label, "", ""));
                    } else {
                        standingDeficiency(d);
                        standingDeficient = true;
                    }
                }
            }
            LevelStatus status;
            if (credited[0] && credited[1]) {
                status = validated ? LevelStatus.VALIDATED : LevelStatus.COMPLETED;
            } else if ((credited[0] || pendingSem[0]) && (credited[1] || pendingSem[1])) {
                status = LevelStatus.IN_PROGRESS;
            } else if (standingDeficient) {
                status = LevelStatus.DEFICIENT;
            } else if (credited[0] || credited[1]) {
                status = LevelStatus.PARTIAL;
            } else {
                status = LevelStatus.MISSING;
            }
            levels.get(group.area.ordinal()).add(new Level(level, rule.name(), Optional.ofNullable(language), status));
        }

        /**
         * The semester of a grade without a semester number: the spring grade of a course whose fall grade is already
         * there is its second semester; otherwise the first free semester, or the one it improves on.
         */
        private int unnumbered(Slot[] sem, Slot slot) {
            Slot first = sem[0];
            if (first != null && first.course.segment == 0 && first.course.term.academicYear() == slot.course.term
                    .academicYear() && first.course.termOrdinal < slot.course.termOrdinal && sem[1] == null) {
                return 1;
            }
            return first == null || rank(slot) > rank(first) ? 0 : 1;
        }

        private boolean place(Slot[] sem, int idx, Slot slot, List<Slot> displaced) {
            Slot current = sem[idx];
            if (current == slot) {
                return false;
            }
            if (current == null) {
                sem[idx] = slot;
                return true;
            }
            if (rank(slot) > rank(current)) {
                sem[idx] = slot;
                if (current != sem[1 - idx] && !displaced.contains(current)) {
                    displaced.add(current);
                }
                return true;
            }
            if (slot.outcome != Outcome.PASS && !displaced.contains(slot)) {
                displaced.add(slot);
            }
            return false;
        }

        private void nonCoreSlot(SequenceGroup group, SequenceRule seq, Slot slot, String language,
                List<Slot> passing, List<Slot> inProgress) {
            Course c = slot.course;
            if (slot.outcome == Outcome.PASS) {
                addCompleted(slotCredit(slot, slot.semesters, language));
                return;
            }
            if (slot.outcome == Outcome.PENDING) {
                addPending(slotPending(slot, slot.semesters, language));
                return;
            }
            LevelRule rule = seq.level(c.level);
            if (rule.secondSemester() && c.segment == 1) {
                for (Slot s : passing) {
                    if (s.course.segment == 2 && s.course.courseKey().equals(c.courseKey())
                            && s.course.termOrdinal >= c.termOrdinal) {
                        List<String> ids = List.of(s.course.recordId, c.recordId);
                        addCompleted(cr(CreditKind.VALIDATED_BY_SECOND_SEMESTER, s.course, ids,
                                c.title + ", semester 1", 1, language, false));
                        trail.addMany(scope, TrailCode.AG_SECOND_SEMESTER_VALIDATES, ids, s.course.title,
                                levelLabel(rule, c.level, language), s.course.mark, " (" + c.mark + ")");
                        clearedDeficiency(slot, new Clearance(Clearance.How.SECOND_SEMESTER, s.course.title,
                                String.valueOf(s.course.mark), String.valueOf(s.course.term)));
                        return;
                    }
                }
            }
            if (rule.byDeficiency()) {
                for (Slot v : passing) {
                    if (v.course.level > c.level && excludedBy(rule, v) == null) {
                        addCompleted(cr(CreditKind.VALIDATED_BY_DEFICIENCY, v.course,
                                List.of(v.course.recordId, c.recordId), c.title + " (validated)", slot.semesters,
                                language, false));
                        trail.addMany(scope, TrailCode.AG_VALIDATED_DEFICIENCY, List.of(v.course.recordId,
                                c.recordId), c.title, c.term, c.mark, v.course.title, v.course.term, v.course.mark);
                        clearedDeficiency(slot, new Clearance(Clearance.How.HIGHER_COURSE, v.course.title,
                                String.valueOf(v.course.mark), String.valueOf(v.course.term)));
                        return;
                    }
                }
                for (Slot v : inProgress) {
                    if (v.course.level > c.level && excludedBy(rule, v) == null) {
                        addPending(cr(CreditKind.AWAITING_VALIDATION, v.course, List.of(v.course.recordId,
                                c.recordId), c.title + " (awaiting validation)", slot.semesters, language, false));
                        trail.add(scope, TrailCode.AG_VALIDATION_PENDING, v.course.recordId, c.title,
                                " (" + c.mark + ")", v.course.title);
                        break;
                    }
                }
            }
            standingDeficiency(slot);
        }

        private AgCredit slotCredit(Slot slot, int semesters, String language) {
            Course c = slot.course;
            return cr(c.college ? CreditKind.COLLEGE_COURSE : CreditKind.COMPLETED, c, c.ids, c.title,
                    semesters, language, false);
        }

        private AgCredit slotPending(Slot slot, int semesters, String language) {
            Course c = slot.course;
            return cr(CreditKind.IN_PROGRESS, c, c.ids, c.title, semesters, language, false);
        }

        private AgRules.ValidatorExclusion excludedBy(LevelRule rule, Slot validator) {
            for (AgRules.ValidatorExclusion exclusion : rule.excludedValidators()) {
                if (exclusion.excludes(validator.course.discipline, validator.course.termOrdinal)) {
                    return exclusion;
                }
            }
            return null;
        }

        private void excludedTrail(LevelRule rule, List<Slot> excluded, String label) {
            for (Slot v : excluded) {
                AgRules.ValidatorExclusion exclusion = excludedBy(rule, v);
                trail.add(scope, TrailCode.AG_VALIDATOR_EXCLUDED, v.course.recordId, v.course.title, v.course.term,
                        label, exclusion.source());
            }
        }

        // ---- allocation ----

        private AgResult.Area allocate(AgSubject area, List<AgCredit> overflow, List<AgCredit> pendingOverflow) {
            int stamp = area.ordinal() + 1;
            AreaRule rule = areaRules[area.ordinal()];
            int required = rule.years() * 2;
            List<AgCredit> own = new ArrayList<>(completed.get(area.ordinal()).size() + overflow.size());
            for (AgCredit cr : completed.get(area.ordinal())) {
                if (!cr.borrowed) {
                    own.add(cr);
                }
            }
            List<AgCredit> ownPending = new ArrayList<>(pending.get(area.ordinal()));
            if (area == AgSubject.G) {
                own.addAll(overflow);
                ownPending.addAll(pendingOverflow);
            }
            List<ComponentRule> components = rule.components();
            List<AgCredit> lendable = List.of();
            List<AgCredit> lendablePending = List.of();
            if (area != AgSubject.G) {
                for (ComponentRule component : components) {
                    if (component.fromAreas().contains(AgSubject.G)) {
                        lendable = completed.get(AgSubject.G.ordinal());
                        lendablePending = pending.get(AgSubject.G.ordinal());
                    }
                }
            }
            // Components with completed credits.
            List<AgCredit> candidates = concat(own, lendable);
            List<List<AgCredit>> chosen = components.isEmpty() ? List.of() : match(area, components, candidates);
            // Components counting courses in progress too.
            List<List<AgCredit>> chosenWithPending = chosen;
            boolean allMet = true;
            for (List<AgCredit> c : chosen) {
                allMet &= c != null;
            }
            if (!allMet && (!ownPending.isEmpty() || !lendablePending.isEmpty())) {
                chosenWithPending = match(area, components,
                        concat(concat(candidates, ownPending), lendablePending));
            }
            List<AgCredit> used = new ArrayList<>();
            int[] capCounts = new int[rule.caps().size()];
            int counted = 0;
            List<Component> componentResults = new ArrayList<>(components.size());
            for (int i = 0; i < components.size(); i++) {
                List<AgCredit> pick = chosen.get(i);
                List<AgCredit> pickWithPending = chosenWithPending.get(i);
                ComponentRule component = components.get(i);
                List<String> ids = new ArrayList<>();
                for (AgCredit cr : pick != null ? pick : pickWithPending != null ? pickWithPending : List.<AgCredit>of()) {
                    ids.addAll(cr.credit.recordIds());
                }
                componentResults.add(new Component(component.id(), component.label(), pick != null,
                        pickWithPending != null, ids));
                if (pick == null) {
                    trail.add(scope, TrailCode.AG_COMPONENT_UNMET, null, area.letter(), component.label(),
                            pickWithPending != null ? " yet (met when the courses in progress are completed)" : "");
                    continue;
                }
                for (int j = 0, jn = pick.size(); j < jn; j++) {
                    AgCredit cr = pick.get(j);
                    if (cr.usedBy != stamp) {
                        int add = capped(rule, capCounts, cr, area);
                        if (add > 0) {
                            used.add(cr);
                            counted += add;
                            cr.usedBy = stamp;
                        }
                        if (cr.area != area) {
                            cr.borrowed = true;
                            trail.add(scope, TrailCode.AG_BORROWED, cr.credit.recordIds().get(0), cr.credit.title(),
                                    cr.credit.term(), cr.area.letter(), area.letter(), component.label());
                        }
                    }
                }
            }
            // Fill the remaining years: validated-by-omission levels first (they cannot overflow), then term order.
            List<AgCredit> rest = new ArrayList<>(own.size());
            for (int j = 0, jn = own.size(); j < jn; j++) {
                AgCredit cr = own.get(j);
                if (cr.omission && cr.usedBy != stamp) {
                    rest.add(cr);
                }
            }
            for (int j = 0, jn = own.size(); j < jn; j++) {
                AgCredit cr = own.get(j);
                if (!cr.omission && cr.usedBy != stamp) {
                    rest.add(cr);
                }
            }
            List<AgCredit> extra = new ArrayList<>();
            for (int j = 0, jn = rest.size(); j < jn; j++) {
                AgCredit cr = rest.get(j);
                if (counted < required) {
                    int add = capped(rule, capCounts, cr, area);
                    if (add > 0) {
                        used.add(cr);
                        cr.usedBy = stamp;
                        counted += add;
                        continue;
                    }
                }
                extra.add(cr);
                if (area != AgSubject.G && !cr.omission) {
                    overflow.add(cr);
                    trail.add(scope, TrailCode.AG_OVERFLOW, cr.credit.recordIds().get(0), cr.credit.title(),
                            cr.credit.term(), area.letter());
                }
            }
            // Courses in progress: those the area still needs count here, the rest overflow into g.
            int pendingNeeded = Math.max(0, required - counted);
            int pendingCounted = 0;
            List<AgCredit> inProgress = new ArrayList<>(ownPending.size());
            for (int j = 0, jn = ownPending.size(); j < jn; j++) {
                AgCredit cr = ownPending.get(j);
                if (pendingCounted < pendingNeeded || area == AgSubject.G || !componentsMet(chosen)) {
                    inProgress.add(cr);
                    pendingCounted += cr.semesters;
                } else if (!cr.omission) {
                    pendingOverflow.add(cr);
                }
            }
            // Sequence levels the area requires (math: Algebra I, Geometry, Algebra II).
            boolean levelsMet = true;
            boolean levelsMetWithPending = true;
            SequenceRule seq = rule.sequence();
            if (seq != null && !seq.requiredLevels().isEmpty()) {
                for (Level level : levels.get(area.ordinal())) {
                    if (seq.requiredLevels().contains(level.level())) {
                        boolean done = level.status() == LevelStatus.COMPLETED || level.status() == LevelStatus.VALIDATED;
                        levelsMet &= done;
                        levelsMetWithPending &= done || level.status() == LevelStatus.IN_PROGRESS;
                        if (!done) {
                            trail.add(scope, TrailCode.AG_LEVEL_UNMET, null, area.letter(), level.name());
                        }
                    }
                }
            }
            boolean metNow = counted >= required && componentsMet(chosen) && levelsMet;
            boolean metLater = counted + pendingCounted >= required && componentsMet(chosenWithPending)
                    && levelsMetWithPending;
            boolean deficient = false;
            for (Deficiency d : deficiencies.get(area.ordinal())) {
                deficient |= d.clearedBy().isEmpty();
            }
            AreaStatus status = metNow ? AreaStatus.MET : metLater ? AreaStatus.IN_PROGRESS
                    : deficient ? AreaStatus.DEFICIENT : AreaStatus.MISSING;
            trail.add(scope, TrailCode.AG_AREA_RESULT, null, area.label(), status, Math.min(counted, required), required,
                    pendingCounted);
            return new AgResult.Area(area, status, required, counted, pendingCounted, credits(used),
                    credits(inProgress), credits(extra), componentResults, levels.get(area.ordinal()),
                    deficiencies.get(area.ordinal()));
        }

        private int capped(AreaRule rule, int[] capCounts, AgCredit cr, AgSubject area) {
            List<CapRule> caps = rule.caps();
            for (int i = 0; i < caps.size(); i++) {
                CapRule cap = caps.get(i);
                if (cr.discipline != null && cap.disciplines().contains(cr.discipline)) {
                    int allowed = Math.max(0, cap.maxSemesters() - capCounts[i]);
                    int add = Math.min(allowed, cr.semesters);
                    capCounts[i] += add;
                    if (add < cr.semesters) {
                        trail.add(scope, TrailCode.AG_CAP, cr.credit.recordIds().get(0), cr.credit.title(),
                                cr.credit.term(), cap.maxSemesters(), String.join("/", new TreeSet<>(cap.disciplines())),
                                area.letter());
                    }
                    return add;
                }
            }
            return cr.semesters;
        }

        private int matchStamps;

        private List<List<AgCredit>> match(AgSubject area, List<ComponentRule> components, List<AgCredit> candidates) {
            ComponentMatcher matcher = new ComponentMatcher(area, components, candidates, ++matchStamps);
            return matcher.best();
        }
    }

    private static <T> List<List<T>> perArea() {
        List<List<T>> lists = new ArrayList<>(AREAS.length);
        for (int i = 0; i < AREAS.length; i++) {
            lists.add(new ArrayList<>(4));
        }
        return lists;
    }

    private static boolean componentsMet(List<List<AgCredit>> chosen) {
        for (List<AgCredit> c : chosen) {
            if (c == null) {
                return false;
            }
        }
        return true;
    }

    private static List<Credit> credits(List<AgCredit> crs) {
        List<Credit> out = new ArrayList<>(crs.size());
        for (int j = 0, jn = crs.size(); j < jn; j++) {
            AgCredit cr = crs.get(j);
            out.add(cr.credit);
        }
        return out;
    }

    private static List<AgCredit> concat(List<AgCredit> a, List<AgCredit> b) {
        if (b.isEmpty()) {
            return a;
        }
        List<AgCredit> out = new ArrayList<>(a.size() + b.size());
        out.addAll(a);
        out.addAll(b);
        return out;
    }

    private String transferabilities() {
        List<String> names = new ArrayList<>();
        for (Transferability t : rules.collegeCourses().acceptedIf()) {
            names.add(t == Transferability.UC_TRANSFERABLE ? "UC-transferable" : "CSU-transferable");
        }
        return String.join(" or ", names);
    }

    private static String letters(List<AgSubject> areas) {
        StringBuilder out = new StringBuilder();
        for (AgSubject area : areas) {
            if (out.length() > 0) {
                out.append(" and ");
            }
            out.append(area.letter());
        }
        return out.toString();
    }
}
