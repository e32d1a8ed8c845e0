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
        // The engine's trail is an immutable view that builds entries when read; keep it as it is.
        trail = trail instanceof Trail.View ? trail : List.copyOf(trail);
    }

    /** The trail entries of one scope. */
    public List<TrailEntry> trail(TrailScope scope) {
        List<TrailEntry> out = new ArrayList<>();
        for (int i = 0; i < trail.size(); i++) {
            if (trail instanceof Trail.View view ? view.scope(i) == scope : trail.get(i).scope() == scope) {
                out.add(trail.get(i));
            }
        }
        return out;
    }

    /** The trail entries about one course record. */
    public List<TrailEntry> trailFor(String recordId) {
        List<TrailEntry> out = new ArrayList<>();
        for (int i = 0; i < trail.size(); i++) {
            if (trail instanceof Trail.View view ? view.mentions(i, recordId)
                    : trail.get(i).recordIds().contains(recordId)) {
                out.add(trail.get(i));
            }
        }
        return out;
    }
}
