package org.baton.node.readiness;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.baton.node.readiness.rules.AgSubject;

/** A readiness report as plain text for people (what {@code baton readiness --text} prints). */
public final class ReadinessReportText {

    private ReadinessReportText() {
    }

    /** The report as text, ending with the explanation trail. */
    public static String render(ReadinessReport report) {
        Objects.requireNonNull(report, "report");
        StringBuilder out = new StringBuilder(8192);
        StudentFacts s = report.student();
        out.append("Readiness as of ").append(report.asOf()).append(": cohort ")
                .append(s.cohortYear() == 0 ? "unknown" : s.cohortYear() + (s.cohortAssumed() ? " (assumed)" : ""))
                .append(", grade ").append(s.gradeLevel() == 13 ? "college" : s.gradeLevel() == 0 ? "unknown"
                        : String.valueOf(s.gradeLevel()))
                .append(", ").append(s.resident() ? "resident" : "non-resident").append('\n');
        ag(out, "UC", report.uc());
        ag(out, "CSU", report.csu());

        out.append("\nGPAs\n");
        gpa(out, "UC", report.ucGpa());
        gpa(out, "CSU", report.csuGpa());
        CalGrantGpa cg = report.calGrantGpa();
        out.append("  Cal Grant: ").append(value(cg.value())).append(" (").append(cg.grades()).append(" grades; A ")
                .append(cg.awardA()).append(cg.meetsA() ? " met" : " not met").append(", B ").append(cg.awardB())
                .append(cg.meetsB() ? " met" : " not met").append("; ").append(cg.window()).append(")\n");
        for (ReportedGpaCheck check : report.reportedGpas()) {
            out.append("  Reported ").append(check.kind().name()).append(" by ").append(check.institutionId())
                    .append(": ").append(check.reported()).append(check.computed().map(c -> ", Baton " + c).orElse(""))
                    .append(check.disagrees() ? "  ** DIFFERS **" : "").append(check.looksWeighted()
                            ? "  ** LOOKS WEIGHTED **" : "").append('\n');
        }

        report.transfer().ifPresent(t -> transfer(out, t));

        AidReport aid = report.aid();
        out.append("\nFinancial aid and applications\n");
        out.append("  FAFSA/CADAA ").append(aid.fafsaCadaa().awardYear()).append(": ")
                .append(aid.fafsaCadaa().status().name()).append(aid.fafsaCadaa().deadline()
                        .map(d -> ", due " + d.due()).orElse("")).append('\n');
        if (aid.edCode51225_7() != AidReport.Confirmation.NOT_APPLICABLE) {
            out.append("  Ed Code 51225.7: ").append(aid.edCode51225_7().name()).append('\n');
        }
        if (aid.calGrantUpload().status() != AidReport.UploadStatus.NOT_APPLICABLE) {
            out.append("  Cal Grant GPA upload: ").append(aid.calGrantUpload().status().name())
                    .append(aid.calGrantUpload().uploadedOn().map(d -> " on " + d).orElse(""))
                    .append(aid.calGrantUpload().deadline().map(d -> ", due " + d.due()).orElse("")).append('\n');
            for (String warning : aid.calGrantUpload().warnings()) {
                out.append("    ! ").append(warning).append('\n');
            }
        }
        for (AidReport.ApplicationItem app : aid.applications()) {
            out.append("  ").append(app.system().name()).append(app.tag() ? " TAG " : " ").append(app.campus())
                    .append(" (").append(app.entryTerm()).append("): ").append(app.status().name())
                    .append(app.deadline().map(d -> ", next deadline " + d.due()).orElse("")).append('\n');
        }
        if (!aid.deadlines().isEmpty()) {
            out.append("\nDeadlines\n");
            for (UpcomingDeadline d : aid.deadlines()) {
                out.append("  ").append(d.due()).append("  ").append(d.label())
                        .append(d.passed() ? " (passed)" : " (" + d.daysLeft() + " days)").append('\n');
            }
        }
        if (!report.excluded().isEmpty()) {
            out.append("\nRecords not evaluated\n");
            for (ExcludedRecord record : report.excluded()) {
                out.append("  ").append(record.recordId()).append(" (").append(record.institutionId()).append("): ")
                        .append(record.reason()).append('\n');
            }
        }
        out.append("\nExplanation\n");
        for (TrailEntry entry : report.trail()) {
            out.append("  [").append(entry.scope().name()).append("] ").append(entry.message()).append('\n');
        }
        return out.toString();
    }

    private static void ag(StringBuilder out, String system, AgResult result) {
        out.append('\n').append(system).append(" a-g: ").append(result.status().name()).append(" (")
                .append(Units.years(result.semestersCompleted())).append(" of ").append(result.coursesRequired())
                .append(" yearlong courses");
        if (result.semestersInProgress() > 0) {
            out.append(", ").append(Units.years(result.semestersInProgress())).append(" in progress");
        }
        out.append(')').append('\n');
        result.beforeSeniorYear().ifPresent(s -> out.append("  before the senior year: ")
                .append(Units.years(s.semestersCompleted())).append(" of ").append(s.coursesRequired()).append(" (")
                .append(s.status().name()).append(")\n"));
        for (AgSubject subject : AgSubject.values()) {
            AgResult.Area area = result.area(subject);
            out.append(String.format(Locale.ROOT, "  %-32s %-11s %d/%d", subject.label(), area.status().name(),
                    area.semestersCompleted(), area.semestersRequired()));
            if (area.semestersInProgress() > 0) {
                out.append(" +").append(area.semestersInProgress()).append(" in progress");
            }
            out.append('\n');
            courses(out, "used", area.used());
            courses(out, "in progress", area.inProgress());
            courses(out, "extra", area.extra());
            for (AgResult.Component c : area.components()) {
                if (!c.met()) {
                    out.append("      missing: ").append(c.label()).append(c.metWithInProgress() ? " (in progress)" : "")
                            .append('\n');
                }
            }
            for (AgResult.Deficiency d : area.deficiencies()) {
                out.append("      ").append(d.clearedBy().isPresent() ? "cleared: " : "DEFICIENT: ").append(d.title())
                        .append(" (").append(d.term()).append(", ").append(d.grade()).append(')')
                        .append(d.clearedBy().map(c -> " - " + c).orElse("")).append('\n');
            }
        }
    }

    private static void courses(StringBuilder out, String label, List<AgResult.Credit> credits) {
        if (credits.isEmpty()) {
            return;
        }
        out.append("      ").append(label).append(": ");
        for (int i = 0; i < credits.size(); i++) {
            AgResult.Credit c = credits.get(i);
            if (i > 0) {
                out.append("; ");
            }
            out.append(c.title()).append(" (").append(c.term()).append(", ").append(c.grade());
            if (c.kind() != AgResult.CreditKind.COMPLETED && c.kind() != AgResult.CreditKind.IN_PROGRESS) {
                out.append(", ").append(c.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
            if (c.planned()) {
                out.append(", planned");
            }
            out.append(')');
        }
        out.append('\n');
    }

    private static void gpa(StringBuilder out, String system, AdmissionGpa gpa) {
        out.append("  ").append(system).append(": unweighted ").append(value(gpa.unweighted()))
                .append(", capped weighted ").append(value(gpa.cappedWeighted())).append(", fully weighted ")
                .append(value(gpa.fullyWeighted())).append(" (").append(gpa.grades()).append(" grades, ")
                .append(gpa.honorsCounted()).append(" of ").append(gpa.honorsEarned()).append(" honors points; minimum ")
                .append(gpa.minimum()).append(": ").append(gpa.standing().name()).append(")\n");
    }

    private static void transfer(StringBuilder out, TransferProgress t) {
        out.append("\nTransfer").append(t.program().map(p -> " (" + p + ")").orElse("")).append('\n');
        out.append("  units: CSU-transferable ").append(t.csuTransferableUnits()).append(", UC-transferable ")
                .append(t.ucTransferableUnits()).append(" (").append(t.ucTransferableUnitsCounted())
                .append(" count), in progress ").append(t.unitsInProgress()).append('\n');
        out.append("  GPA: CSU-transferable ").append(value(t.csuTransferableGpa())).append(", UC-transferable ")
                .append(value(t.ucTransferableGpa())).append(", college ").append(value(t.collegeGpa()))
                .append(" (Cal Grant transfer entitlement ").append(t.calGrantTransferEntitlementGpa())
                .append(t.meetsCalGrantTransferEntitlementGpa() ? ": met)" : ": not met)").append('\n');
        out.append("  ADT: ").append(t.adt().complete() ? "complete" : "missing " + String.join("; ", t.adt().missing()))
                .append('\n');
        out.append("  UC transfer: ").append(t.uc().complete() ? "complete"
                : "missing " + String.join("; ", t.uc().missing())).append('\n');
        for (TransferProgress.Pattern p : t.gePatterns()) {
            out.append("  ").append(p.label()).append(": ").append(p.complete() ? "complete"
                    : p.completeWithInProgress() ? "complete when courses in progress are done" : "incomplete")
                    .append(" (").append(p.units()).append(" units)").append('\n');
        }
        out.append("  ").append(t.ucSevenCourse().label()).append(": ")
                .append(t.ucSevenCourse().complete() ? "complete" : "incomplete").append('\n');
        for (TransferProgress.TagCampus c : t.tag()) {
            out.append("  TAG ").append(c.campus()).append(" (").append(c.gpaRequired()).append("): ")
                    .append(c.eligible() ? "eligible" : "missing " + String.join("; ", c.missing())).append('\n');
        }
    }

    private static String value(Optional<BigDecimal> gpa) {
        return gpa.map(BigDecimal::toPlainString).orElse("-");
    }
}
