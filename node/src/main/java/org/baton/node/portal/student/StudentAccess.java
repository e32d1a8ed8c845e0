package org.baton.node.portal.student;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.baton.node.student.StudentId;
import org.baton.node.portal.security.Action;
import org.baton.node.portal.security.StudentFacts;
import org.baton.node.portal.web.NotFoundException;
import org.baton.node.portal.web.Web;

/**
 * Opens the student a URL names, for one action: asks the access policy first (so a student who is not yours
 * answers 403 whether or not it exists) and only then says 404 for a student the store does not have.
 */
public final class StudentAccess {

    private final Web web;
    private final StudentDirectory directory;
    private final Clock clock;

    public StudentAccess(Web web, StudentDirectory directory, Clock clock) {
        this.web = Objects.requireNonNull(web, "web");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The student of path parameter {@code student}, if the signed-in principal may do {@code action}. */
    public StudentFile open(Context ctx, Action action) {
        StudentId ref = Web.studentId(ctx.pathParam("student"))
                .orElseThrow(() -> new NotFoundException("student"));
        return open(ctx, ref, action);
    }

    public StudentFile open(Context ctx, StudentId ref, Action action) {
        Optional<StudentFile> file = directory.find(ref);
        StudentFacts facts = file.map(f -> f.facts(today())).orElse(new StudentFacts(ref, false));
        web.require(ctx, action, Optional.of(facts));
        return file.orElseThrow(() -> new NotFoundException("student"));
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The header of every student page: who, and the tabs this principal may open. */
    public StudentHeader header(Context ctx, StudentFile file, String current) {
        Optional<StudentFacts> facts = Optional.of(file.facts(today()));
        List<StudentHeader.Tab> tabs = new ArrayList<>();
        String base = "/students/" + file.ref().value();
        addTab(ctx, tabs, facts, Action.VIEW_RECORDS, base + "/records", "tab.records", current);
        addTab(ctx, tabs, facts, Action.VIEW_READINESS, base + "/progress", "tab.progress", current);
        addTab(ctx, tabs, facts, Action.PLAN_WHAT_IF, base + "/what-if", "tab.whatif", current);
        addTab(ctx, tabs, facts, Action.GRANT_CONSENT, base + "/consent", "tab.consent", current);
        addTab(ctx, tabs, facts, Action.VIEW_ACCESS_LOG, base + "/access-log", "tab.accesslog", current);
        return new StudentHeader(file.ref(), file.displayName(), file.local().getStudent().getGradeLevel(),
                file.facts(today()).eligible(), tabs);
    }

    private void addTab(Context ctx, List<StudentHeader.Tab> tabs, Optional<StudentFacts> facts, Action action,
                        String href, String label, String current) {
        if (web.allows(ctx, action, facts)) {
            tabs.add(new StudentHeader.Tab(href, label, label.equals(current)));
        }
    }
}
