package org.baton.node.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.baton.node.portal.accounts.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The portal's defences, over real HTTPS: authorization by URL and form, CSRF, lockout, sessions, escaping. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PortalSecurityIT {

    private PortalHarness portal;
    private PortalHarness.Holder ana;
    private PortalHarness.Holder ben;
    private PortalHarness.Holder guardian;
    private PortalHarness.Holder counselor;

    @BeforeEach
    void start() {
        portal = new PortalHarness();
        ana = portal.active(Role.STUDENT, "ana", "Ana Martínez", PortalTestData.ANA);
        ben = portal.active(Role.STUDENT, "ben", "Ben Okafor", PortalTestData.BEN);
        guardian = portal.active(Role.GUARDIAN, "gloria", "Gloria Okafor", PortalTestData.BEN, PortalTestData.ANA);
        counselor = portal.active(Role.COUNSELOR, "cruz", "Ms. Cruz", PortalTestData.BEN, PortalTestData.HOSTILE);
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    private PortalClient signedIn(PortalHarness.Holder who) {
        PortalClient c = portal.client();
        assertThat(portal.signIn(c, who).status()).isEqualTo(303);
        return c;
    }

    @Nested
    class Authorization {
        @Test
        void student_a_cannot_read_student_b_by_changing_the_id_in_the_url() {
            PortalClient c = signedIn(ana);
            assertThat(c.get("/students/1/records").status()).isEqualTo(200);
            for (String page : new String[] {"records", "progress", "what-if", "consent", "consent/new", "access-log"}) {
                PortalClient.Response r = c.get("/students/2/" + page);
                assertThat(r.status()).as(page).isEqualTo(403);
                assertThat(r.body()).doesNotContain("Okafor");
            }
        }

        @Test
        void an_unknown_student_answers_like_a_forbidden_one() {
            PortalClient c = signedIn(ana);
            assertThat(c.get("/students/999/records").status()).isEqualTo(403);
            assertThat(c.get("/students/not-a-number/records").status()).isEqualTo(404);
        }

        @Test
        void student_a_cannot_act_on_student_b_by_changing_the_id_in_a_form_action() {
            PortalClient b = signedIn(ben);
            PortalClient g = signedIn(guardian);
            g.get("/students/2/consent/new");
            g.post("/students/2/consent", grantForm());
            String grantId = portal.fakes.consent.grants(PortalTestData.BEN).get(0).grantId();
            PortalClient a = signedIn(ana);
            a.get("/students/1/consent");
            assertThat(a.post("/students/2/consent/" + grantId + "/revoke", Map.of()).status()).isEqualTo(403);
            assertThat(a.post("/students/2/consent", grantForm()).status()).isEqualTo(403);
            assertThat(a.post("/students/1/consent/" + grantId + "/revoke", Map.of()).status())
                    .as("another student's grant id under one's own student").isEqualTo(404);
            assertThat(portal.fakes.consent.grants(PortalTestData.BEN).get(0).status().name()).isEqualTo("ACTIVE");
            assertThat(b.get("/students/2/records").status()).isEqualTo(200);
        }

        @Test
        void a_minor_student_reads_but_cannot_consent_for_themselves() {
            PortalClient c = signedIn(ben);
            assertThat(c.get("/students/2/progress").status()).isEqualTo(200);
            assertThat(c.get("/students/2/access-log").status()).isEqualTo(200);
            assertThat(c.get("/students/2/consent/new").status()).isEqualTo(403);
        }

        @Test
        void a_guardian_acts_for_a_linked_minor_but_not_for_an_eligible_student() {
            PortalClient c = signedIn(guardian);
            assertThat(c.get("/students/2/records").status()).isEqualTo(200);
            assertThat(c.get("/students/2/consent/new").status()).isEqualTo(200);
            assertThat(c.get("/students/1/records").status()).as("Ana is 18: rights passed to her").isEqualTo(403);
            assertThat(c.get("/students").body()).contains("18");
        }

        @Test
        void a_counselor_reads_only_the_caseload_and_never_consents() {
            PortalClient c = signedIn(counselor);
            assertThat(c.get("/students/2/progress").status()).isEqualTo(200);
            assertThat(c.get("/students/1/progress").status()).isEqualTo(403);
            assertThat(c.get("/students/2/consent/new").status()).isEqualTo(403);
            assertThat(c.get("/admin/accounts").status()).isEqualTo(403);
        }

        @Test
        void only_a_registrar_reads_the_data_quality_queue_and_sends_the_cal_grant_upload() {
            for (PortalHarness.Holder who : new PortalHarness.Holder[] {ana, counselor}) {
                PortalClient c = signedIn(who);
                c.get("/account");
                assertThat(c.get("/registrar/data-quality").status()).isEqualTo(403);
                assertThat(c.post("/registrar/cal-grant/upload", Map.of()).status()).isEqualTo(403);
            }
            assertThat(portal.fakes.registrar.uploads).isEmpty();

            PortalClient registrar = portal.client();
            portal.signIn(registrar, portal.active(Role.REGISTRAR, "rae", "Rae Registrar"));
            registrar.get("/registrar/cal-grant");
            assertThat(registrar.postRaw("/registrar/cal-grant/upload", Map.of(), Map.of()).status())
                    .as("without the CSRF token").isEqualTo(403);
            assertThat(portal.fakes.registrar.uploads).isEmpty();
            assertThat(registrar.post("/registrar/cal-grant/upload", Map.of()).status()).isEqualTo(200);
            assertThat(portal.fakes.registrar.uploads).containsExactly(2025);
        }

        @Test
        void the_caseload_csv_holds_only_the_counselors_students() {
            PortalClient c = signedIn(counselor);
            PortalClient.Response r = c.get("/caseload.csv");
            assertThat(r.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
            assertThat(r.body()).startsWith("student,name,grade,on_track,areas_met,uc_gpa,reasons,aid_ed_code_51225_7,"
                    + "applications_submitted,next_deadline,next_deadline_what,concerns\r\n")
                    .contains("2,Ben Okafor,11,no,0,2.66,")
                    // Ben is a junior: the senior-year aid confirmation does not apply yet.
                    .contains(",,0,2026-01-01,Cal Grant GPA opt-out form,"
                            + "AREA_OFF_TRACK;AREA_DEFICIENT;GPA_BELOW_MINIMUM\r\n")
                    .contains("\"<script>alert(1)</script> Tables\"\"; DROP\"")
                    .doesNotContain("Martínez");
        }
    }

    @Nested
    class Csrf {
        @Test
        void a_state_change_without_the_token_is_refused() {
            PortalClient c = signedIn(ana);
            c.get("/account");
            PortalClient.Response r = c.postRaw("/account/sign-out-everywhere", Map.of(), Map.of());
            assertThat(r.status()).isEqualTo(403);
            assertThat(c.get("/students/1/records").status()).as("still signed in").isEqualTo(200);
        }

        @Test
        void a_token_from_another_session_is_refused() {
            PortalClient mallory = signedIn(ben);
            mallory.get("/account");
            PortalClient c = signedIn(ana);
            c.get("/account");
            PortalClient.Response r = c.postRaw("/account/sign-out-everywhere", Map.of("_csrf", mallory.csrf()),
                    Map.of());
            assertThat(r.status()).isEqualTo(403);
        }

        @Test
        void a_cross_site_post_is_refused_even_with_a_token() {
            PortalClient c = signedIn(ana);
            c.get("/account");
            PortalClient.Response r = c.postRaw("/account/sign-out-everywhere", Map.of("_csrf", c.csrf()),
                    Map.of("Origin", "https://evil.example"));
            assertThat(r.status()).isEqualTo(403);
        }

        @Test
        void the_sign_in_form_itself_needs_the_token() {
            PortalClient c = portal.client();
            c.get("/sign-in");
            PortalClient.Response r = c.postRaw("/sign-in", Map.of("username", "ana",
                    "password", PortalHarness.PASSWORD), Map.of());
            assertThat(r.status()).isEqualTo(403);
        }
    }

    @Nested
    class Lockout {
        @Test
        void five_failures_lock_the_account_even_against_the_right_password_until_the_lockout_ends() {
            PortalClient c = portal.client();
            c.get("/sign-in");
            for (int i = 0; i < 4; i++) {
                assertThat(c.post("/sign-in", Map.of("username", "ana", "password", "wrong password number " + i))
                        .status()).isEqualTo(401);
            }
            PortalClient.Response fifth = c.post("/sign-in", Map.of("username", "ana", "password", "still wrong!!"));
            assertThat(fifth.status()).isEqualTo(429);
            assertThat(fifth.body()).contains("locked");
            PortalClient.Response right = c.post("/sign-in", Map.of("username", "ana",
                    "password", PortalHarness.PASSWORD));
            assertThat(right.status()).isEqualTo(429);
            portal.clock.advance(Duration.ofMinutes(16));
            assertThat(c.post("/sign-in", Map.of("username", "ana", "password", PortalHarness.PASSWORD)).status())
                    .isEqualTo(303);
        }

        @Test
        void an_unknown_username_is_answered_like_a_wrong_password() {
            PortalClient c = portal.client();
            c.get("/sign-in");
            PortalClient.Response r = c.post("/sign-in", Map.of("username", "nobody", "password", "whatever it is"));
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.body()).contains("The username or password is not correct.");
        }
    }

    @Nested
    class Sessions {
        @Test
        void sign_in_replaces_any_session_token_the_browser_had_so_a_planted_one_is_worthless() {
            PortalClient c = portal.client();
            c.cookies().put("__Host-baton-session", "attacker-chosen-token-value-000000000000000");
            c.get("/sign-in");
            portal.signIn(c, counselor);
            String afterPassword = c.cookies().get("__Host-baton-session");
            assertThat(afterPassword).isNotEqualTo("attacker-chosen-token-value-000000000000000");
            PortalClient attacker = portal.client();
            attacker.cookies().put("__Host-baton-session", "attacker-chosen-token-value-000000000000000");
            assertThat(attacker.get("/caseload").status()).isEqualTo(302);
            assertThat(c.get("/caseload").status()).isEqualTo(200);
        }

        @Test
        void the_token_changes_at_the_second_factor_and_the_half_signed_in_token_stops_working() {
            PortalClient c = portal.client();
            c.get("/sign-in");
            c.post("/sign-in", Map.of("username", "cruz", "password", PortalHarness.PASSWORD));
            String halfway = c.cookies().get("__Host-baton-session");
            c.get("/sign-in/code");
            portal.clock.advance(Duration.ofSeconds(30));
            c.post("/sign-in/code", Map.of("code", org.baton.node.portal.accounts.Totp.code(counselor.totp(),
                    org.baton.node.portal.accounts.Totp.step(portal.clock.instant()))));
            assertThat(c.cookies().get("__Host-baton-session")).isNotEqualTo(halfway);
            PortalClient stale = portal.client();
            stale.cookies().put("__Host-baton-session", halfway);
            assertThat(stale.get("/caseload").status()).isEqualTo(302);
        }

        @Test
        void a_half_signed_in_session_reaches_nothing_but_the_code_form() {
            PortalClient c = portal.client();
            c.get("/sign-in");
            c.post("/sign-in", Map.of("username", "cruz", "password", PortalHarness.PASSWORD));
            assertThat(c.get("/caseload").status()).isEqualTo(302);
            assertThat(c.get("/sign-in/code").status()).isEqualTo(200);
        }

        @Test
        void sign_out_everywhere_ends_the_other_devices_sessions() {
            PortalClient phone = signedIn(ana);
            PortalClient laptop = signedIn(ana);
            laptop.get("/account");
            assertThat(laptop.post("/account/sign-out-everywhere", Map.of()).status()).isEqualTo(303);
            assertThat(phone.get("/students/1/records").status()).isEqualTo(302);
            assertThat(laptop.get("/students/1/records").status()).isEqualTo(302);
        }

        @Test
        void an_idle_session_ends_after_thirty_minutes() {
            PortalClient c = signedIn(ana);
            portal.clock.advance(Duration.ofMinutes(29));
            assertThat(c.get("/students/1/records").status()).isEqualTo(200);
            portal.clock.advance(Duration.ofMinutes(31));
            assertThat(c.get("/students/1/records").status()).isEqualTo(302);
        }

        @Test
        void staff_without_a_second_factor_must_enroll_before_anything_else() {
            var issued = portal.accounts().issue(Role.REGISTRAR, "Rae Registrar", java.util.Set.of());
            portal.accounts().activate(issued.activationCode(), "rae", PortalHarness.PASSWORD, PortalHarness.PASSWORD);
            PortalClient c = portal.client();
            c.get("/sign-in");
            PortalClient.Response r = c.post("/sign-in", Map.of("username", "rae", "password", PortalHarness.PASSWORD));
            assertThat(r.location()).isEqualTo("/sign-in/enroll");
            assertThat(c.get("/registrar/imports").status()).isEqualTo(302);
            assertThat(c.get("/sign-in/enroll").body()).contains("otpauth://totp/");
        }
    }

    @Nested
    class Escaping {
        @Test
        void a_student_named_with_a_script_tag_renders_as_text_on_every_page() {
            PortalClient c = signedIn(counselor);
            for (String path : new String[] {"/caseload", "/students/3/records", "/students/3/progress",
                "/students/3/what-if"}) {
                String body = c.get(path).body();
                assertThat(body).as(path).doesNotContain("<script>").doesNotContain("<img src=x")
                        .doesNotContain("<b>bold</b>");
            }
            assertThat(c.get("/caseload").body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
            assertThat(c.get("/students/3/records").body()).contains("&lt;img src=x onerror=alert(2)&gt;");
        }
    }

    private static Map<String, String> grantForm() {
        return Map.of("scope", "SCOPE_TRANSCRIPT", "purpose", "PURPOSE_ADMISSION",
                "recipient", PortalTestData.UC_DAVIS.id().value(), "source", PortalTestData.SIERRA.id().value(),
                "until", "2026-12-31");
    }
}
