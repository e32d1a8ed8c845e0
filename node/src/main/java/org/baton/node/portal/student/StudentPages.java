package org.baton.node.portal.student;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.baton.node.portal.accounts.Role;
import org.baton.node.portal.i18n.FindingWording;
import org.baton.node.portal.i18n.Language;
import org.baton.node.portal.i18n.Messages;
import org.baton.node.student.StudentId;
import org.baton.node.portal.security.Action;
import org.baton.node.portal.security.Principal;
import org.baton.node.portal.web.BadRequestException;
import org.baton.node.portal.web.NotFoundException;
import org.baton.node.portal.web.Web;
import org.baton.proto.v1.AgRequirementStatus;
import org.baton.proto.v1.AgStatusSummary;
import org.baton.proto.v1.Award;
import org.baton.proto.v1.CollegeApplication;
import org.baton.proto.v1.CourseRecord;
import org.baton.proto.v1.FinancialAidApplication;
import org.baton.proto.v1.LearningArtifact;

/** The student and guardian pages: my records, a-g progress, GPAs, aid and deadlines, transfer, the what-if planner. */
public final class StudentPages {

    private final Web web;
    private final StudentAccess access;
    private final StudentDirectory directory;
    private final ReadinessSource readiness;

    public StudentPages(Web web, StudentAccess access, StudentDirectory directory, ReadinessSource readiness) {
        this.web = Objects.requireNonNull(web, "web");
        this.access = Objects.requireNonNull(access, "access");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.readiness = Objects.requireNonNull(readiness, "readiness");
    }

    public void register(RoutesConfig routes) {
        routes.get("/students", this::list);
        routes.get("/students/{student}", ctx -> ctx.redirect("/students/" + ctx.pathParam("student") + "/records"));
        routes.get("/students/{student}/records", this::records);
        routes.get("/students/{student}/progress", this::progress);
        routes.get("/students/{student}/what-if", this::whatIf);
    }

    /**
     * The students a principal may open.
     *
     * @param entries one per linked student
     */
    public record ListPage(List<Entry> entries) {
        /**
         * A linked student.
         *
         * @param ref      the student
         * @param name     display name
         * @param open     whether the principal may open their records now
         * @param eligible the student is eligible (explains why a guardian no longer can)
         */
        public record Entry(StudentId ref, String name, boolean open, boolean eligible) {
        }
    }

    private void list(Context ctx) {
        Principal who = web.principal(ctx);
        if (who.role() != Role.STUDENT && who.role() != Role.GUARDIAN) {
            ctx.redirect(Web.home(who.role()));
            return;
        }
        List<ListPage.Entry> entries = new ArrayList<>();
        for (StudentId ref : who.students()) {
            Optional<StudentFile> file = directory.find(ref);
            if (file.isEmpty()) {
                continue;
            }
            boolean open = web.allows(ctx, Action.VIEW_RECORDS, Optional.of(file.get().facts(access.today())));
            entries.add(new ListPage.Entry(ref, file.get().displayName(), open,
                    file.get().facts(access.today()).eligible()));
        }
        if (who.role() == Role.STUDENT && entries.size() == 1 && entries.get(0).open()) {
            ctx.redirect("/students/" + entries.get(0).ref().value() + "/records");
            return;
        }
        web.render(ctx, "student/list.jte", new ListPage(entries));
    }

    /**
     * The records page.
     *
     * @param header    student header
     * @param terms     courses grouped by term, newest first
     * @param awards    awards
     * @param artifacts learning artifacts
     * @param received  records received from other institutions
     */
    public record RecordsPage(StudentHeader header, List<TermGroup> terms, List<Award> awards,
                              List<LearningArtifact> artifacts, List<ReceivedGroup> received) {
    }

    /**
     * Courses of one term.
     *
     * @param academicYear first year of the academic year
     * @param termType     term type name (FALL, SPRING…)
     * @param courses      the grades
     */
    public record TermGroup(int academicYear, String termType, List<CourseRecord> courses) {
        public String yearLabel() {
            return academicYear + "-" + String.format("%02d", (academicYear + 1) % 100);
        }
    }

    /**
     * A received record.
     *
     * @param source     the sending institution's name
     * @param sourceId   its id
     * @param receivedAt when it arrived (ISO date)
     * @param terms      its courses by term
     * @param awards     its awards
     * @param agStatus   the a-g status it carried, as the sending institution evaluated its own record
     * @param packageId  the package it came in; empty when not known
     * @param reportable whether the viewer may report a discrepancy in it to the source (a registrar)
     * @param checks     what this node's data-quality rules find in it; shown to a registrar
     */
    public record ReceivedGroup(String source, String sourceId, String receivedAt, List<TermGroup> terms,
                                List<Award> awards, List<ReceivedAgStatus> agStatus, String packageId,
                                boolean reportable, List<String> checks) {
    }

    /**
     * The a-g status a sending institution evaluated and sent (a package under the a-g status scope).
     *
     * @param system "UC" or "CSU"
     * @param asOf   the date it was evaluated for
     * @param status message key of the status of all areas together
     * @param areas  each area a to g
     */
    public record ReceivedAgStatus(String system, String asOf, String status, List<ReceivedAgArea> areas) {
    }

    /**
     * One area of a received a-g status.
     *
     * @param area       message key of the area's name
     * @param status     message key of its status
     * @param completed  semesters completed or validated
     * @param required   semesters required
     * @param inProgress semesters in progress
     */
    public record ReceivedAgArea(String area, String status, int completed, int required, int inProgress) {
    }

    static List<ReceivedAgStatus> agStatus(List<AgStatusSummary> summaries) {
        return summaries.stream()
                .map(s -> new ReceivedAgStatus(switch (s.getSystem()) {
                    case SYSTEM_UC -> "UC";
                    case SYSTEM_CSU -> "CSU";
                    default -> s.getSystem().name();
                }, s.getAsOf(), statusKey(s.getStatus()), s.getAreasList().stream()
                        .map(a -> new ReceivedAgArea("area." + a.getArea().name(), statusKey(a.getStatus()),
                                a.getSemestersCompleted(), a.getSemestersRequired(), a.getSemestersInProgress()))
                        .toList()))
                .toList();
    }

    /** What the data-quality rules find in a received record, in the reader's language. */
    private static List<String> checks(ReceivedRecord received, Messages messages) {
        return received.checks().get().stream().map(finding -> FindingWording.of(messages, finding)).toList();
    }

    private static String statusKey(AgRequirementStatus status) {
        return switch (status) {
            case AG_MET -> "status.MET";
            case AG_IN_PROGRESS -> "status.IN_PROGRESS";
            case AG_DEFICIENT -> "status.DEFICIENT";
            case AG_MISSING -> "status.MISSING";
            default -> "status.UNKNOWN";
        };
    }

    private void records(Context ctx) {
        StudentFile file = access.open(ctx, Action.VIEW_RECORDS);
        Messages messages = web.messages(ctx);
        boolean registrar = web.principal(ctx).role() == Role.REGISTRAR;
        List<ReceivedGroup> received = file.received().stream()
                .map(r -> new ReceivedGroup(r.sourceName(), r.source().value(),
                        r.receivedAt().toString().substring(0, 10), byTerm(r.record().getCoursesList()),
                        r.record().getAwardsList(), agStatus(r.record().getAgStatusList()), r.packageId().orElse(""),
                        registrar && r.packageId().isPresent(), registrar ? checks(r, messages) : List.of()))
                .toList();
        web.render(ctx, "student/records.jte", new RecordsPage(access.header(ctx, file, "tab.records"),
                byTerm(file.local().getCoursesList()), file.local().getAwardsList(),
                file.local().getLearningArtifactsList(), received));
    }

    static List<TermGroup> byTerm(List<CourseRecord> courses) {
        Map<String, List<CourseRecord>> groups = new LinkedHashMap<>();
        courses.stream()
                .sorted(Comparator.comparing((CourseRecord c) -> c.getTerm().getAcademicYear()).reversed()
                        .thenComparing(c -> c.getTerm().getTypeValue(), Comparator.reverseOrder())
                        .thenComparing(CourseRecord::getTitle))
                .forEach(c -> groups.computeIfAbsent(c.getTerm().getAcademicYear() + "|" + c.getTerm().getType().name(),
                        k -> new ArrayList<>()).add(c));
        List<TermGroup> out = new ArrayList<>();
        groups.forEach((k, v) -> {
            String[] parts = k.split("\\|");
            out.add(new TermGroup(Integer.parseInt(parts[0]), parts[1], v));
        });
        return out;
    }

    /**
     * The progress page.
     *
     * @param header       student header
     * @param report       the readiness report, empty when the engine has none yet
     * @param chart        the a-g chart
     * @param aid          financial-aid applications
     * @param applications college applications
     */
    public record ProgressPage(StudentHeader header, Optional<ReadinessReport> report, Optional<AgChart> chart,
                               List<FinancialAidApplication> aid, List<CollegeApplication> applications) {
    }

    private void progress(Context ctx) {
        StudentFile file = access.open(ctx, Action.VIEW_READINESS);
        Optional<ReadinessReport> report = readiness.report(file.ref(), web.visit(ctx).language());
        web.render(ctx, "student/progress.jte", new ProgressPage(access.header(ctx, file, "tab.progress"), report,
                report.map(r -> AgChart.of(r.areas())), file.local().getFinancialAidList(),
                file.local().getCollegeApplicationsList()));
    }

    /**
     * The what-if planner.
     *
     * @param header  student header
     * @param rows    the planner rows as typed (five rows)
     * @param before  progress now
     * @param after   progress with the planned courses, when any were given
     * @param chart   chart of {@code after}
     * @param error   message key of a validation problem
     */
    public record WhatIfPage(StudentHeader header, List<Row> rows, Optional<ReadinessReport> before,
                             Optional<ReadinessReport> after, Optional<AgChart> chart, Optional<String> error) {
        /**
         * One planner row as typed.
         *
         * @param index  row number
         * @param title  title
         * @param area   area letter
         * @param grade  grade
         * @param level  grade level
         * @param honors honors
         */
        public record Row(int index, String title, String area, String grade, String level, boolean honors) {
        }
    }

    static final int PLANNER_ROWS = 5;

    private void whatIf(Context ctx) {
        StudentFile file = access.open(ctx, Action.PLAN_WHAT_IF);
        List<WhatIfPage.Row> rows = new ArrayList<>();
        List<PlannedCourse> planned = new ArrayList<>();
        Optional<String> error = Optional.empty();
        for (int i = 0; i < PLANNER_ROWS; i++) {
            String title = param(ctx, "title" + i, 100);
            String area = param(ctx, "area" + i, 1);
            String grade = param(ctx, "grade" + i, 2);
            String level = param(ctx, "level" + i, 2);
            boolean honors = "on".equals(ctx.queryParam("honors" + i));
            rows.add(new WhatIfPage.Row(i, title, area, grade, level, honors));
            if (title.isBlank()) {
                continue;
            }
            try {
                planned.add(new PlannedCourse(title.strip(), area.isEmpty() ? ' ' : area.charAt(0), grade,
                        2, honors, level.isEmpty() ? 12 : Integer.parseInt(level)));
            } catch (IllegalArgumentException e) {
                error = Optional.of("whatif.error");
            }
        }
        Language language = web.visit(ctx).language();
        Optional<ReadinessReport> before = readiness.report(file.ref(), language);
        Optional<ReadinessReport> after = planned.isEmpty() || error.isPresent() ? Optional.empty()
                : readiness.whatIf(file.ref(), planned, language);
        web.render(ctx, "student/what-if.jte", new WhatIfPage(access.header(ctx, file, "tab.whatif"), rows, before,
                after, after.map(r -> AgChart.of(r.areas())), error));
    }

    private static String param(Context ctx, String name, int max) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return "";
        }
        if (v.length() > max) {
            throw new BadRequestException(name, "is longer than " + max + " characters");
        }
        return v;
    }

    static NotFoundException notFound() {
        return new NotFoundException("student");
    }
}
