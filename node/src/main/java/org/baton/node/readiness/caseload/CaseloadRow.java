package org.baton.node.readiness.caseload;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.baton.node.readiness.AdmissionGpa;
import org.baton.node.readiness.AgResult;
import org.baton.node.readiness.AidReport;
import org.baton.node.readiness.AreaStatus;
import org.baton.node.readiness.GpaStanding;
import org.baton.node.readiness.ReadinessReport;
import org.baton.node.readiness.ReportedGpaCheck;
import org.baton.node.readiness.TransferProgress;
import org.baton.node.readiness.UpcomingDeadline;
import org.baton.node.readiness.rules.AgSubject;
import org.baton.node.readiness.rules.CounselingRules;
import org.baton.proto.v1.AidApplicationStatus;
import org.baton.proto.v1.GpaKind;
import org.baton.proto.v1.HigherEdSystem;

/**
 * One student of a caseload: the figures a counselor scans, and every reason the student is off track.
 *
 * @param student the caller's key for the student (a typed student id)
 * @param gradeLevel current grade level (13 for college students)
 * @param cohortYear the high-school graduation year
 * @param uc UC a-g status
 * @param csu CSU a-g status
 * @param ucMissing UC areas neither met nor in progress
 * @param ucGpa UC capped weighted GPA
 * @param csuGpa CSU capped weighted GPA
 * @param calGrantGpa the Cal Grant GPA
 * @param fafsa FAFSA/CADAA status
 * @param nextDeadline the soonest deadline not passed
 * @param flags every reason the student is off track; empty when on track
 * @param <K> the caller's student key
 */
public record CaseloadRow<K>(K student, int gradeLevel, int cohortYear, AreaStatus uc, AreaStatus csu,
        List<AgSubject> ucMissing, Optional<BigDecimal> ucGpa, Optional<BigDecimal> csuGpa,
        Optional<BigDecimal> calGrantGpa, AidApplicationStatus fafsa, Optional<UpcomingDeadline> nextDeadline,
        List<Flag> flags) {

    public CaseloadRow {
        Objects.requireNonNull(student, "student");
        ucMissing = List.copyOf(ucMissing);
        flags = List.copyOf(flags);
    }

    /** Whether any flag is raised. */
    public boolean offTrack() {
        return !flags.isEmpty();
    }

    /** Whether a flag of a kind is raised. */
    public boolean has(FlagKind kind) {
        for (Flag flag : flags) {
            if (flag.kind() == kind) {
                return true;
            }
        }
        return false;
    }

    /** The row of one evaluated student. */
    public static <K> CaseloadRow<K> of(K student, ReadinessReport report, CounselingRules rules) {
        List<Flag> flags = flags(report, rules);
        int grade = report.student().gradeLevel();
        AidReport aid = report.aid();
        List<AgSubject> missing = new ArrayList<>();
        for (AgSubject area : AgSubject.values()) {
            AreaStatus status = report.uc().area(area).status();
            if (status == AreaStatus.MISSING || status == AreaStatus.DEFICIENT) {
                missing.add(area);
            }
        }
        return new CaseloadRow<>(student, grade, report.student().cohortYear(), report.uc().status(),
                report.csu().status(), missing, report.ucGpa().cappedWeighted(), report.csuGpa().cappedWeighted(),
                report.calGrantGpa().value(), aid.fafsaCadaa().status(), aid.nextDeadline(), flags);
    }

    /** Every reason an evaluated student is off track, by the counseling rules; empty when on track. */
    public static List<Flag> flags(ReadinessReport report, CounselingRules rules) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(rules, "rules");
        int grade = report.student().gradeLevel();
        List<Flag> flags = new ArrayList<>();
        boolean highSchool = grade >= 7 && grade <= 12;
        if (highSchool) {
            areaFlags(report.uc(), grade, rules, flags);
            areaFlags(report.csu(), grade, rules, flags);
            report.uc().beforeSeniorYear().ifPresent(s -> {
                int required = s.coursesRequired() * 2;
                int courses = (s.semestersCompleted() + s.semestersInProgress()) / 2;
                if (grade >= 11 && s.semestersCompleted() + s.semestersInProgress() < required) {
                    flags.add(new Flag(FlagKind.COURSES_BEFORE_SENIOR_YEAR, Optional.of(HigherEdSystem.SYSTEM_UC),
                            Optional.empty(), courses + " of " + s.coursesRequired()
                                    + " a-g courses before the senior year",
                            FlagKind.COURSES_BEFORE_SENIOR_YEAR.name(), List.of(courses, s.coursesRequired())));
                }
            });
            gpaFlag(report.ucGpa(), flags);
            gpaFlag(report.csuGpa(), flags);
            report.calGrantGpa().value().ifPresent(v -> {
                if (!report.calGrantGpa().meetsB()) {
                    flags.add(new Flag(FlagKind.CAL_GRANT_GPA_BELOW, Optional.empty(), Optional.empty(),
                            "Cal Grant GPA " + v + " is below " + report.calGrantGpa().awardB(),
                            FlagKind.CAL_GRANT_GPA_BELOW.name(), List.of(v, report.calGrantGpa().awardB())));
                }
            });
        }
        AidReport aid = report.aid();
        boolean aidDue = report.student().senior() || grade == 13;
        if (aidDue && !aid.fafsaCadaa().complete() && aid.fafsaCadaa().status() != AidApplicationStatus.AID_OPTED_OUT) {
            flags.add(new Flag(FlagKind.FAFSA_NOT_SUBMITTED, Optional.empty(), Optional.empty(),
                    "FAFSA/CADAA " + aid.fafsaCadaa().awardYear() + ": " + aid.fafsaCadaa().status().name(),
                    FlagKind.FAFSA_NOT_SUBMITTED.name(), List.of(aid.fafsaCadaa().awardYear(),
                            aid.fafsaCadaa().status())));
        }
        if (aid.calGrantUpload().status() == AidReport.UploadStatus.NOT_UPLOADED) {
            Optional<UpcomingDeadline> due = aid.calGrantUpload().deadline();
            flags.add(new Flag(FlagKind.CAL_GRANT_GPA_NOT_UPLOADED, Optional.empty(), Optional.empty(),
                    "Cal Grant GPA not uploaded" + due.map(d -> "; due " + d.due()).orElse(""),
                    FlagKind.CAL_GRANT_GPA_NOT_UPLOADED.name() + (due.isPresent() ? "" : ".UNDATED"),
                    due.<List<Object>>map(d -> List.of(d.due())).orElse(List.of())));
        }
        for (AidReport.UploadProblem problem : aid.calGrantUpload().problems()) {
            flags.add(new Flag(FlagKind.CAL_GRANT_GPA_WRONG, Optional.empty(), Optional.empty(), problem.text(),
                    FlagKind.CAL_GRANT_GPA_WRONG.name() + "." + problem.kind().name(), List.of(problem.uploaded(),
                            problem.computed().map(BigDecimal::toPlainString).orElse("?"))));
        }
        for (ReportedGpaCheck check : report.reportedGpas()) {
            if (check.disagrees() && check.kind() != GpaKind.GPA_CAL_GRANT) {
                String computed = check.computed().map(BigDecimal::toPlainString).orElse("-");
                flags.add(new Flag(FlagKind.REPORTED_GPA_DIFFERS, Optional.empty(), Optional.empty(),
                        check.kind().name() + " reported " + check.reported() + ", Baton " + computed,
                        FlagKind.REPORTED_GPA_DIFFERS.name(), List.of(check.kind(), check.reported(), computed)));
            }
        }
        Optional<UpcomingDeadline> next = aid.nextDeadline();
        next.filter(d -> d.daysLeft() <= rules.deadlineNearDays()).ifPresent(d -> flags.add(new Flag(
                FlagKind.DEADLINE_NEAR, Optional.empty(), Optional.empty(), d.label() + " " + d.due() + " ("
                        + d.daysLeft() + " days)", FlagKind.DEADLINE_NEAR.name(),
                List.of(d.label(), d.due(), d.daysLeft()))));
        report.transfer().ifPresent(t -> transferFlags(t, flags));
        return flags;
    }

    private static void areaFlags(AgResult result, int grade, CounselingRules rules, List<Flag> flags) {
        for (AgSubject area : AgSubject.values()) {
            AgResult.Area a = result.area(area);
            if (a.status() == AreaStatus.DEFICIENT) {
                flags.add(new Flag(FlagKind.AREA_DEFICIENT, Optional.of(result.system()), Optional.of(area),
                        area.letter() + ": a D/F not cleared by a repeat or validation",
                        FlagKind.AREA_DEFICIENT.name(), List.of(area.letter())));
                continue;
            }
            if (a.status() == AreaStatus.MET || a.status() == AreaStatus.IN_PROGRESS) {
                continue;
            }
            int expected = Math.min(a.semestersRequired(), rules.expectedBy(area, grade));
            int have = a.semestersCompleted() + a.semestersInProgress();
            if (have < expected) {
                flags.add(new Flag(FlagKind.AREA_OFF_TRACK, Optional.of(result.system()), Optional.of(area),
                        area.letter() + ": " + have + " of " + expected + " semesters expected by the end of grade "
                                + grade, FlagKind.AREA_OFF_TRACK.name(),
                        List.of(area.letter(), have, expected, grade)));
            }
        }
    }

    private static void gpaFlag(AdmissionGpa gpa, List<Flag> flags) {
        if (gpa.standing() == GpaStanding.BELOW_MINIMUM || gpa.standing() == GpaStanding.REVIEW) {
            String system = gpa.system() == HigherEdSystem.SYSTEM_UC ? "UC" : "CSU";
            String value = gpa.cappedWeighted().map(BigDecimal::toPlainString).orElse("-");
            boolean review = gpa.standing() == GpaStanding.REVIEW;
            flags.add(new Flag(FlagKind.GPA_BELOW_MINIMUM, Optional.of(gpa.system()), Optional.empty(),
                    system + " GPA " + value + " is below " + gpa.minimum() + (review ? " (multi-factor review)" : ""),
                    FlagKind.GPA_BELOW_MINIMUM.name() + (review ? ".REVIEW" : ""),
                    List.of(system, value, gpa.minimum())));
        }
    }

    private static void transferFlags(TransferProgress t, List<Flag> flags) {
        t.csuTransferableGpa().filter(g -> g.compareTo(t.adt().gpaRequired()) < 0).ifPresent(g -> flags.add(
                new Flag(FlagKind.TRANSFER_GPA_BELOW, Optional.of(HigherEdSystem.SYSTEM_CSU), Optional.empty(),
                        "CSU-transferable GPA " + g + " is below " + t.adt().gpaRequired(),
                        FlagKind.TRANSFER_GPA_BELOW.name() + ".CSU", List.of(g, t.adt().gpaRequired()))));
        t.ucTransferableGpa().filter(g -> g.compareTo(t.uc().gpaRequired()) < 0).ifPresent(g -> flags.add(
                new Flag(FlagKind.TRANSFER_GPA_BELOW, Optional.of(HigherEdSystem.SYSTEM_UC), Optional.empty(),
                        "UC-transferable GPA " + g + " is below " + t.uc().gpaRequired(),
                        FlagKind.TRANSFER_GPA_BELOW.name() + ".UC", List.of(g, t.uc().gpaRequired()))));
    }
}
