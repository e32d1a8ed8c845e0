package org.baton.node.portal.counselor;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.baton.node.portal.i18n.Language;
import org.baton.node.portal.security.Action;
import org.baton.node.portal.security.Principal;
import org.baton.node.portal.student.ReadinessReport;
import org.baton.node.portal.student.ReadinessReport.AidConfirmation;
import org.baton.node.portal.student.ReadinessSource;
import org.baton.node.portal.student.StudentDirectory;
import org.baton.node.portal.student.StudentFile;
import org.baton.node.portal.web.Web;
import org.baton.node.readiness.caseload.FlagKind;
import org.baton.node.student.StudentId;

/**
 * The counselor's caseload dashboard (who is off track and why, filtered and sorted on the server) and its CSV
 * export. Each student links to their progress page and what-if planner, which check the caseload again.
 */
public final class CaseloadPages {

    private final Web web;
    private final StudentDirectory directory;
    private final ReadinessSource readiness;

    public CaseloadPages(Web web, StudentDirectory directory, ReadinessSource readiness) {
        this.web = Objects.requireNonNull(web, "web");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.readiness = Objects.requireNonNull(readiness, "readiness");
    }

    public void register(RoutesConfig routes) {
        routes.get("/caseload", this::dashboard);
        routes.get("/caseload.csv", this::csv);
    }

    /**
     * One student on the caseload.
     *
     * @param ref      the student
     * @param name     display name
     * @param grade    grade level
     * @param computed whether the readiness engine has a report
     * @param onTrack  on track
     * @param reasons  why not
     * @param areasMet a-g areas met (of 7)
     * @param ucGpa    UC capped weighted GPA as reported, or "—"
     * @param aid      the Ed Code 51225.7 confirmation (a senior's FAFSA, CADAA or opt-out)
     * @param applications college applications submitted
     * @param next     the soonest deadline not yet passed (financial aid, applications, Cal Grant GPA), if any
     * @param concerns the kinds of reasons the student is off track
     */
    public record Row(StudentId ref, String name, int grade, boolean computed, boolean onTrack, List<String> reasons,
                      long areasMet, String ucGpa, AidConfirmation aid, int applications,
                      Optional<ReadinessReport.Deadline> next, Set<FlagKind> concerns) {
    }

    /** The kinds of reasons a counselor may filter by (a near deadline has its own sort). */
    public static final List<FlagKind> CONCERNS = Arrays.stream(FlagKind.values())
            .filter(kind -> kind != FlagKind.DEADLINE_NEAR).toList();

    /**
     * The dashboard.
     *
     * @param rows      filtered and sorted rows
     * @param total     caseload size
     * @param offTrack  how many are off track
     * @param unconfirmed seniors with neither a FAFSA/CADAA nor the opt-out on file (Ed Code 51225.7)
     * @param byConcern how many of the caseload have each kind of reason to be off track
     * @param status    filter: all, off, on
     * @param aid       filter: all, or unconfirmed (seniors without a FAFSA/CADAA or opt-out)
     * @param concern   filter: all, or a kind of reason ({@link #CONCERNS})
     * @param grade     filter: grade level or empty
     * @param query     filter: name contains
     * @param sort      sort key: name, grade, areas, gpa, deadline
     * @param csvQuery  the query string for the CSV link with the same filters
     */
    public record Dashboard(List<Row> rows, int total, long offTrack, long unconfirmed, Map<FlagKind, Long> byConcern,
                            String status, String aid, String concern, String grade, String query, String sort,
                            String csvQuery) {
    }

    private List<Row> all(Principal who, Language language) {
        List<Row> rows = new ArrayList<>();
        for (StudentId ref : who.students()) {
            Optional<StudentFile> file = directory.find(ref);
            if (file.isEmpty()) {
                continue;
            }
            Optional<ReadinessReport> report = readiness.report(ref, language);
            rows.add(new Row(ref, file.get().displayName(), file.get().local().getStudent().getGradeLevel(),
                    report.isPresent(), report.map(ReadinessReport::onTrack).orElse(false),
                    report.map(ReadinessReport::offTrack).orElse(List.of()),
                    report.map(ReadinessReport::areasMet).orElse(0L),
                    report.flatMap(r -> r.gpa(ReadinessReport.GpaFigure.Kind.UC_CAPPED_WEIGHTED))
                            .map(ReadinessReport.GpaFigure::value)
                            .orElse("—"),
                    report.map(r -> r.aid().confirmation()).orElse(AidConfirmation.NOT_APPLICABLE),
                    report.map(r -> r.aid().applicationsSubmitted()).orElse(0),
                    report.flatMap(r -> r.deadlines().stream().min(Comparator.comparing(
                            ReadinessReport.Deadline::due))),
                    report.map(ReadinessReport::concerns).orElse(Set.of())));
        }
        return rows;
    }

    private Dashboard build(Context ctx) {
        Principal who = web.require(ctx, Action.VIEW_CASELOAD, Optional.empty());
        String status = choice(ctx.queryParam("status"), List.of("all", "off", "on"), "all");
        String aid = choice(ctx.queryParam("aid"), List.of("all", "unconfirmed"), "all");
        String concern = choice(ctx.queryParam("concern"), CONCERNS.stream().map(FlagKind::name).toList(), "all");
        String grade = choice(ctx.queryParam("grade"), List.of("", "9", "10", "11", "12", "13"), "");
        String query = Optional.ofNullable(ctx.queryParam("q")).map(String::strip).orElse("");
        if (query.length() > 60) {
            query = query.substring(0, 60);
        }
        String sort = choice(ctx.queryParam("sort"), List.of("name", "grade", "areas", "gpa", "deadline"), "name");
        List<Row> all = all(who, web.visit(ctx).language());
        String needle = query.toLowerCase(Locale.ROOT);
        List<Row> rows = new ArrayList<>(all.stream()
                .filter(r -> status.equals("all") || status.equals("off") == !r.onTrack())
                .filter(r -> aid.equals("all") || r.aid() == AidConfirmation.NOT_CONFIRMED)
                .filter(r -> concern.equals("all") || r.concerns().contains(FlagKind.valueOf(concern)))
                .filter(r -> grade.isEmpty() || Integer.toString(r.grade()).equals(grade))
                .filter(r -> needle.isEmpty() || r.name().toLowerCase(Locale.ROOT).contains(needle))
                .toList());
        Comparator<Row> byName = Comparator.comparing(r -> r.name().toLowerCase(Locale.ROOT));
        rows.sort(switch (sort) {
            case "grade" -> Comparator.comparingInt(Row::grade).thenComparing(byName);
            case "areas" -> Comparator.comparingLong(Row::areasMet).thenComparing(byName);
            case "gpa" -> Comparator.comparing(Row::ucGpa).thenComparing(byName);
            // Soonest first; students with nothing due last.
            case "deadline" -> Comparator.comparing((Row r) -> r.next().map(ReadinessReport.Deadline::due)
                    .orElse(java.time.LocalDate.MAX)).thenComparing(byName);
            default -> byName;
        });
        Map<FlagKind, Long> byConcern = new EnumMap<>(FlagKind.class);
        CONCERNS.forEach(kind -> byConcern.put(kind, all.stream().filter(r -> r.concerns().contains(kind)).count()));
        String csvQuery = "status=" + status + "&aid=" + aid + "&concern=" + concern + "&grade=" + grade + "&sort="
                + sort + "&q="
                + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8);
        return new Dashboard(rows, all.size(), all.stream().filter(r -> !r.onTrack()).count(),
                all.stream().filter(r -> r.aid() == AidConfirmation.NOT_CONFIRMED).count(), byConcern, status, aid,
                concern, grade, query, sort, csvQuery);
    }

    private void dashboard(Context ctx) {
        web.render(ctx, "counselor/caseload.jte", build(ctx));
    }

    private void csv(Context ctx) {
        web.require(ctx, Action.EXPORT_CASELOAD, Optional.empty());
        Dashboard d = build(ctx);
        StringBuilder out = new StringBuilder(
                "student,name,grade,on_track,areas_met,uc_gpa,reasons,aid_ed_code_51225_7,applications_submitted,"
                        + "next_deadline,next_deadline_what,concerns\r\n");
        for (Row r : d.rows()) {
            out.append(cell(r.ref().toString())).append(',').append(cell(r.name())).append(',').append(r.grade())
                    .append(',').append(r.computed() ? (r.onTrack() ? "yes" : "no") : "unknown").append(',')
                    .append(r.areasMet()).append(',').append(cell(r.ucGpa())).append(',')
                    .append(cell(String.join("; ", r.reasons()))).append(',')
                    .append(r.aid() == AidConfirmation.NOT_APPLICABLE ? "" : r.aid().name().toLowerCase(Locale.ROOT))
                    .append(',').append(r.applications()).append(',')
                    .append(r.next().map(next -> next.due().toString()).orElse("")).append(',')
                    .append(cell(r.next().map(ReadinessReport.Deadline::what).orElse(""))).append(',')
                    .append(r.concerns().stream().map(FlagKind::name).collect(Collectors.joining(";")))
                    .append("\r\n");
        }
        ctx.header("Content-Disposition", "attachment; filename=\"caseload.csv\"");
        ctx.contentType("text/csv; charset=utf-8").result(out.toString());
    }

    /** RFC 4180 quoting, and a leading apostrophe against formula injection in spreadsheets. */
    static String cell(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || !v.equals(value)) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    private static String choice(String value, List<String> allowed, String fallback) {
        return value != null && allowed.contains(value) ? value : fallback;
    }
}
