package org.baton.node.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.baton.node.portal.accounts.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The access-control matrix of the portal: every route, against every role and an anonymous visitor, over HTTP
 * to a running portal, as {@link org.baton.node.portal.security.AccessPolicy} documents it. Each cell is one of:
 * allowed (the page, or a redirect elsewhere than the sign-in form), a redirect (302 for a page) to the sign-in
 * form, or 403.
 *
 * <p>The student is Ben (a minor, student 2); the guardian is linked to Ben, the counselor has Ben in the
 * caseload; registrar, admin and auditor are linked to no student.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalAccessMatrixIT {

    /** Who visits. */
    enum Visitor {
        ANONYMOUS(null), STUDENT(Role.STUDENT), GUARDIAN(Role.GUARDIAN), COUNSELOR(Role.COUNSELOR),
        REGISTRAR(Role.REGISTRAR), ADMIN(Role.ADMIN), AUDITOR(Role.AUDITOR);

        final Role role;

        Visitor(Role role) {
            this.role = role;
        }
    }

    /** What a cell says. */
    enum Outcome { ALLOWED, SIGN_IN, FORBIDDEN }

    private static final Set<Visitor> EVERYONE_SIGNED_IN = EnumSet.complementOf(EnumSet.of(Visitor.ANONYMOUS));
    private static final Set<Visitor> READERS_OF_BEN = EnumSet.of(Visitor.STUDENT, Visitor.GUARDIAN,
            Visitor.COUNSELOR);

    private static Set<Visitor> plus(Set<Visitor> visitors, Visitor more) {
        Set<Visitor> all = EnumSet.copyOf(visitors);
        all.add(more);
        return all;
    }

    private PortalHarness portal;
    private final Map<Visitor, PortalClient> clients = new EnumMap<>(Visitor.class);

    @BeforeAll
    void start() {
        portal = new PortalHarness();
        Map<Visitor, PortalHarness.Holder> holders = new EnumMap<>(Visitor.class);
        holders.put(Visitor.STUDENT, portal.active(Role.STUDENT, "ben", "Ben Okafor", PortalTestData.BEN));
        holders.put(Visitor.GUARDIAN, portal.active(Role.GUARDIAN, "gloria", "Gloria Okafor", PortalTestData.BEN));
        holders.put(Visitor.COUNSELOR, portal.active(Role.COUNSELOR, "cruz", "Ms. Cruz", PortalTestData.BEN));
        holders.put(Visitor.REGISTRAR, portal.active(Role.REGISTRAR, "reg", "Registrar"));
        holders.put(Visitor.ADMIN, portal.active(Role.ADMIN, "root", "Admin"));
        holders.put(Visitor.AUDITOR, portal.active(Role.AUDITOR, "audit", "Auditor"));
        clients.put(Visitor.ANONYMOUS, portal.client());
        holders.forEach((visitor, holder) -> {
            PortalClient client = portal.client();
            assertThat(portal.signIn(client, holder).status()).as(visitor.name()).isEqualTo(303);
            clients.put(visitor, client);
        });
    }

    @AfterAll
    void stop() {
        if (portal != null) {
            portal.close();
        }
    }

    /** Every GET route, with who may see it; anyone else signed in gets 403, an anonymous visitor the sign-in. */
    Stream<Arguments> pages() {
        Map<String, Set<Visitor>> routes = new java.util.LinkedHashMap<>();
        routes.put("/", EVERYONE_SIGNED_IN); // each role's landing page; the sign-in form for an anonymous visitor
        routes.put("/static/portal.css", EnumSet.allOf(Visitor.class));
        routes.put("/sign-in", EnumSet.allOf(Visitor.class));
        routes.put("/activate", EnumSet.allOf(Visitor.class));
        routes.put("/account", EVERYONE_SIGNED_IN);
        // Staff are sent on to their own landing page; /students/2 only redirects to its records.
        routes.put("/students", EVERYONE_SIGNED_IN);
        routes.put("/students/2", EVERYONE_SIGNED_IN);
        // A registrar is a school official: reads records, readiness and the access log, never plans or consents.
        routes.put("/students/2/records", plus(READERS_OF_BEN, Visitor.REGISTRAR));
        routes.put("/students/2/progress", plus(READERS_OF_BEN, Visitor.REGISTRAR));
        routes.put("/students/2/what-if", READERS_OF_BEN);
        // A counselor never reads the access log.
        routes.put("/students/2/access-log", EnumSet.of(Visitor.STUDENT, Visitor.GUARDIAN, Visitor.REGISTRAR));
        // Ben is a minor: his consent rights are his guardian's.
        routes.put("/students/2/consent", EnumSet.of(Visitor.GUARDIAN));
        routes.put("/students/2/consent/new", EnumSet.of(Visitor.GUARDIAN));
        routes.put("/caseload", EnumSet.of(Visitor.COUNSELOR));
        routes.put("/caseload.csv", EnumSet.of(Visitor.COUNSELOR));
        routes.put("/registrar/imports", EnumSet.of(Visitor.REGISTRAR));
        routes.put("/registrar/imports/run-7", EnumSet.of(Visitor.REGISTRAR));
        routes.put("/registrar/exchanges", EnumSet.of(Visitor.REGISTRAR));
        routes.put("/registrar/data-quality", EnumSet.of(Visitor.REGISTRAR));
        routes.put("/registrar/data-quality/received?page=0", EnumSet.of(Visitor.REGISTRAR));
        routes.put("/registrar/cal-grant", EnumSet.of(Visitor.REGISTRAR));
        routes.put("/registrar/cal-grant.txt", EnumSet.of(Visitor.REGISTRAR));
        routes.put("/admin/accounts", EnumSet.of(Visitor.ADMIN));
        routes.put("/audit", EnumSet.of(Visitor.AUDITOR));
        routes.put("/audit.csv?from=2026-01-01&to=2026-01-31&within=7", EnumSet.of(Visitor.AUDITOR));
        return cells(routes, Set.of("/static/portal.css", "/sign-in", "/activate"));
    }

    private static Stream<Arguments> cells(Map<String, Set<Visitor>> routes, Set<String> publicRoutes) {
        List<Arguments> cells = new ArrayList<>();
        routes.forEach((route, allowed) -> {
            for (Visitor visitor : Visitor.values()) {
                Outcome expected = allowed.contains(visitor) ? Outcome.ALLOWED
                        : visitor == Visitor.ANONYMOUS && !publicRoutes.contains(route) ? Outcome.SIGN_IN
                        : Outcome.FORBIDDEN;
                cells.add(Arguments.of(route, visitor, expected));
            }
        });
        return cells.stream();
    }

    @ParameterizedTest(name = "GET {0} by {1}: {2}")
    @MethodSource("pages")
    void every_page_answers_each_role_as_the_matrix_says(String route, Visitor visitor, Outcome expected) {
        PortalClient.Response response = clients.get(visitor).get(route);

        assertThat(outcome(response)).as("GET %s by %s (status %d, location %s)", route, visitor,
                response.status(), response.header("Location").orElse("-")).isEqualTo(expected);
    }

    /** State-changing routes: who may use each; everyone else (anonymous included: no session) gets 403. */
    Stream<Arguments> actions() {
        Map<String, Set<Visitor>> routes = new java.util.LinkedHashMap<>();
        routes.put("/admin/accounts", EnumSet.of(Visitor.ADMIN));
        routes.put("/admin/accounts/999/disable", EnumSet.of(Visitor.ADMIN));
        routes.put("/admin/accounts/999/links", EnumSet.of(Visitor.ADMIN));
        routes.put("/admin/accounts/999/reissue", EnumSet.of(Visitor.ADMIN));
        routes.put("/registrar/cal-grant/upload", EnumSet.of(Visitor.REGISTRAR));
        routes.put("/registrar/data-quality/dismiss", EnumSet.of(Visitor.REGISTRAR));
        routes.put("/registrar/data-quality/reopen", EnumSet.of(Visitor.REGISTRAR));
        routes.put("/registrar/data-quality/received/dismiss", EnumSet.of(Visitor.REGISTRAR));
        routes.put("/registrar/data-quality/received/reopen", EnumSet.of(Visitor.REGISTRAR));
        routes.put("/registrar/reports", EnumSet.of(Visitor.REGISTRAR));
        routes.put("/registrar/reports/0123456789abcdef0123456789abcdef/resend", EnumSet.of(Visitor.REGISTRAR));
        routes.put("/registrar/reports/0123456789abcdef0123456789abcdef/close", EnumSet.of(Visitor.REGISTRAR));
        routes.put("/registrar/reports/0123456789abcdef0123456789abcdef/refresh", EnumSet.of(Visitor.REGISTRAR));
        routes.put("/students/2/consent", EnumSet.of(Visitor.GUARDIAN));
        routes.put("/students/2/consent/review", EnumSet.of(Visitor.GUARDIAN));
        routes.put("/students/2/consent/00000000000000000000000000000000/revoke", EnumSet.of(Visitor.GUARDIAN));
        routes.put("/students/2/access-log/00000000000000000000000000000000/copy", EnumSet.of(Visitor.GUARDIAN));
        routes.put("/account/password", EVERYONE_SIGNED_IN);
        return cells(routes, Set.of());
    }

    @ParameterizedTest(name = "POST {0} by {1}: {2}")
    @MethodSource("actions")
    void every_action_answers_each_role_as_the_matrix_says(String route, Visitor visitor, Outcome expected) {
        PortalClient client = clients.get(visitor);
        client.get(visitor == Visitor.ANONYMOUS ? "/sign-in" : "/account"); // a form, for a current CSRF token

        PortalClient.Response response = client.post(route, Map.of());

        // Anonymous posts carry a valid pre-session token, so the refusal is for not being signed in.
        Outcome actual = outcome(response);
        assertThat(actual).as("POST %s by %s (status %d, location %s)", route, visitor, response.status(),
                response.header("Location").orElse("-"))
                .isEqualTo(expected == Outcome.SIGN_IN ? Outcome.FORBIDDEN : expected);
    }

    private static Outcome outcome(PortalClient.Response response) {
        if (response.status() == 403) {
            return Outcome.FORBIDDEN;
        }
        if ((response.status() == 302 || response.status() == 303) && response.location().equals("/sign-in")) {
            return Outcome.SIGN_IN;
        }
        return Outcome.ALLOWED;
    }
}
