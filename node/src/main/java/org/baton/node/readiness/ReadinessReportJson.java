package org.baton.node.readiness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.baton.node.readiness.rules.AgSubject;

/**
 * The JSON form of a readiness report (what {@code baton readiness} prints and the portal serves): every status
 * with its courses, every GPA with its inputs, transfer and aid, and the explanation trail with readable messages.
 * Optional values that are absent are left out; GPAs are decimal numbers with two places.
 */
public final class ReadinessReportJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReadinessReportJson() {
    }

    /** The report as indented JSON text. */
    public static String toJsonString(ReadinessReport report) {
        try {
            return MAPPER.writeValueAsString(toJson(report));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("readiness report could not be written as JSON", e);
        }
    }

    /** The report as a JSON tree. */
    public static ObjectNode toJson(ReadinessReport report) {
        Objects.requireNonNull(report, "report");
        ObjectNode root = NODES.objectNode();
        root.put("asOf", report.asOf().toString());
        StudentFacts s = report.student();
        ObjectNode student = root.putObject("student");
        student.put("cohortYear", s.cohortYear());
        student.put("cohortAssumed", s.cohortAssumed());
        student.put("gradeLevel", s.gradeLevel());
        student.put("residency", s.residency().name());
        student.put("calGrantGpaOptOut", s.calGrantGpaOptOut());
        strings(student.putArray("institutions"), s.institutions());
        root.set("uc", ag(report.uc()));
        root.set("csu", ag(report.csu()));
        ObjectNode gpas = root.putObject("gpas");
        gpas.set("uc", admission(report.ucGpa()));
        gpas.set("csu", admission(report.csuGpa()));
        gpas.set("calGrant", calGrant(report.calGrantGpa()));
        ArrayNode reported = gpas.putArray("reported");
        for (ReportedGpaCheck check : report.reportedGpas()) {
            ObjectNode node = reported.addObject();
            node.put("kind", check.kind().name());
            node.put("institutionId", check.institutionId());
            node.set("reported", exact(check.reported()));
            node.put("asOf", check.asOf());
            decimal(node, "computed", check.computed());
            decimal(node, "difference", check.difference());
            node.put("disagrees", check.disagrees());
            node.put("looksWeighted", check.looksWeighted());
        }
        report.transfer().ifPresent(t -> root.set("transfer", transfer(t)));
        root.set("aid", aid(report.aid()));
        ArrayNode excluded = root.putArray("excluded");
        for (ExcludedRecord record : report.excluded()) {
            ObjectNode node = excluded.addObject();
            node.put("institutionId", record.institutionId());
            node.put("recordId", record.recordId());
            node.put("reason", record.reason());
        }
        ArrayNode trail = root.putArray("trail");
        for (TrailEntry entry : report.trail()) {
            ObjectNode node = trail.addObject();
            node.put("scope", entry.scope().name());
            node.put("code", entry.code().name());
            if (!entry.recordIds().isEmpty()) {
                strings(node.putArray("records"), entry.recordIds());
            }
            node.put("message", entry.message());
        }
        return root;
    }

    private static ObjectNode ag(AgResult result) {
        ObjectNode node = NODES.objectNode();
        node.put("system", result.system().name());
        node.put("rulesCohortFrom", result.rulesCohortFrom());
        node.put("status", result.status().name());
        node.put("coursesRequired", result.coursesRequired());
        node.put("semestersCompleted", result.semestersCompleted());
        node.put("semestersInProgress", result.semestersInProgress());
        result.beforeSeniorYear().ifPresent(s -> {
            ObjectNode senior = node.putObject("beforeSeniorYear");
            senior.put("coursesRequired", s.coursesRequired());
            senior.put("semestersCompleted", s.semestersCompleted());
            senior.put("semestersInProgress", s.semestersInProgress());
            senior.put("status", s.status().name());
        });
        ObjectNode areas = node.putObject("areas");
        for (AgSubject subject : AgSubject.values()) {
            AgResult.Area area = result.area(subject);
            ObjectNode a = areas.putObject(subject.letter());
            a.put("title", subject.title());
            a.put("status", area.status().name());
            a.put("semestersRequired", area.semestersRequired());
            a.put("semestersCompleted", area.semestersCompleted());
            a.put("semestersInProgress", area.semestersInProgress());
            credits(a.putArray("used"), area.used());
            credits(a.putArray("inProgress"), area.inProgress());
            credits(a.putArray("extra"), area.extra());
            ArrayNode components = a.putArray("components");
            for (AgResult.Component c : area.components()) {
                ObjectNode cn = components.addObject();
                cn.put("id", c.id());
                cn.put("label", c.label());
                cn.put("met", c.met());
                cn.put("metWithInProgress", c.metWithInProgress());
                strings(cn.putArray("records"), c.recordIds());
            }
            if (!area.levels().isEmpty()) {
                ArrayNode levels = a.putArray("levels");
                for (AgResult.Level level : area.levels()) {
                    ObjectNode ln = levels.addObject();
                    ln.put("level", level.level());
                    ln.put("name", level.name());
                    level.discipline().ifPresent(d -> ln.put("discipline", d));
                    ln.put("status", level.status().name());
                }
            }
            ArrayNode deficiencies = a.putArray("deficiencies");
            for (AgResult.Deficiency d : area.deficiencies()) {
                ObjectNode dn = deficiencies.addObject();
                dn.put("record", d.recordId());
                dn.put("title", d.title());
                dn.put("grade", d.grade());
                dn.put("term", d.term());
                d.clearedBy().ifPresent(c -> dn.put("clearedBy", c));
            }
        }
        return node;
    }

    private static void credits(ArrayNode out, List<AgResult.Credit> credits) {
        for (AgResult.Credit c : credits) {
            ObjectNode node = out.addObject();
            node.put("kind", c.kind().name());
            node.put("area", c.area().letter());
            strings(node.putArray("records"), c.recordIds());
            node.put("title", c.title());
            node.put("grade", c.grade());
            node.put("term", c.term());
            node.put("semesters", c.semesters());
            c.discipline().ifPresent(d -> node.put("discipline", d));
            if (c.level() > 0) {
                node.put("level", c.level());
            }
            node.put("beforeSeniorYear", c.beforeSeniorYear());
            if (c.planned()) {
                node.put("planned", true);
            }
        }
    }

    private static ObjectNode admission(AdmissionGpa gpa) {
        ObjectNode node = NODES.objectNode();
        node.put("system", gpa.system().name());
        node.put("window", gpa.window());
        decimal(node, "unweighted", gpa.unweighted());
        decimal(node, "cappedWeighted", gpa.cappedWeighted());
        decimal(node, "fullyWeighted", gpa.fullyWeighted());
        node.put("grades", gpa.grades());
        node.put("gradePoints", gpa.gradePoints());
        node.put("honorsEarned", gpa.honorsEarned());
        node.put("honorsCounted", gpa.honorsCounted());
        node.set("minimum", exact(gpa.minimum()));
        node.put("standing", gpa.standing().name());
        lines(node.putArray("lines"), gpa.lines());
        return node;
    }

    private static ObjectNode calGrant(CalGrantGpa gpa) {
        ObjectNode node = NODES.objectNode();
        node.put("window", gpa.window());
        decimal(node, "value", gpa.value());
        node.put("grades", gpa.grades());
        node.put("gradePoints", gpa.gradePoints());
        node.set("awardA", exact(gpa.awardA()));
        node.set("awardB", exact(gpa.awardB()));
        node.put("meetsA", gpa.meetsA());
        node.put("meetsB", gpa.meetsB());
        lines(node.putArray("lines"), gpa.lines());
        return node;
    }

    private static void lines(ArrayNode out, List<GpaLine> lines) {
        for (GpaLine line : lines) {
            ObjectNode node = out.addObject();
            node.put("record", line.recordId());
            node.put("title", line.title());
            node.put("term", line.term());
            node.put("gradeLevel", line.gradeLevel());
            node.put("grade", line.grade());
            node.put("points", line.points());
            node.put("weight", line.weight());
            if (line.honorsEarned() > 0) {
                node.put("honorsEarned", line.honorsEarned());
                node.put("honorsCounted", line.honorsCounted());
            }
            if (line.planned()) {
                node.put("planned", true);
            }
        }
    }

    private static ObjectNode transfer(TransferProgress t) {
        ObjectNode node = NODES.objectNode();
        t.program().ifPresent(p -> node.put("program", p));
        node.put("gePattern", t.gePattern().name());
        node.put("legacyPatternsAllowed", t.legacyPatternsAllowed());
        node.put("continuousEnrollmentSince", t.continuousEnrollmentSince());
        node.set("csuTransferableUnits", exact(t.csuTransferableUnits()));
        node.set("ucTransferableUnits", exact(t.ucTransferableUnits()));
        node.set("ucTransferableUnitsCounted", exact(t.ucTransferableUnitsCounted()));
        node.set("unitsInProgress", exact(t.unitsInProgress()));
        decimal(node, "csuTransferableGpa", t.csuTransferableGpa());
        decimal(node, "ucTransferableGpa", t.ucTransferableGpa());
        decimal(node, "collegeGpa", t.collegeGpa());
        node.set("calGrantTransferEntitlementGpa", exact(t.calGrantTransferEntitlementGpa()));
        node.put("meetsCalGrantTransferEntitlementGpa", t.meetsCalGrantTransferEntitlementGpa());
        ObjectNode adt = node.putObject("adt");
        adt.put("complete", t.adt().complete());
        adt.set("units", exact(t.adt().units()));
        adt.set("unitsRequired", exact(t.adt().unitsRequired()));
        adt.set("majorUnits", exact(t.adt().majorUnits()));
        adt.set("majorUnitsRequired", exact(t.adt().majorUnitsRequired()));
        decimal(adt, "gpa", t.adt().gpa());
        adt.set("gpaRequired", exact(t.adt().gpaRequired()));
        adt.put("gePatternComplete", t.adt().gePatternComplete());
        strings(adt.putArray("missing"), t.adt().missing());
        ObjectNode uc = node.putObject("uc");
        uc.put("complete", t.uc().complete());
        uc.set("units", exact(t.uc().units()));
        uc.set("unitsRequired", exact(t.uc().unitsRequired()));
        decimal(uc, "gpa", t.uc().gpa());
        uc.set("gpaRequired", exact(t.uc().gpaRequired()));
        uc.put("sevenCourseComplete", t.uc().sevenCourseComplete());
        strings(uc.putArray("missing"), t.uc().missing());
        ArrayNode patterns = node.putArray("gePatterns");
        for (TransferProgress.Pattern p : t.gePatterns()) {
            patterns.add(pattern(p));
        }
        node.set("ucSevenCourse", pattern(t.ucSevenCourse()));
        ArrayNode tag = node.putArray("tag");
        for (TransferProgress.TagCampus campus : t.tag()) {
            ObjectNode c = tag.addObject();
            c.put("campus", campus.campus());
            c.set("gpaRequired", exact(campus.gpaRequired()));
            c.put("eligible", campus.eligible());
            strings(c.putArray("missing"), campus.missing());
        }
        return node;
    }

    private static ObjectNode pattern(TransferProgress.Pattern p) {
        ObjectNode node = NODES.objectNode();
        node.put("pattern", p.pattern());
        node.put("label", p.label());
        node.put("complete", p.complete());
        node.put("completeWithInProgress", p.completeWithInProgress());
        node.set("units", exact(p.units()));
        node.set("unitsRequired", exact(p.unitsRequired()));
        ArrayNode slots = node.putArray("slots");
        for (TransferProgress.Slot slot : p.slots()) {
            ObjectNode s = slots.addObject();
            s.put("id", slot.id());
            s.put("label", slot.label());
            slot.recordId().ifPresent(r -> s.put("record", r));
            slot.title().ifPresent(r -> s.put("title", r));
            if (slot.inProgress()) {
                s.put("inProgress", true);
            }
        }
        strings(node.putArray("unmetGroups"), p.unmetGroups());
        return node;
    }

    private static ObjectNode aid(AidReport aid) {
        ObjectNode node = NODES.objectNode();
        ObjectNode fafsa = node.putObject("fafsaCadaa");
        fafsa.put("awardYear", aid.fafsaCadaa().awardYear());
        aid.fafsaCadaa().kind().ifPresent(k -> fafsa.put("kind", k.name()));
        fafsa.put("status", aid.fafsaCadaa().status().name());
        aid.fafsaCadaa().statusDate().ifPresent(d -> fafsa.put("statusDate", d));
        fafsa.put("complete", aid.fafsaCadaa().complete());
        aid.fafsaCadaa().deadline().ifPresent(d -> fafsa.set("deadline", deadline(d)));
        node.put("edCode51225_7", aid.edCode51225_7().name());
        ObjectNode upload = node.putObject("calGrantUpload");
        upload.put("status", aid.calGrantUpload().status().name());
        aid.calGrantUpload().uploadedOn().ifPresent(d -> upload.put("uploadedOn", d));
        decimal(upload, "uploadedGpa", aid.calGrantUpload().uploadedGpa());
        aid.calGrantUpload().deadline().ifPresent(d -> upload.set("deadline", deadline(d)));
        strings(upload.putArray("warnings"), aid.calGrantUpload().warnings());
        ArrayNode applications = node.putArray("applications");
        for (AidReport.ApplicationItem app : aid.applications()) {
            ObjectNode a = applications.addObject();
            a.put("system", app.system().name());
            a.put("campus", app.campus());
            a.put("entryTerm", app.entryTerm());
            a.put("status", app.status().name());
            app.statusDate().ifPresent(d -> a.put("statusDate", d));
            a.put("tag", app.tag());
            app.deadline().ifPresent(d -> a.set("deadline", deadline(d)));
        }
        ArrayNode deadlines = node.putArray("deadlines");
        for (UpcomingDeadline d : aid.deadlines()) {
            deadlines.add(deadline(d));
        }
        return node;
    }

    private static ObjectNode deadline(UpcomingDeadline d) {
        ObjectNode node = NODES.objectNode();
        node.put("kind", d.kind().name());
        node.put("label", d.label());
        d.opens().ifPresent(o -> node.put("opens", o.toString()));
        node.put("due", d.due().toString());
        node.put("daysLeft", d.daysLeft());
        node.put("source", d.source());
        return node;
    }

    private static void decimal(ObjectNode node, String field, Optional<BigDecimal> value) {
        value.ifPresent(v -> node.set(field, exact(v)));
    }

    /** A decimal kept as written (3.60 stays 3.60). */
    private static DecimalNode exact(BigDecimal value) {
        return DecimalNode.valueOf(value);
    }

    private static void strings(ArrayNode out, List<String> values) {
        for (String value : values) {
            out.add(value);
        }
    }
}
