package org.baton.node.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.baton.node.portal.accounts.Role;
import org.baton.node.student.StudentId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SignInIT {

    private static PortalHarness portal;

    @BeforeAll
    static void start() {
        portal = new PortalHarness();
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    @Nested
    class Sign_in_page {
        @Test
        void is_served_over_https_with_security_headers() {
            PortalClient.Response r = portal.client().get("/sign-in");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v)
                    .contains("default-src 'none'").contains("frame-ancestors 'none'"));
            assertThat(r.header("Strict-Transport-Security")).isPresent();
            assertThat(r.header("X-Content-Type-Options")).contains("nosniff");
            assertThat(r.header("Server")).isEmpty();
            assertThat(r.body()).contains("<form method=\"post\" action=\"/sign-in\"");
        }

        @Test
        void speaks_spanish_when_the_browser_asks() {
            PortalClient.Response r = portal.client().get("/sign-in", Map.of("Accept-Language", "es-MX,es;q=0.9"));
            assertThat(r.body()).contains("lang=\"es\"").contains("Iniciar sesión");
        }
    }

    @Nested
    class Signing_in {
        @Test
        void a_student_lands_on_their_records_with_a_strict_session_cookie() {
            PortalHarness.Holder ana = portal.active(Role.STUDENT, "ana.student", "Ana", new StudentId(1));
            PortalClient c = portal.client();
            PortalClient.Response r = portal.signIn(c, ana);
            assertThat(r.status()).isEqualTo(303);
            assertThat(r.location()).isEqualTo("/students");
            assertThat(r.all("Set-Cookie")).anySatisfy(v -> assertThat(v).startsWith("__Host-baton-session=")
                    .contains("Secure").contains("HttpOnly").containsIgnoringCase("SameSite=Strict").contains("Path=/"));
        }
    }
}
