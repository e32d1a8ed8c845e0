package org.baton.node.readiness;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.baton.proto.v1.GpaKind;
import org.baton.proto.v1.ReportedGpa;
import org.baton.proto.v1.StudentRecord;

/** Puts the institutions' reported GPAs beside Baton's and flags disagreements. */
final class ReportedGpas {

    private static final BigDecimal FOUR = new BigDecimal("4.000");

    private ReportedGpas() {
    }

    static List<ReportedGpaCheck> check(StudentContext ctx, AdmissionGpa uc, AdmissionGpa csu, CalGrantGpa calGrant,
            Optional<TransferProgress> transfer, BigDecimal tolerance, Trail trail) {
        List<ReportedGpaCheck> checks = new ArrayList<>(0);
        for (StudentRecord record : ctx.records) {
            String institution = record.getStudent().getInstitutionId();
            for (ReportedGpa gpa : record.getReportedGpasList()) {
                BigDecimal reported = BigDecimal.valueOf(gpa.getValue(), 3);
                Optional<BigDecimal> computed = switch (gpa.getKind()) {
                    case GPA_UC -> uc.cappedWeighted();
                    case GPA_CSU -> csu.cappedWeighted();
                    case GPA_CAL_GRANT -> calGrant.value();
                    case GPA_COLLEGE_TRANSFERABLE -> transfer.flatMap(TransferProgress::csuTransferableGpa);
                    default -> Optional.empty();
                };
                TrailFacts.GpaName name = new TrailFacts.GpaName(gpa.getKind());
                TrailFacts.AsOf asOf = new TrailFacts.AsOf(gpa.getAsOf());
                Optional<BigDecimal> difference = computed.map(reported::subtract);
                boolean disagrees = difference.isPresent() && difference.get().abs().compareTo(tolerance) > 0;
                boolean weighted = false;
                if (gpa.getKind() == GpaKind.GPA_CAL_GRANT) {
                    weighted = reported.compareTo(FOUR) > 0 || (disagrees && (near(reported, uc.cappedWeighted(), tolerance)
                            || near(reported, uc.fullyWeighted(), tolerance)) && uc.honorsEarned() > 0);
                    if (weighted) {
                        trail.add(TrailScope.REPORTED_GPA, TrailCode.REPORTED_GPA_WEIGHTED, null, institution, reported,
                                new TrailFacts.WeightedGpas(uc.cappedWeighted(), uc.fullyWeighted()));
                    }
                }
                if (computed.isEmpty()) {
                    trail.add(TrailScope.REPORTED_GPA, TrailCode.REPORTED_GPA_NOT_COMPUTED, null, name, institution,
                            asOf, reported);
                } else if (disagrees) {
                    trail.add(TrailScope.REPORTED_GPA, TrailCode.REPORTED_GPA_DIFFERS, null, name, institution, asOf,
                            reported, computed.get(), difference.get().abs(), tolerance);
                } else {
                    trail.add(TrailScope.REPORTED_GPA, TrailCode.REPORTED_GPA_AGREES, null, name, institution, asOf,
                            reported, computed.get());
                }
                checks.add(new ReportedGpaCheck(gpa.getKind(), institution, reported, gpa.getAsOf(), computed,
                        difference, disagrees, weighted));
            }
        }
        return checks;
    }

    private static boolean near(BigDecimal value, Optional<BigDecimal> other, BigDecimal tolerance) {
        return other.isPresent() && value.subtract(other.get()).abs().compareTo(tolerance) <= 0;
    }
}
