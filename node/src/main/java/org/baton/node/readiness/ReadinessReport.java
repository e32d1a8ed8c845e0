package org.baton.node.readiness;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything the engine concluded about one student on one date, with the explanation trail.
 *
 * @param student what is known of the student (no personal data)
 * @param asOf the evaluation date
 * @param uc UC a-g
 * @param csu CSU a-g
 * @param ucGpa the UC GPA
 * @param csuGpa the CSU GPA
 * @param calGrantGpa the Cal Grant GPA
 * @param reportedGpas the institutions' reported GPAs beside Baton's
 * @param transfer community-college transfer progress, for college students
 * @param aid financial aid, applications and deadlines
 * @param excluded course records that could not be evaluated
 * @param trail every decision, in the order made
 */
public record ReadinessReport(StudentFacts student, LocalDate asOf, AgResult uc, AgResult csu, AdmissionGpa ucGpa,
        AdmissionGpa csuGpa, CalGrantGpa calGrantGpa, List<ReportedGpaCheck> reportedGpas,
        Optional<TransferProgress> transfer, AidReport aid, List<ExcludedRecord> excluded, List<TrailEntry> trail) {

    public ReadinessReport {
        reportedGpas = List.copyOf(reportedGpas);
        excluded = List.copyOf(excluded);
        trail = List.copyOf(trail);
    }

    /** The trail entries of one scope. */
    public List<TrailEntry> trail(TrailScope scope) {
        List<TrailEntry> out = new ArrayList<>();
        for (TrailEntry entry : trail) {
            if (entry.scope() == scope) {
                out.add(entry);
            }
        }
        return out;
    }

    /** The trail entries about one course record. */
    public List<TrailEntry> trailFor(String recordId) {
        List<TrailEntry> out = new ArrayList<>();
        for (TrailEntry entry : trail) {
            if (entry.recordIds().contains(recordId)) {
                out.add(entry);
            }
        }
        return out;
    }
}
