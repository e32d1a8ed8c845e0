package org.baton.node.readiness;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.baton.node.readiness.rules.DeadlineKind;
import org.baton.node.readiness.rules.DeadlineRules;
import org.baton.proto.v1.AidApplicationKind;
import org.baton.proto.v1.AidApplicationStatus;
import org.baton.proto.v1.ApplicationStatus;
import org.baton.proto.v1.CollegeApplication;
import org.baton.proto.v1.FinancialAidApplication;
import org.baton.proto.v1.GpaKind;
import org.baton.proto.v1.HigherEdSystem;
import org.baton.proto.v1.ReportedGpa;
import org.baton.proto.v1.StudentRecord;
import org.baton.proto.v1.TermType;

/** Financial aid, Cal Grant GPA upload and applications, with deadlines. */
final class AidEvaluator {

    private static final TrailScope SCOPE = TrailScope.AID;

    private AidEvaluator() {
    }

    static AidReport evaluate(StudentContext ctx, DeadlineRules deadlines, List<ReportedGpaCheck> reported,
            Trail trail) {
        LocalDate asOf = ctx.asOf;
        StudentFacts facts = ctx.facts;
        boolean highSchool = facts.gradeLevel() >= 7 && facts.gradeLevel() <= 12 && facts.cohortYear() > 0;
        List<UpcomingDeadline> upcoming = new ArrayList<>();

        // FAFSA / CADAA: a high-school student's award year starts the fall after graduation; otherwise the next
        // award year whose deadline has not passed.
        DeadlineRules.Deadline fafsaRule = deadlines.get(DeadlineKind.FAFSA_CADAA);
        int awardYear = highSchool ? facts.cohortYear()
                : (asOf.isAfter(fafsaRule.dueFor(asOf.getYear())) ? asOf.getYear() + 1 : asOf.getYear());
        int following = (awardYear + 1) % 100;
        String awardYearText = awardYear + (following < 10 ? "-0" : "-") + following;
        FinancialAidApplication best = null;
        for (StudentRecord record : ctx.records) {
            for (FinancialAidApplication app : record.getFinancialAidList()) {
                if (app.getAwardYear().startsWith(awardYearText.substring(0, 5))
                        && (best == null || rank(app.getStatus()) > rank(best.getStatus()))) {
                    best = app;
                }
            }
        }
        AidApplicationStatus status = best == null ? AidApplicationStatus.AID_NOT_STARTED : best.getStatus();
        boolean complete = status == AidApplicationStatus.AID_SUBMITTED || status == AidApplicationStatus.AID_PROCESSED;
        Optional<UpcomingDeadline> fafsaDeadline = Optional.empty();
        boolean relevant = !highSchool || facts.gradeLevel() >= 11;
        if (!complete && status != AidApplicationStatus.AID_OPTED_OUT && relevant) {
            fafsaDeadline = Optional.of(deadline(fafsaRule, awardYear, asOf));
            upcoming.add(fafsaDeadline.get());
        }
        AidReport.AidItem fafsa = new AidReport.AidItem(awardYearText,
                Optional.ofNullable(best).map(FinancialAidApplication::getKind)
                        .filter(k -> k != AidApplicationKind.AID_APPLICATION_KIND_UNSPECIFIED),
                status, Optional.ofNullable(best).map(FinancialAidApplication::getStatusDate).filter(d -> !d.isEmpty()),
                complete, fafsaDeadline);
        trail.add(SCOPE, TrailCode.AID_STATUS, null, best == null ? "FAFSA / CADAA" : best.getKind(), awardYearText,
                status, best == null ? " (none on record)" : best.getStatusDate().isEmpty() ? "" : " on " + best.getStatusDate());

        // Ed Code 51225.7: every senior submits a FAFSA/CADAA or files the opt-out form.
        AidReport.Confirmation confirmation = !facts.senior() ? AidReport.Confirmation.NOT_APPLICABLE
                : complete ? AidReport.Confirmation.SUBMITTED
                        : status == AidApplicationStatus.AID_OPTED_OUT ? AidReport.Confirmation.OPTED_OUT
                                : AidReport.Confirmation.NOT_CONFIRMED;
        if (facts.senior()) {
            trail.add(SCOPE, TrailCode.AID_CONFIRMATION, null, switch (confirmation) {
                case SUBMITTED -> "confirmed: application submitted";
                case OPTED_OUT -> "confirmed: opt-out form filed";
                default -> "not confirmed: neither an application nor an opt-out form is on record";
            });
        }

        AidReport.CalGrantUpload upload = upload(ctx, deadlines, reported, upcoming, trail);

        // Applications.
        List<AidReport.ApplicationItem> applications = new ArrayList<>();
        boolean ucApplied = false;
        for (StudentRecord record : ctx.records) {
            for (CollegeApplication app : record.getCollegeApplicationsList()) {
                int entryYear = app.getEntryTerm().getType() == TermType.FALL || app.getEntryTerm().getAcademicYear() == 0
                        ? app.getEntryTerm().getAcademicYear() : app.getEntryTerm().getAcademicYear() + 1;
                Optional<UpcomingDeadline> next = Optional.empty();
                if (app.getSystem() == HigherEdSystem.SYSTEM_UC && entryYear > 0) {
                    ucApplied |= app.getStatus() != ApplicationStatus.APP_STARTED;
                    DeadlineKind kind = switch (app.getStatus()) {
                        case APP_STARTED -> app.getTag() ? DeadlineKind.UC_TAG : DeadlineKind.UC_APPLICATION;
                        case APP_ADMITTED, APP_INTENT_TO_REGISTER -> DeadlineKind.UC_FINAL_TRANSCRIPT;
                        default -> null;
                    };
                    if (kind != null) {
                        next = Optional.of(deadline(deadlines.get(kind), entryYear, asOf));
                        upcoming.add(next.get());
                    }
                }
                String entry = app.hasEntryTerm() && app.getEntryTerm().getAcademicYear() > 0
                        ? new Course.Term(app.getEntryTerm().getAcademicYear(), app.getEntryTerm().getType()).toString()
                        : "(term not given)";
                applications.add(new AidReport.ApplicationItem(app.getSystem(), app.getCampus(), entry, app.getStatus(),
                        Optional.of(app.getStatusDate()).filter(d -> !d.isEmpty()), app.getTag(), next));
                trail.add(SCOPE, TrailCode.AID_APPLICATION, null, systemName(app.getSystem()) + (app.getTag() ? " TAG" : ""),
                        app.getCampus().isEmpty() ? "(campus not given)" : app.getCampus(), entry, app.getStatus(),
                        next.map(d -> "; next deadline " + d.due()).orElse(""));
            }
        }
        // A senior without a UC application: the UC filing period for the fall after graduation.
        if (facts.senior() && !ucApplied && facts.cohortYear() > 0) {
            UpcomingDeadline ucWindow = deadline(deadlines.get(DeadlineKind.UC_APPLICATION), facts.cohortYear(), asOf);
            if (!ucWindow.passed()) {
                upcoming.add(ucWindow);
            }
        }
        // A community-college student: the next TAG filing period.
        if (facts.gradeLevel() == Course.COLLEGE_LEVEL) {
            DeadlineRules.Deadline tagRule = deadlines.get(DeadlineKind.UC_TAG);
            int entry = asOf.getYear() + 1;
            if (asOf.isAfter(tagRule.dueFor(entry))) {
                entry++;
            }
            upcoming.add(deadline(tagRule, entry, asOf));
        }
        upcoming.sort(Comparator.comparing(UpcomingDeadline::due).thenComparing(UpcomingDeadline::kind));
        List<UpcomingDeadline> distinct = new ArrayList<>(upcoming.size());
        boolean explain = trail.enabled();
        for (UpcomingDeadline d : upcoming) {
            boolean seen = false;
            for (UpcomingDeadline x : distinct) {
                seen |= x.kind() == d.kind() && x.due().equals(d.due());
            }
            if (!seen) {
                distinct.add(d);
                if (!explain) {
                    continue;
                } else if (d.passed()) {
                    trail.add(SCOPE, TrailCode.AID_PAST, null, d.label(), d.due());
                } else {
                    trail.add(SCOPE, TrailCode.AID_DEADLINE, null, d.label(), d.due(),
                            d.opens().map(o -> " (opens " + o + ")").orElse(""), d.daysLeft(), asOf);
                }
            }
        }
        return new AidReport(fafsa, confirmation, upload, applications, distinct);
    }

    private static AidReport.CalGrantUpload upload(StudentContext ctx, DeadlineRules deadlines,
            List<ReportedGpaCheck> reported, List<UpcomingDeadline> upcoming, Trail trail) {
        StudentFacts facts = ctx.facts;
        if (facts.gradeLevel() == 11 && facts.cohortYear() > 0) {
            UpcomingDeadline notice = deadline(deadlines.get(DeadlineKind.CAL_GRANT_OPT_OUT_NOTICE), facts.cohortYear() - 1,
                    ctx.asOf);
            if (!notice.passed()) {
                upcoming.add(notice);
            }
        }
        if (!facts.senior()) {
            return new AidReport.CalGrantUpload(AidReport.UploadStatus.NOT_APPLICABLE, Optional.empty(),
                    Optional.empty(), Optional.empty(), List.of());
        }
        if (facts.calGrantGpaOptOut()) {
            trail.add(SCOPE, TrailCode.AID_UPLOAD, null, "the student or parent opted out; no GPA is uploaded");
            return new AidReport.CalGrantUpload(AidReport.UploadStatus.OPTED_OUT, Optional.empty(), Optional.empty(),
                    Optional.empty(), List.of());
        }
        ReportedGpa uploaded = null;
        for (StudentRecord record : ctx.records) {
            for (ReportedGpa gpa : record.getReportedGpasList()) {
                if (gpa.getKind() == GpaKind.GPA_CAL_GRANT && !gpa.getSubmittedOn().isEmpty()
                        && (uploaded == null || gpa.getSubmittedOn().compareTo(uploaded.getSubmittedOn()) > 0)) {
                    uploaded = gpa;
                }
            }
        }
        if (uploaded == null) {
            UpcomingDeadline due = deadline(deadlines.get(DeadlineKind.CAL_GRANT_GPA_UPLOAD), facts.cohortYear() - 1,
                    ctx.asOf);
            upcoming.add(due);
            trail.add(SCOPE, TrailCode.AID_UPLOAD, null, "not uploaded; due " + due.due());
            return new AidReport.CalGrantUpload(AidReport.UploadStatus.NOT_UPLOADED, Optional.empty(), Optional.empty(),
                    Optional.of(due), List.of());
        }
        BigDecimal value = BigDecimal.valueOf(uploaded.getValue(), 3);
        List<AidReport.UploadProblem> problems = new ArrayList<>();
        for (ReportedGpaCheck check : reported) {
            if (check.kind() == GpaKind.GPA_CAL_GRANT && check.reported().compareTo(value) == 0) {
                if (check.looksWeighted()) {
                    problems.add(new AidReport.UploadProblem(AidReport.UploadProblem.Kind.LOOKS_WEIGHTED, value,
                            check.computed()));
                }
                if (check.disagrees()) {
                    problems.add(new AidReport.UploadProblem(AidReport.UploadProblem.Kind.DIFFERS, value,
                            check.computed()));
                }
            }
        }
        trail.add(SCOPE, TrailCode.AID_UPLOAD, null, "uploaded " + value + " on " + uploaded.getSubmittedOn()
                + (problems.isEmpty() ? "" : "; " + String.join("; ", problems.stream()
                        .map(AidReport.UploadProblem::text).toList())));
        return new AidReport.CalGrantUpload(AidReport.UploadStatus.UPLOADED, Optional.of(uploaded.getSubmittedOn()),
                Optional.of(value), Optional.empty(), problems);
    }

    static UpcomingDeadline deadline(DeadlineRules.Deadline rule, int anchorYear, LocalDate asOf) {
        LocalDate due = rule.dueFor(anchorYear);
        return new UpcomingDeadline(rule.kind(), rule.label(), rule.opensFor(anchorYear), due,
                ChronoUnit.DAYS.between(asOf, due), rule.source());
    }

    private static int rank(AidApplicationStatus status) {
        return switch (status) {
            case AID_PROCESSED -> 6;
            case AID_SUBMITTED -> 5;
            case AID_OPTED_OUT -> 4;
            case AID_ACTION_REQUIRED -> 3;
            case AID_STARTED -> 2;
            case AID_NOT_STARTED -> 1;
            default -> 0;
        };
    }

    private static String systemName(HigherEdSystem system) {
        return switch (system) {
            case SYSTEM_UC -> "UC";
            case SYSTEM_CSU -> "CSU";
            case SYSTEM_CCC -> "CCC";
            case SYSTEM_PRIVATE_CA -> "private California";
            case SYSTEM_OUT_OF_STATE -> "out-of-state";
            default -> "college";
        };
    }
}
