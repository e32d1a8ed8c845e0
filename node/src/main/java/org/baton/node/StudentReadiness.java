package org.baton.node;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.baton.node.exchange.ReceivedPackage;
import org.baton.node.exchange.ReceivedRecords;
import org.baton.node.readiness.AdmissionGpa;
import org.baton.node.readiness.AgCourseLists;
import org.baton.node.readiness.AgResult;
import org.baton.node.readiness.GpaLine;
import org.baton.node.readiness.ReadinessEngine;
import org.baton.node.readiness.ReadinessInput;
import org.baton.node.readiness.ReadinessReport;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoredStudent;
import org.baton.node.student.Ssid;
import org.baton.proto.v1.AgStatusSummary;
import org.baton.proto.v1.CountedCourses;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.EvaluatedRecord;
import org.baton.proto.v1.GetReadinessResponse;
import org.baton.proto.v1.ReportedAgStatus;
import org.baton.proto.v1.StudentRecord;
import org.baton.trust.InstitutionId;

/**
 * A student's readiness as this node sees it: the readiness engine over the node's own record of the student and
 * every record received for the student (accepted packages, looked up by SSID), with what it counted from each
 * institution. For the admin service; nothing here is logged.
 */
final class StudentReadiness {

    private final InstitutionId self;
    private final RecordStore store;
    private final Optional<ReceivedRecords> received;
    private final ReadinessEngine engine;
    private final AgCourseLists agLists;

    StudentReadiness(InstitutionId self, RecordStore store, Optional<ReceivedRecords> received,
            ReadinessEngine engine, AgCourseLists agLists) {
        this.self = Objects.requireNonNull(self, "self");
        this.store = Objects.requireNonNull(store, "store");
        this.received = Objects.requireNonNull(received, "received");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.agLists = Objects.requireNonNull(agLists, "agLists");
    }

    /** One record to evaluate, and where it comes from. */
    private record Source(InstitutionId institution, Optional<String> packageId, StudentRecord record) {
    }

    /** The evaluation, or empty when the node holds no record of the student, neither its own nor received. */
    Optional<GetReadinessResponse> evaluate(Ssid ssid, LocalDate asOf) {
        List<Source> sources = new ArrayList<>();
        store.findBySsid(ssid).map(StoredStudent::record)
                .ifPresent(record -> sources.add(new Source(self, Optional.empty(), record)));
        for (ReceivedPackage pkg : received.map(r -> r.currentForStudent(ssid)).orElse(List.of())) {
            sources.add(new Source(pkg.source(), Optional.of(pkg.packageId().value()), pkg.record()));
        }
        if (sources.isEmpty()) {
            return Optional.empty();
        }
        ReadinessReport report = engine.evaluate(new ReadinessInput(sources.stream().map(Source::record).toList(),
                agLists, asOf));

        GetReadinessResponse.Builder out = GetReadinessResponse.newBuilder();
        // Which institution each course record id came from, and which records are college courses.
        Map<String, Set<String>> institutionsOf = new HashMap<>();
        Set<String> collegeRecords = new HashSet<>();
        Map<String, CountedCourses.Builder> counted = new LinkedHashMap<>();
        for (Source source : sources) {
            out.addRecords(EvaluatedRecord.newBuilder()
                    .setInstitutionId(source.institution().value())
                    .setPackageId(source.packageId().orElse(""))
                    .setCourses(source.record().getCoursesCount()));
            for (AgStatusSummary summary : source.record().getAgStatusList()) {
                out.addReportedAgStatus(ReportedAgStatus.newBuilder()
                        .setInstitutionId(source.institution().value())
                        .setPackageId(source.packageId().orElse(""))
                        .setSummary(summary));
            }
            counted.computeIfAbsent(source.institution().value(),
                    id -> CountedCourses.newBuilder().setInstitutionId(id));
            for (CourseRecord course : source.record().getCoursesList()) {
                if (course.getRecordId().isEmpty()) {
                    continue;
                }
                institutionsOf.computeIfAbsent(course.getRecordId(), id -> new HashSet<>())
                        .add(source.institution().value());
                if (course.hasCollege()) {
                    collegeRecords.add(source.institution().value() + "\u0000" + course.getRecordId());
                }
            }
        }
        Map<String, Set<String>> collegeCounted = new HashMap<>();
        for (AgResult.Area area : report.uc().areas().values()) {
            for (AgResult.Credit credit : area.used()) {
                // A validation lists the validating course first; it is the one counted.
                if (credit.recordIds().isEmpty()) {
                    continue;
                }
                String recordId = credit.recordIds().get(0);
                for (String institution : institutionsOf.getOrDefault(recordId, Set.of())) {
                    CountedCourses.Builder c = counted.get(institution);
                    c.setUcAgCredits(c.getUcAgCredits() + credit.semesters());
                    noteCollege(institution, recordId, collegeRecords, collegeCounted);
                }
            }
        }
        countGpa(report.ucGpa(), institutionsOf, counted, collegeRecords, collegeCounted, true);
        countGpa(report.csuGpa(), institutionsOf, counted, collegeRecords, collegeCounted, false);
        for (Map.Entry<String, Set<String>> entry : collegeCounted.entrySet()) {
            CountedCourses.Builder c = counted.get(entry.getKey());
            c.setCollegeCourses(entry.getValue().size());
        }
        counted.values().forEach(out::addCounted);
        return Optional.of(out
                .setUcAgStatus(report.uc().status().name())
                .setCsuAgStatus(report.csu().status().name())
                .setUcAgSemestersCompleted(report.uc().semestersCompleted())
                .setCsuAgSemestersCompleted(report.csu().semestersCompleted())
                .setUcGpa(decimal(report.ucGpa().cappedWeighted()))
                .setCsuGpa(decimal(report.csuGpa().cappedWeighted()))
                .setCalGrantGpa(decimal(report.calGrantGpa().value()))
                .build());
    }

    private static void countGpa(AdmissionGpa gpa, Map<String, Set<String>> institutionsOf,
            Map<String, CountedCourses.Builder> counted, Set<String> collegeRecords,
            Map<String, Set<String>> collegeCounted, boolean uc) {
        for (GpaLine line : gpa.lines()) {
            if (line.planned()) {
                continue;
            }
            for (String institution : institutionsOf.getOrDefault(line.recordId(), Set.of())) {
                CountedCourses.Builder c = counted.get(institution);
                if (uc) {
                    c.setUcGpaGrades(c.getUcGpaGrades() + line.weight());
                } else {
                    c.setCsuGpaGrades(c.getCsuGpaGrades() + line.weight());
                }
                noteCollege(institution, line.recordId(), collegeRecords, collegeCounted);
            }
        }
    }

    private static void noteCollege(String institution, String recordId, Set<String> collegeRecords,
            Map<String, Set<String>> collegeCounted) {
        if (collegeRecords.contains(institution + "\u0000" + recordId)) {
            collegeCounted.computeIfAbsent(institution, i -> new HashSet<>()).add(recordId);
        }
    }

    private static String decimal(Optional<BigDecimal> value) {
        return value.map(BigDecimal::toPlainString).orElse("");
    }
}
