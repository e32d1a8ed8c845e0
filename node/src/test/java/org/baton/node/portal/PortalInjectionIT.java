package org.baton.node.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.baton.node.portal.accounts.Role;
import org.baton.node.portal.consent.ConsentDesk;
import org.baton.node.portal.consent.Institution;
import org.baton.node.portal.registrar.RegistrarDesk;
import org.baton.node.portal.student.ReadinessReport;
import org.baton.node.portal.student.ReceivedRecord;
import org.baton.node.portal.student.StudentFile;
import org.baton.node.quality.QualityRule;
import org.baton.proto.v1.LegalBasis;
import org.baton.proto.v1.Scope;
import org.baton.proto.v1.StudentRecord;
import org.baton.trust.InstitutionId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SQL, HTML and script payloads stored in every text field the portal shows (every string of a student's record
 * and of the records received for them, readiness trails and reasons, institution names, the access log, import
 * problems, exchanges, the Cal Grant batch, account display names) come back escaped on every page that shows
 * them, to the role that may see it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalInjectionIT {

    /** Markup and SQL in one string; it must never come back as markup. */
    static final String PAYLOAD = "<script>alert('xss')</script>\"><img src=x onerror=alert(1)>'; DROP TABLE students;--";
    private static final String[] RAW = {"<script>alert(", "<img src=x", "onerror=alert(1)>"};

    private PortalHarness portal;
    private final Map<Role, PortalClient> clients = new java.util.EnumMap<>(Role.class);

    @BeforeAll
    void start() {
        portal = new PortalHarness();
        FakeBackends fakes = portal.fakes;
        Institution hostileSchool = new Institution(InstitutionId.of("117052"), PAYLOAD);
        fakes.consent.institutions.add(new Institution(InstitutionId.of("110635"), PAYLOAD));

        StudentFile ana = fakes.students.files.get(PortalTestData.ANA);
        StudentRecord local = poisoned(ana.local());
        StudentRecord received = poisoned(ana.received().get(0).record());
        fakes.students.files.put(PortalTestData.ANA, new StudentFile(PortalTestData.ANA, local, List.of(
                new ReceivedRecord(hostileSchool.id(), PAYLOAD, Instant.parse("2026-01-20T10:00:00Z"), received))));
        fakes.readiness.reports.put(PortalTestData.ANA, new ReadinessReport(
                List.of(new ReadinessReport.AreaStatus('a', ReadinessReport.AreaStatus.Status.IN_PROGRESS, 1, 4,
                        List.of(PAYLOAD))),
                List.of(new ReadinessReport.GpaFigure(ReadinessReport.GpaFigure.Kind.OTHER, PAYLOAD, "3.10", List.of(PAYLOAD))),
                List.of(new ReadinessReport.Deadline(PAYLOAD, LocalDate.parse("2026-03-02"))),
                Optional.of(new ReadinessReport.TransferProgress(PAYLOAD, List.of(
                        new ReadinessReport.TransferProgress.Requirement(PAYLOAD, false, PAYLOAD)))),
                List.of(PAYLOAD)));
        fakes.consent.disclosed(PortalTestData.ANA, hostileSchool, EnumSet.of(Scope.SCOPE_TRANSCRIPT),
                LegalBasis.BASIS_CONSENT, Instant.parse("2026-02-01T08:00:00Z"));
        // A disclosure to the hostile-named school on the ledger, for the auditor's page (never acknowledged).
        Instant sent = Instant.parse("2026-02-20T10:00:00Z");
        org.baton.ledger.ExchangeReceipt toHostile = org.baton.ledger.ExchangeReceipt.underBasis(
                org.baton.ledger.ReceiptId.random(), org.baton.ledger.LegalBasis.SEEKS_ENROLLMENT,
                FakeBackends.Audit.SELF, InstitutionId.of("110635"), EnumSet.of(org.baton.ledger.Scope.TRANSCRIPT),
                org.baton.ledger.Sha256.hash(PAYLOAD.getBytes(java.nio.charset.StandardCharsets.UTF_8)), sent);
        fakes.audit.receipts.add(new org.baton.ledger.ReceiptRecord(toHostile, new org.baton.ledger.Committed(
                org.baton.ledger.TxId.of(toHostile.packageHash()), 1, sent), Optional.empty()));
        fakes.registrar.runs.add(0, new RegistrarDesk.ImportRun("run-8", PAYLOAD, PAYLOAD,
                Instant.parse("2026-02-28T15:30:00Z"), 3, 2, 1, Optional.of(PAYLOAD),
                List.of(new RegistrarDesk.Problem(PAYLOAD, 2, PAYLOAD, PAYLOAD))));
        fakes.registrar.findings.add(new RegistrarDesk.Finding(Instant.parse("2026-02-22T09:00:00Z"),
                PortalTestData.ANA, PAYLOAD, PAYLOAD, List.of(PAYLOAD), PAYLOAD));
        fakes.consent.discrepancies.put(PortalTestData.ANA, List.of(new ConsentDesk.Discrepancy(
                Instant.parse("2026-02-26T10:00:00Z"), true, hostileSchool, PAYLOAD, "CLOSED", PAYLOAD)));
        fakes.registrar.quality.add(new RegistrarDesk.QualityRow(PortalTestData.ANA, PAYLOAD, PAYLOAD,
                QualityRule.GPA_MISMATCH, PAYLOAD, "0123456789abcdef0123456789abcdef", Optional.empty()));
        fakes.registrar.quality.add(new RegistrarDesk.QualityRow(PortalTestData.ANA, PAYLOAD, PAYLOAD,
                QualityRule.GPA_MISMATCH, PAYLOAD, "fedcba9876543210fedcba9876543210",
                Optional.of(new RegistrarDesk.QualityDismissal(PAYLOAD, PAYLOAD, Instant.parse("2026-02-28T10:00:00Z")))));
        fakes.registrar.received.add(new RegistrarDesk.ReceivedRow("9223370265414775807/0123456789abcdef0123456789abcdef",
                "0123456789abcdef0123456789abcdef", PAYLOAD, Instant.parse("2026-01-20T10:00:00Z"), PAYLOAD,
                Optional.of(PortalTestData.ANA), QualityRule.GPA_MISMATCH, PAYLOAD, "", List.of(),
                "0123456789abcdef0123456789abcdee", Optional.empty(), false));
        fakes.registrar.received.add(new RegistrarDesk.ReceivedRow("9223370265414775807/fedcba9876543210fedcba9876543210",
                "fedcba9876543210fedcba9876543210", PAYLOAD, Instant.parse("2026-01-20T10:00:00Z"), PAYLOAD,
                Optional.empty(), QualityRule.GPA_MISMATCH, PAYLOAD, "CUMULATIVE_GPA", List.of(PAYLOAD, PAYLOAD,
                        PAYLOAD, PAYLOAD, PAYLOAD, PAYLOAD), "fedcba9876543210fedcba987654321f",
                Optional.of(new RegistrarDesk.QualityDismissal(PAYLOAD, PAYLOAD, Instant.parse("2026-02-28T10:00:00Z"))),
                false));
        fakes.registrar.exchanges.add(new RegistrarDesk.Exchange("x-13", true, PAYLOAD,
                Instant.parse("2026-02-21T12:00:00Z"), PAYLOAD, EnumSet.of(Scope.SCOPE_TRANSCRIPT)));
        fakes.registrar.calGrant.add(new RegistrarDesk.CalGrantRow(PortalTestData.ANA, PAYLOAD, Optional.of("3.71"),
                false));

        // Ana is 18: she reads her own records; everyone's display name is the payload.
        sign(Role.STUDENT, portal.active(Role.STUDENT, "ana", PAYLOAD, PortalTestData.ANA));
        sign(Role.COUNSELOR, portal.active(Role.COUNSELOR, "cruz", PAYLOAD, PortalTestData.ANA));
        sign(Role.REGISTRAR, portal.active(Role.REGISTRAR, "reg", PAYLOAD));
        sign(Role.ADMIN, portal.active(Role.ADMIN, "root", PAYLOAD));
        sign(Role.AUDITOR, portal.active(Role.AUDITOR, "audit", PAYLOAD));
    }

    private void sign(Role role, PortalHarness.Holder holder) {
        PortalClient client = portal.client();
        assertThat(portal.signIn(client, holder).status()).isEqualTo(303);
        clients.put(role, client);
    }

    @AfterAll
    void stop() {
        if (portal != null) {
            portal.close();
        }
    }

    /** Every string in the record (nested messages and repeated fields included) set to the payload. */
    static StudentRecord poisoned(StudentRecord record) {
        return (StudentRecord) poison(record);
    }

    private static Message poison(Message message) {
        Message.Builder builder = message.toBuilder();
        for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
            FieldDescriptor d = field.getKey();
            if (d.getJavaType() == FieldDescriptor.JavaType.STRING && !isParsed(d)) {
                if (d.isRepeated()) {
                    builder.clearField(d);
                    for (int i = 0; i < message.getRepeatedFieldCount(d); i++) {
                        builder.addRepeatedField(d, PAYLOAD);
                    }
                } else {
                    builder.setField(d, PAYLOAD);
                }
            } else if (d.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                if (d.isRepeated()) {
                    builder.clearField(d);
                    for (int i = 0; i < message.getRepeatedFieldCount(d); i++) {
                        builder.addRepeatedField(d, poison((Message) message.getRepeatedField(d, i)));
                    }
                } else {
                    builder.setField(d, poison((Message) field.getValue()));
                }
            }
        }
        return builder.build();
    }

    /** Dates and codes the portal parses rather than shows: a payload there is refused on import, not shown. */
    private static boolean isParsed(FieldDescriptor d) {
        String name = d.getName();
        return name.endsWith("date") || name.endsWith("_on") || name.equals("award_year")
                || name.equals("institution_id") || name.equals("letter_grade") || name.equals("record_id");
    }

    Stream<Arguments> pages() {
        return Stream.of(
                Arguments.of(Role.STUDENT, "/account"),
                Arguments.of(Role.STUDENT, "/students/1/records"),
                Arguments.of(Role.STUDENT, "/students/1/progress"),
                Arguments.of(Role.STUDENT, "/students/1/what-if"),
                Arguments.of(Role.STUDENT, "/students/1/access-log"),
                Arguments.of(Role.STUDENT, "/students/1/consent"),
                Arguments.of(Role.STUDENT, "/students/1/consent/new"),
                Arguments.of(Role.COUNSELOR, "/caseload"),
                Arguments.of(Role.COUNSELOR, "/students/1/records"),
                Arguments.of(Role.COUNSELOR, "/students/1/progress"),
                Arguments.of(Role.REGISTRAR, "/registrar/imports"),
                Arguments.of(Role.REGISTRAR, "/registrar/imports/run-8"),
                Arguments.of(Role.REGISTRAR, "/registrar/exchanges"),
                Arguments.of(Role.REGISTRAR, "/registrar/data-quality"),
                Arguments.of(Role.REGISTRAR, "/registrar/data-quality/received"),
                Arguments.of(Role.REGISTRAR, "/registrar/data-quality/received?dismissed=1"),
                Arguments.of(Role.REGISTRAR, "/registrar/cal-grant"),
                Arguments.of(Role.REGISTRAR, "/students/1/records"),
                Arguments.of(Role.REGISTRAR, "/students/1/access-log"),
                Arguments.of(Role.ADMIN, "/admin/accounts"),
                Arguments.of(Role.AUDITOR, "/audit"));
    }

    @ParameterizedTest(name = "{1} as {0}")
    @MethodSource("pages")
    void stored_payloads_render_as_text(Role role, String path) {
        PortalClient.Response response = clients.get(role).get(path);

        assertThat(response.status()).as(path).isEqualTo(200);
        assertThat(response.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        for (String raw : RAW) {
            assertThat(response.body()).as(path).doesNotContain(raw);
        }
    }

    @Test
    void the_payload_is_shown_escaped_where_it_is_stored() {
        String escaped = "&lt;script&gt;alert(";
        assertThat(clients.get(Role.STUDENT).get("/students/1/records").body()).contains(escaped);
        assertThat(clients.get(Role.STUDENT).get("/students/1/progress").body()).contains(escaped);
        assertThat(clients.get(Role.STUDENT).get("/students/1/access-log").body()).contains(escaped)
                .contains("id=\"discrepancies\"").doesNotContain("<script>alert(");
        assertThat(clients.get(Role.REGISTRAR).get("/registrar/imports/run-8").body()).contains(escaped);
        assertThat(clients.get(Role.REGISTRAR).get("/registrar/exchanges").body()).contains(escaped);
        assertThat(clients.get(Role.REGISTRAR).get("/registrar/data-quality").body()).contains(escaped);
        assertThat(clients.get(Role.REGISTRAR).get("/registrar/data-quality?rule=GPA_MISMATCH").body())
                .contains(escaped).doesNotContain("<script>alert(");
        assertThat(clients.get(Role.REGISTRAR).get("/registrar/data-quality?dismissed=1").body())
                .contains(escaped).doesNotContain("<script>alert(");
        assertThat(clients.get(Role.REGISTRAR).get("/registrar/data-quality/received").body())
                .contains(escaped).doesNotContain("<script>alert(");
        assertThat(clients.get(Role.REGISTRAR).get("/registrar/data-quality/received?dismissed=1").body())
                .contains(escaped).doesNotContain("<script>alert(");
        assertThat(clients.get(Role.ADMIN).get("/admin/accounts").body()).contains(escaped);
        assertThat(clients.get(Role.AUDITOR).get("/audit").body()).contains(escaped).contains("Seeks enrollment")
                .doesNotContain("<script>alert(");
    }

    @Test
    void plain_text_exports_are_not_served_as_html() {
        for (Map.Entry<Role, String> export : Map.of(Role.REGISTRAR, "/registrar/cal-grant.txt",
                Role.COUNSELOR, "/caseload.csv", Role.AUDITOR, "/audit.csv?from=2026-01-01&to=2026-03-01").entrySet()) {
            PortalClient.Response response = clients.get(export.getKey()).get(export.getValue());
            assertThat(response.status()).as(export.getValue()).isEqualTo(200);
            assertThat(response.header("Content-Type")).as(export.getValue())
                    .hasValueSatisfying(v -> assertThat(v).doesNotContain("html"));
            assertThat(response.header("X-Content-Type-Options")).hasValue("nosniff");
        }
    }

    @Test
    void no_template_writes_unescaped_output() throws IOException {
        Path templates = Path.of("src/main/jte");
        try (Stream<Path> files = Files.walk(templates)) {
            List<Path> unsafe = files.filter(f -> f.toString().endsWith(".jte")).filter(f -> {
                try {
                    String text = Files.readString(f);
                    return text.contains("$unsafe") || text.contains("raw(");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            assertThat(unsafe).as("templates with $unsafe or raw output").isEmpty();
        }
        assertThat(Set.of(templates.toFile().list())).isNotEmpty();
    }
}
