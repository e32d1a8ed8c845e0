package org.baton.node.readiness;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.baton.node.readiness.rules.Rounding;
import org.baton.node.readiness.rules.RepeatPolicy;
import org.baton.node.readiness.rules.TermPoint;
import org.baton.node.readiness.rules.TransferRules;
import org.baton.proto.v1.AcademicProgram;
import org.baton.proto.v1.AwardKind;
import org.baton.proto.v1.CollegeApplication;
import org.baton.proto.v1.GeArea;
import org.baton.proto.v1.GePattern;
import org.baton.proto.v1.StudentRecord;
import org.baton.proto.v1.TermCalendar;
import org.baton.proto.v1.UcPatternArea;

/** Community-college transfer progress. */
final class TransferEvaluator {

    private static final TrailScope SCOPE = TrailScope.TRANSFER;

    private final TransferRules.Version rules;
    /** Internal units are hundredths of a semester unit times {@link #quarter}: exact for quarter units too. */
    private final int semester;
    private final int quarter;
    private final Mark patternMinimumC;

    private TransferEvaluator(TransferRules.Version rules) {
        this.rules = rules;
        this.semester = rules.semesterUnitsPerQuarterUnits().get(0);
        this.quarter = rules.semesterUnitsPerQuarterUnits().get(1);
        this.patternMinimumC = Mark.parse(rules.adt().majorMinimum());
    }

    /** Whether a student is evaluated for transfer: a college student, a declared program, or college-only courses. */
    static boolean applies(StudentContext ctx) {
        if (ctx.facts.gradeLevel() == Course.COLLEGE_LEVEL) {
            return true;
        }
        for (StudentRecord record : ctx.records) {
            if (record.getProgramsCount() > 0) {
                return true;
            }
        }
        for (Course c : ctx.courses) {
            if (c.college && !c.dualEnrollment) {
                return true;
            }
        }
        return false;
    }

    static TransferProgress evaluate(TransferRules.Version rules, BigDecimal entitlementGpa, StudentContext ctx,
            Trail trail) {
        return new TransferEvaluator(rules).run(ctx, entitlementGpa, trail);
    }

    private long units(Course c) {
        return c.unitSystem == TermCalendar.QUARTER ? (long) c.units * semester : (long) c.units * quarter;
    }

    private long fromSemesterHundredths(int hundredths) {
        return (long) hundredths * quarter;
    }

    private BigDecimal display(long internal) {
        return BigDecimal.valueOf(internal).divide(BigDecimal.valueOf(quarter * 100L), 2, RoundingMode.DOWN);
    }

    private TransferProgress run(StudentContext ctx, BigDecimal entitlementGpa, Trail trail) {
        List<Course> college = new ArrayList<>();
        for (Course c : ctx.courses) {
            if (c.college) {
                college.add(c);
            }
        }
        Repeats repeats = Repeats.resolve(college, RepeatPolicy.LATEST);
        repeats.explain(SCOPE, trail);
        long csuUnits = 0;
        long ucUnits = 0;
        long inProgress = 0;
        long csuPoints = 0;
        long csuGraded = 0;
        long ucPoints = 0;
        long ucGraded = 0;
        long majorUnits = 0;
        long allPoints = 0;
        long allGraded = 0;
        List<Course> counted = new ArrayList<>(college.size());
        for (Course c : college) {
            if (repeats.setAside(c)) {
                continue;
            }
            counted.add(c);
            long u = units(c);
            String kind = (c.csuTransferable && c.ucTransferable) ? "CSU- and UC-transferable"
                    : c.csuTransferable ? "CSU-transferable" : c.ucTransferable ? "UC-transferable" : "not transferable";
            String unitText = Units.format(c.units);
            String system = c.unitSystem == TermCalendar.QUARTER ? "quarter" : "semester";
            switch (c.mark.kind) {
                case PENDING -> {
                    inProgress += u;
                    trail.add(SCOPE, TrailCode.TRANSFER_COURSE, c.recordId, c.title, c.term, c.mark, unitText, system,
                            kind + ", in progress");
                    continue;
                }
                case WITHDRAWN -> {
                    trail.add(SCOPE, TrailCode.TRANSFER_COURSE, c.recordId, c.title, c.term, c.mark, unitText, system,
                            "withdrawn, no units");
                    continue;
                }
                default -> {
                }
            }
            boolean earns = (c.mark.isLetter() && c.mark != Mark.F) || c.mark.kind == Mark.Kind.PASS;
            Integer tenths = c.mark.isLetter() ? rules.collegeGradePoints().get(c.mark.text) : null;
            if (c.mark.isLetter() && tenths == null) {
                tenths = rules.collegeGradePoints().get(c.mark.letter.name());
            }
            if (earns && c.csuTransferable) {
                csuUnits += u;
            }
            if (earns && c.ucTransferable) {
                ucUnits += u;
            }
            if (tenths != null) {
                allPoints += tenths * u;
                allGraded += u;
            }
            if (tenths != null && c.csuTransferable) {
                csuPoints += tenths * u;
                csuGraded += u;
            }
            if (tenths != null && c.ucTransferable) {
                ucPoints += tenths * u;
                ucGraded += u;
            }
            boolean majorGrade = c.mark.atLeast(patternMinimumC, false) || c.mark.kind == Mark.Kind.PASS;
            if (c.appliesToMajor && majorGrade) {
                majorUnits += u;
            }
            trail.add(SCOPE, TrailCode.TRANSFER_COURSE, c.recordId, c.title, c.term, c.mark, unitText, system,
                    kind + (earns ? "" : ", no units") + (tenths != null && (c.csuTransferable || c.ucTransferable)
                            ? ", in the transferable GPA" : "") + (c.appliesToMajor ? (majorGrade ? ", major course"
                                    : ", major course below " + patternMinimumC) : ""));
        }
        long ucCap = fromSemesterHundredths(rules.ucTransfer().maxCccUnits());
        long ucCounted = Math.min(ucUnits, ucCap);
        trail.add(SCOPE, TrailCode.TRANSFER_UNITS, null, "CSU-transferable units", display(csuUnits), "");
        trail.add(SCOPE, TrailCode.TRANSFER_UNITS, null, "UC-transferable units", display(ucUnits),
                ucUnits > ucCap ? "; at most " + display(ucCap) + " community-college units transfer" : "");
        Optional<BigDecimal> csuGpa = gpa("CSU-transferable GPA", csuPoints, csuGraded, trail);
        Optional<BigDecimal> ucGpa = gpa("UC-transferable GPA", ucPoints, ucGraded, trail);
        Optional<BigDecimal> collegeGpa = gpa("College GPA (all graded college units)", allPoints, allGraded, trail);

        // GE pattern: Cal-GETC, or a legacy pattern for students continuously enrolled before it.
        Optional<AcademicProgram> program = program(ctx);
        TermPoint since = continuousSince(program, counted);
        boolean legacy = since != null && since.compareTo(rules.calGetcFrom()) < 0;
        GePattern chosen = GePattern.CAL_GETC;
        GePattern asked = program.map(AcademicProgram::getGePattern).orElse(GePattern.GE_PATTERN_UNSPECIFIED);
        if (asked == GePattern.IGETC || asked == GePattern.CSU_GE_BREADTH) {
            if (legacy) {
                chosen = asked;
                trail.add(SCOPE, TrailCode.TRANSFER_PATTERN_CHOSEN, null, asked, "the program follows it and the student "
                        + "has been continuously enrolled since " + since + ", before " + rules.calGetcFrom());
            } else {
                trail.add(SCOPE, TrailCode.TRANSFER_PATTERN_CHOSEN, null, GePattern.CAL_GETC, "the program names " + asked
                        + ", which only students continuously enrolled before " + rules.calGetcFrom() + " may follow");
            }
        } else {
            trail.add(SCOPE, TrailCode.TRANSFER_PATTERN_CHOSEN, null, GePattern.CAL_GETC, legacy
                    ? "IGETC and CSU GE-Breadth are also evaluated: continuously enrolled since " + since
                    : "the pattern from " + rules.calGetcFrom());
        }
        List<TransferProgress.Pattern> patterns = new ArrayList<>(3);
        TransferProgress.Pattern applicable = null;
        for (GePattern p : List.of(GePattern.CAL_GETC, GePattern.IGETC, GePattern.CSU_GE_BREADTH)) {
            if (p != GePattern.CAL_GETC && !legacy) {
                continue;
            }
            TransferProgress.Pattern result = pattern(p.name(), rules.pattern(p), counted, trail);
            patterns.add(result);
            if (p == chosen) {
                applicable = result;
            }
        }
        TransferProgress.Pattern seven = pattern(TransferRules.UC_SEVEN_COURSE,
                rules.patterns().get(TransferRules.UC_SEVEN_COURSE), counted, trail);

        // ADT.
        TransferRules.Adt adtRules = rules.adt();
        int majorRequiredHundredths = program.map(AcademicProgram::getMajorUnitsRequired).filter(u -> u > 0)
                .orElse(adtRules.majorUnits());
        long adtUnits = fromSemesterHundredths(adtRules.units());
        long majorRequired = fromSemesterHundredths(majorRequiredHundredths);
        List<String> adtMissing = new ArrayList<>();
        if (csuUnits < adtUnits) {
            adtMissing.add(display(adtUnits - csuUnits) + " more CSU-transferable units (" + display(csuUnits) + " of "
                    + display(adtUnits) + ")");
        }
        if (csuGpa.isEmpty() || csuGpa.get().compareTo(adtRules.gpa()) < 0) {
            adtMissing.add("a CSU-transferable GPA of " + adtRules.gpa() + csuGpa.map(g -> " (now " + g + ")").orElse(""));
        }
        if (majorUnits < majorRequired) {
            adtMissing.add(display(majorRequired - majorUnits) + " more major units with " + adtRules.majorMinimum()
                    + " or better (" + display(majorUnits) + " of " + display(majorRequired) + ")");
        }
        if (!applicable.complete()) {
            adtMissing.add(missingOf(applicable));
        }
        TransferProgress.Adt adt = new TransferProgress.Adt(adtMissing.isEmpty(), display(csuUnits), display(adtUnits),
                display(majorUnits), display(majorRequired), csuGpa, adtRules.gpa(), applicable.complete(), adtMissing);
        trail.add(SCOPE, TrailCode.TRANSFER_ADT, null, adtMissing.isEmpty() ? "every requirement met"
                : "missing " + String.join("; ", adtMissing));

        // UC transfer.
        TransferRules.UcTransfer ucRules = rules.ucTransfer();
        BigDecimal ucGpaRequired = ctx.facts.resident() ? ucRules.residentGpa() : ucRules.nonResidentGpa();
        long ucRequired = fromSemesterHundredths(ucRules.units());
        List<String> ucMissing = new ArrayList<>();
        if (ucCounted < ucRequired) {
            ucMissing.add(display(ucRequired - ucCounted) + " more UC-transferable units (" + display(ucCounted) + " of "
                    + display(ucRequired) + ")");
        }
        if (ucGpa.isEmpty() || ucGpa.get().compareTo(ucGpaRequired) < 0) {
            ucMissing.add("a UC-transferable GPA of " + ucGpaRequired + ucGpa.map(g -> " (now " + g + ")").orElse(""));
        }
        if (!seven.complete()) {
            ucMissing.add(missingOf(seven));
        }
        TransferProgress.UcTransfer uc = new TransferProgress.UcTransfer(ucMissing.isEmpty(), display(ucCounted),
                display(ucRequired), ucGpa, ucGpaRequired, seven.complete(), ucMissing);
        trail.add(SCOPE, TrailCode.TRANSFER_UC, null, ucMissing.isEmpty() ? "every requirement met"
                : "missing " + String.join("; ", ucMissing));

        // TAG.
        long tagUnits = fromSemesterHundredths(rules.tag().minUnits());
        List<TransferProgress.TagCampus> tag = new ArrayList<>();
        for (TransferRules.TagCampus campus : rules.tag().campuses()) {
            List<String> missing = new ArrayList<>(2);
            if (ucUnits < tagUnits) {
                missing.add(display(tagUnits - ucUnits) + " more UC-transferable units");
            }
            if (ucGpa.isEmpty() || ucGpa.get().compareTo(campus.gpa()) < 0) {
                missing.add("a UC-transferable GPA of " + campus.gpa() + ucGpa.map(g -> " (now " + g + ")").orElse(""));
            }
            tag.add(new TransferProgress.TagCampus(campus.campus(), campus.gpa(), missing.isEmpty(), missing));
            trail.add(SCOPE, TrailCode.TRANSFER_TAG, null, campus.campus(), campus.gpa(),
                    missing.isEmpty() ? "eligible" : "missing " + String.join("; ", missing));
        }
        int tagApplications = 0;
        for (StudentRecord record : ctx.records) {
            for (CollegeApplication application : record.getCollegeApplicationsList()) {
                if (application.getTag()) {
                    tagApplications++;
                }
            }
        }
        if (tagApplications > 1) {
            trail.add(SCOPE, TrailCode.TRANSFER_TAG_ONE_CAMPUS, null, tagApplications);
        }
        return new TransferProgress(program.map(p -> (p.getProgramCode() + " " + p.getTitle()).strip()), chosen, legacy,
                since == null ? "" : since.toString(), display(csuUnits), display(ucUnits), display(ucCounted),
                display(inProgress), csuGpa, ucGpa, collegeGpa, entitlementGpa, adt, uc, patterns, seven, tag);
    }

    private Optional<BigDecimal> gpa(String name, long points, long graded, Trail trail) {
        if (graded == 0) {
            return Optional.empty();
        }
        // points are tenths x units; the GPA is points / (graded units x 10).
        BigDecimal value = Gpas.divide(points, graded * 10, rules.rounding() == Rounding.HALF_UP ? Rounding.HALF_UP
                : Rounding.TRUNCATE);
        trail.add(SCOPE, TrailCode.TRANSFER_GPA, null, name, BigDecimal.valueOf(points).divide(
                BigDecimal.valueOf(quarter * 1000L), 2, RoundingMode.DOWN), display(graded), value);
        return Optional.of(value);
    }

    private static Optional<AcademicProgram> program(StudentContext ctx) {
        AcademicProgram any = null;
        for (StudentRecord record : ctx.records) {
            for (AcademicProgram p : record.getProgramsList()) {
                if (p.getAwardKind() == AwardKind.ASSOCIATE_ARTS_TRANSFER
                        || p.getAwardKind() == AwardKind.ASSOCIATE_SCIENCE_TRANSFER) {
                    return Optional.of(p);
                }
                if (any == null) {
                    any = p;
                }
            }
        }
        return Optional.ofNullable(any);
    }

    private static TermPoint continuousSince(Optional<AcademicProgram> program, List<Course> college) {
        if (program.isPresent() && program.get().hasContinuousEnrollmentSince()
                && program.get().getContinuousEnrollmentSince().getAcademicYear() > 1900) {
            org.baton.proto.v1.Term t = program.get().getContinuousEnrollmentSince();
            org.baton.proto.v1.TermType type = t.getType() == org.baton.proto.v1.TermType.TERM_TYPE_UNSPECIFIED
                    || t.getType() == org.baton.proto.v1.TermType.UNRECOGNIZED ? org.baton.proto.v1.TermType.FALL
                    : t.getType();
            return new TermPoint(t.getAcademicYear(), type);
        }
        for (Course c : college) {
            if (!c.dualEnrollment) {
                return new TermPoint(c.term.academicYear(), c.term.type());
            }
        }
        return null;
    }

    private static String missingOf(TransferProgress.Pattern pattern) {
        List<String> parts = new ArrayList<>();
        for (TransferProgress.Slot slot : pattern.slots()) {
            if (slot.recordId().isEmpty() || slot.inProgress()) {
                parts.add(slot.label() + (slot.inProgress() ? " (in progress)" : ""));
            }
        }
        parts.addAll(pattern.unmetGroups());
        if (pattern.units().compareTo(pattern.unitsRequired()) < 0) {
            parts.add(pattern.unitsRequired().subtract(pattern.units()) + " more units");
        }
        return pattern.label() + ": " + (parts.isEmpty() ? "incomplete" : String.join(", ", parts));
    }

    // ---- pattern matching ----

    private static final class Candidate {
        final Course course;
        final Set<String> codes;
        final boolean pending;
        final String discipline;

        Candidate(Course course, Set<String> codes, boolean pending) {
            this.course = course;
            this.codes = codes;
            this.pending = pending;
            this.discipline = disciplineOf(course);
        }
    }

    /** The course's discipline, or the subject prefix of its course id ("PSYC 1" → "PSYC"). */
    static String disciplineOf(Course c) {
        if (c.discipline != null) {
            return c.discipline;
        }
        String id = c.localCourseId;
        int end = 0;
        while (end < id.length() && Character.isLetter(id.charAt(end))) {
            end++;
        }
        return end == 0 ? id : id.substring(0, end).toUpperCase(java.util.Locale.ROOT);
    }

    private TransferProgress.Pattern pattern(String key, TransferRules.Pattern pattern, List<Course> courses,
            Trail trail) {
        Mark minimum = Mark.parse(pattern.minimum());
        List<Candidate> done = new ArrayList<>();
        List<Candidate> all = new ArrayList<>();
        for (Course c : courses) {
            Set<String> codes = codes(c, pattern);
            if (codes.isEmpty()) {
                continue;
            }
            boolean accepted = c.mark.atLeast(minimum, false) || (pattern.passAccepted() && c.mark.kind == Mark.Kind.PASS);
            if (accepted) {
                Candidate candidate = new Candidate(c, codes, false);
                done.add(candidate);
                all.add(candidate);
            } else if (c.mark.kind == Mark.Kind.PENDING) {
                all.add(new Candidate(c, codes, true));
            }
        }
        Matcher completed = new Matcher(pattern, done);
        completed.run();
        boolean complete = completed.bestComplete;
        Matcher shown = completed;
        boolean completeLater = complete;
        if (!complete && all.size() > done.size()) {
            Matcher withPending = new Matcher(pattern, all);
            withPending.run();
            completeLater = withPending.bestComplete;
            if (withPending.bestFilled > completed.bestFilled || completeLater) {
                shown = withPending;
            }
        }
        List<TransferProgress.Slot> slots = new ArrayList<>(pattern.slots().size());
        long units = 0;
        for (int i = 0; i < pattern.slots().size(); i++) {
            TransferRules.Slot slot = pattern.slots().get(i);
            Candidate filled = shown.best == null ? null : shown.best[i];
            if (filled == null) {
                slots.add(new TransferProgress.Slot(slot.id(), slot.label(), Optional.empty(), Optional.empty(), false));
                trail.add(SCOPE, TrailCode.TRANSFER_SLOT_EMPTY, null, pattern.label(), slot.label(), "");
            } else {
                slots.add(new TransferProgress.Slot(slot.id(), slot.label(), Optional.of(filled.course.recordId),
                        Optional.of(filled.course.title), filled.pending));
                if (!filled.pending) {
                    units += units(filled.course);
                }
                trail.add(SCOPE, TrailCode.TRANSFER_SLOT, filled.course.recordId, pattern.label(),
                        filled.course.title + (filled.pending ? " (in progress)" : ""), slot.label());
            }
        }
        List<String> unmet = shown.best == null ? List.of() : shown.unmetGroups(shown.best);
        for (String group : unmet) {
            trail.add(SCOPE, TrailCode.TRANSFER_GROUP_UNMET, null, pattern.label(), group);
        }
        return new TransferProgress.Pattern(key, pattern.label(), complete, completeLater, slots, unmet, display(units),
                display(fromSemesterHundredths(pattern.minUnits())));
    }

    private static Set<String> codes(Course c, TransferRules.Pattern pattern) {
        Optional<GePattern> ge = pattern.gePatternValue();
        Set<String> codes = new LinkedHashSet<>(2);
        if (ge.isPresent()) {
            for (GeArea area : c.geAreas) {
                if (area.getPattern() == ge.get()) {
                    codes.add(area.getArea());
                }
            }
        } else {
            for (UcPatternArea area : c.ucPatternAreas) {
                codes.add(area.name());
            }
        }
        return codes;
    }

    /** Backtracking assignment of distinct courses to slots, maximising filled slots with every group met. */
    private final class Matcher {
        private static final int STEP_LIMIT = 200_000;
        private final TransferRules.Pattern pattern;
        private final List<Candidate> candidates;
        private final Candidate[] assigned;
        private final Set<Candidate> used = new HashSet<>();
        private final long minUnits;
        Candidate[] best;
        int bestFilled = -1;
        boolean bestComplete;
        private int steps;

        Matcher(TransferRules.Pattern pattern, List<Candidate> candidates) {
            this.pattern = pattern;
            this.candidates = candidates;
            this.assigned = new Candidate[pattern.slots().size()];
            this.minUnits = fromSemesterHundredths(pattern.minUnits());
        }

        void run() {
            search(0, 0);
            if (best == null) {
                best = assigned.clone();
                bestFilled = 0;
            }
        }

        private void search(int i, int filled) {
            if (bestComplete || ++steps > STEP_LIMIT) {
                return;
            }
            int n = pattern.slots().size();
            if (filled + (n - i) < bestFilled) {
                return;
            }
            if (i == n) {
                boolean groupsMet = unmetGroups(assigned).isEmpty();
                boolean complete = filled == n && groupsMet && unitsOf(assigned) >= minUnits;
                if (complete || filled > bestFilled || (filled == bestFilled && best != null && groupsMet
                        && !unmetGroups(best).isEmpty())) {
                    best = assigned.clone();
                    bestFilled = filled;
                    bestComplete = complete;
                }
                return;
            }
            List<String> accepts = pattern.slots().get(i).areas();
            for (Candidate c : candidates) {
                if (used.contains(c) || !carriesAny(c, accepts)) {
                    continue;
                }
                used.add(c);
                assigned[i] = c;
                search(i + 1, filled + 1);
                assigned[i] = null;
                used.remove(c);
                if (bestComplete) {
                    return;
                }
            }
            search(i + 1, filled);
        }

        private boolean carriesAny(Candidate c, List<String> areas) {
            for (String area : areas) {
                if (c.codes.contains(area)) {
                    return true;
                }
            }
            return false;
        }

        private long unitsOf(Candidate[] slots) {
            long total = 0;
            for (Candidate c : slots) {
                if (c != null && !c.pending) {
                    total += units(c.course);
                }
            }
            return total;
        }

        List<String> unmetGroups(Candidate[] slots) {
            List<String> unmet = new ArrayList<>(0);
            Map<String, Integer> index = slotIndex();
            for (TransferRules.Group group : pattern.groups()) {
                Set<String> disciplines = new HashSet<>();
                Set<String> areas = new HashSet<>();
                boolean complete = true;
                boolean required = group.requiredArea().isEmpty();
                long units = 0;
                for (String slotId : group.slots()) {
                    int i = index.get(slotId);
                    Candidate c = slots[i];
                    if (c == null) {
                        complete = false;
                        continue;
                    }
                    disciplines.add(c.discipline);
                    for (String area : pattern.slots().get(i).areas()) {
                        if (c.codes.contains(area)) {
                            areas.add(area);
                            break;
                        }
                    }
                    if (group.requiredArea().isPresent() && c.codes.contains(group.requiredArea().get())) {
                        required = true;
                    }
                    units += units(c.course);
                }
                boolean met = complete && required && disciplines.size() >= group.minDistinctDisciplines()
                        && areas.size() >= group.minDistinctAreas() && units >= fromSemesterHundredths(group.minUnits());
                if (!met) {
                    unmet.add(group.label());
                }
            }
            return unmet;
        }

        private Map<String, Integer> slotIndex() {
            Map<String, Integer> index = new java.util.HashMap<>();
            for (int i = 0; i < pattern.slots().size(); i++) {
                index.put(pattern.slots().get(i).id(), i);
            }
            return index;
        }
    }
}
