package org.baton.node.readiness;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.baton.node.readiness.rules.AdmissionRules;
import org.baton.node.readiness.rules.AgSubject;
import org.baton.node.readiness.rules.CalGrantRules;
import org.baton.node.readiness.rules.RuleBook;
import org.baton.node.readiness.rules.TermPoint;
import org.baton.node.readiness.rules.TransferRules;
import org.baton.node.readiness.rules.Versioned;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.HigherEdSystem;
import org.baton.proto.v1.TermType;

/** The readiness engine: reads records, then runs a-g, GPAs, transfer and aid against the rule tables. */
final class DefaultReadinessEngine implements ReadinessEngine {

    private final RuleBook rules;
    private final EvaluationOptions options;
    private final Map<AdmissionRules.Version, AgEvaluator> evaluators = new IdentityHashMap<>();

    DefaultReadinessEngine(RuleBook rules, EvaluationOptions options) {
        this.rules = rules;
        this.options = options;
        for (AdmissionRules.Version version : rules.uc().versions()) {
            evaluators.put(version, new AgEvaluator(HigherEdSystem.SYSTEM_UC, version, options.ucCMinusCountsAsC()));
        }
        for (AdmissionRules.Version version : rules.csu().versions()) {
            evaluators.put(version, new AgEvaluator(HigherEdSystem.SYSTEM_CSU, version, Optional.empty()));
            if (options.csuGpaWindow().isPresent() && version.gpa().window(options.csuGpaWindow().get()).isEmpty()) {
                throw new IllegalArgumentException("CSU GPA window '" + options.csuGpaWindow().get()
                        + "' is not in the CSU rules for cohorts from " + version.cohortFrom() + "; windows there: "
                        + version.gpa().windows().keySet());
            }
        }
    }

    @Override
    public ReadinessReport evaluate(ReadinessInput input) {
        Objects.requireNonNull(input, "input");
        return evaluate(input, List.of());
    }

    @Override
    public WhatIfResult whatIf(ReadinessInput input, List<CourseRecord> plannedCourses) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(plannedCourses, "plannedCourses");
        ReadinessReport current = evaluate(input, List.of());
        ReadinessReport projected = evaluate(input, plannedCourses);
        return new WhatIfResult(current, projected, changes(current, projected));
    }

    private ReadinessReport evaluate(ReadinessInput input, List<CourseRecord> planned) {
        Trail trail = new Trail(options.explain());
        StudentContext ctx = StudentContext.read(input, planned, rules.counseling(), trail);
        int cohort = ctx.facts.cohortYear() > 0 ? ctx.facts.cohortYear() : Integer.MAX_VALUE;

        AdmissionRules.Version ucVersion = version(rules.uc(), cohort, "UC", trail);
        AdmissionRules.Version csuVersion = version(rules.csu(), cohort, "CSU", trail);
        AgEvaluator ucAg = evaluators.get(ucVersion);
        AgEvaluator csuAg = evaluators.get(csuVersion);

        Repeats ucRepeats = Repeats.resolve(ctx.courses, ucAg.rules().repeats().policy());
        Repeats csuRepeats = csuAg.rules().repeats().policy() == ucRepeats.policy() ? ucRepeats
                : Repeats.resolve(ctx.courses, csuAg.rules().repeats().policy());
        ucRepeats.explain(TrailScope.UC, trail);
        csuRepeats.explain(TrailScope.CSU, trail);
        AgResult uc = ucAg.evaluate(ctx, ucRepeats, trail);
        AgResult csu = csuAg.evaluate(ctx, csuRepeats, trail);

        AdmissionGpa ucGpa = GpaCalculator.admission(HigherEdSystem.SYSTEM_UC, ucVersion.gpa(),
                ucVersion.gpa().defaultWindow(), ucAg, ctx, ucRepeats, trail);
        AdmissionGpa csuGpa = GpaCalculator.admission(HigherEdSystem.SYSTEM_CSU, csuVersion.gpa(),
                options.csuGpaWindow().orElse(csuVersion.gpa().defaultWindow()), csuAg, ctx, csuRepeats, trail);
        CalGrantRules.Version calGrantVersion = Versioned.at(rules.calGrant().versions(), cohort);
        Repeats calGrantRepeats = calGrantVersion.repeats().policy() == ucRepeats.policy() ? ucRepeats
                : Repeats.resolve(ctx.courses, calGrantVersion.repeats().policy());
        calGrantRepeats.explain(TrailScope.CAL_GRANT_GPA, trail);
        CalGrantGpa calGrant = GpaCalculator.calGrant(calGrantVersion, ctx, calGrantRepeats, trail);

        Optional<TransferProgress> transfer = Optional.empty();
        if (TransferEvaluator.applies(ctx)) {
            TransferRules.Version transferVersion = Versioned.at(rules.transfer().versions(),
                    TermPoint.ordinal(ctx.currentAcademicYear, TermType.FALL));
            transfer = Optional.of(TransferEvaluator.evaluate(transferVersion,
                    calGrantVersion.cccTransferEntitlement(), ctx, trail));
        }
        BigDecimal tolerance = rules.counseling().reportedGpaTolerance();
        List<ReportedGpaCheck> reported = ReportedGpas.check(ctx, ucGpa, csuGpa, calGrant, transfer, tolerance, trail);
        AidReport aid = AidEvaluator.evaluate(ctx, rules.deadlines(), reported, trail);
        return new ReadinessReport(ctx.facts, input.asOf(), uc, csu, ucGpa, csuGpa, calGrant, reported, transfer, aid,
                ctx.excluded, trail.finish());
    }

    private static AdmissionRules.Version version(AdmissionRules admission, int cohort, String name, Trail trail) {
        AdmissionRules.Version version = Versioned.at(admission.versions(), cohort);
        if (cohort == Integer.MAX_VALUE) {
            trail.add(TrailScope.RECORDS, TrailCode.RULES_VERSION, null, name, version.cohortFrom(), "unknown (latest rules)");
        } else if (version.cohortFrom() > cohort) {
            trail.add(TrailScope.RECORDS, TrailCode.RULES_VERSION_FALLBACK, null, name, cohort, version.cohortFrom());
        } else {
            trail.add(TrailScope.RECORDS, TrailCode.RULES_VERSION, null, name, version.cohortFrom(), cohort);
        }
        return version;
    }

    private static List<WhatIfResult.Change> changes(ReadinessReport before, ReadinessReport after) {
        List<WhatIfResult.Change> changes = new ArrayList<>();
        agChanges("UC", before.uc(), after.uc(), changes);
        agChanges("CSU", before.csu(), after.csu(), changes);
        gpaChange("UC GPA (capped weighted)", before.ucGpa().cappedWeighted(), after.ucGpa().cappedWeighted(), changes);
        gpaChange("UC GPA (unweighted)", before.ucGpa().unweighted(), after.ucGpa().unweighted(), changes);
        gpaChange("CSU GPA (capped weighted)", before.csuGpa().cappedWeighted(), after.csuGpa().cappedWeighted(),
                changes);
        gpaChange("Cal Grant GPA", before.calGrantGpa().value(), after.calGrantGpa().value(), changes);
        return changes;
    }

    private static void agChanges(String system, AgResult before, AgResult after, List<WhatIfResult.Change> out) {
        for (AgSubject area : AgSubject.values()) {
            AgResult.Area b = before.area(area);
            AgResult.Area a = after.area(area);
            if (b.status() != a.status() || b.semestersCompleted() != a.semestersCompleted()) {
                out.add(new WhatIfResult.Change(system + " area " + area.letter(),
                        b.status() + " (" + b.semestersCompleted() + "/" + b.semestersRequired() + " semesters)",
                        a.status() + " (" + a.semestersCompleted() + "/" + a.semestersRequired() + " semesters)"));
            }
        }
        if (before.status() != after.status()) {
            out.add(new WhatIfResult.Change(system + " a-g", before.status().toString(), after.status().toString()));
        }
        if (before.beforeSeniorYear().isPresent() && after.beforeSeniorYear().isPresent()
                && before.beforeSeniorYear().get().status() != after.beforeSeniorYear().get().status()) {
            out.add(new WhatIfResult.Change(system + " courses before senior year",
                    before.beforeSeniorYear().get().status().toString(), after.beforeSeniorYear().get().status().toString()));
        }
    }

    private static void gpaChange(String subject, Optional<BigDecimal> before, Optional<BigDecimal> after,
            List<WhatIfResult.Change> out) {
        if (!before.equals(after)) {
            out.add(new WhatIfResult.Change(subject, before.map(BigDecimal::toPlainString).orElse("none"),
                    after.map(BigDecimal::toPlainString).orElse("none")));
        }
    }
}
