package org.baton.node.portal.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.baton.ledger.LegalBasis;
import org.baton.ledger.ReceiptId;
import org.baton.ledger.Sha256;
import org.baton.node.exchange.CalGrantGpaSource;
import org.baton.node.exchange.PackageId;
import org.baton.node.exchange.ReceivedPackage;
import org.baton.node.exchange.ReceivedRecords;
import org.baton.node.importer.ImportFormat;
import org.baton.node.importer.ImportRequest;
import org.baton.node.importer.ImportRuns;
import org.baton.node.quality.DataQuality;
import org.baton.node.quality.QualityChecker;
import org.baton.node.quality.QualityOptions;
import org.baton.node.quality.QualityRule;
import org.baton.node.quality.ReceivedQuality;
import org.baton.node.readiness.AgCourseLists;
import org.baton.node.readiness.ReadinessEngine;
import org.baton.node.readiness.rules.RuleBook;
import org.baton.node.store.Column;
import org.baton.node.store.DataKey;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoreConfig;
import org.baton.node.student.Ssid;
import org.baton.proto.v1.GpaKind;
import org.baton.proto.v1.LocalId;
import org.baton.proto.v1.PersonName;
import org.baton.proto.v1.ReportedGpa;
import org.baton.proto.v1.SignedPackage;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;
import org.baton.trust.InstitutionId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NodeRegistrarDeskTest {

    private static final InstitutionId DISTRICT = InstitutionId.of("19647330000000");

    @TempDir
    Path dir;

    private RecordStore store;
    private RegistrarDesk desk;

    @BeforeEach
    void open() {
        store = RecordStore.open(StoreConfig.of(dir.resolve("store"), DataKey.loadOrCreate(dir.resolve("data.key")))
                .withSyncWrites(false).withColumns(ImportRuns.columns().toArray(Column<?, ?>[]::new))
                .withColumns(DataQuality.columns().toArray(Column<?, ?>[]::new)));
        desk = RegistrarDesk.ofNode(store, Optional.empty(), InstitutionId::value, CalGrantGpaSource.reported(),
                Clock.fixed(Instant.parse("2026-03-02T17:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static StudentRecord student(String ssid, String first, String last, int grade, boolean optOut,
            Integer calGrantThousandths) {
        Student.Builder s = Student.newBuilder().setSsid(ssid)
                .addLocalIds(LocalId.newBuilder().setIssuer(DISTRICT.value()).setValue("L" + ssid))
                .setLegalName(PersonName.newBuilder().setFirst(first).setLast(last)).setBirthDate("2008-05-01")
                .setGradeLevel(grade).setCalGrantGpaOptOut(optOut);
        StudentRecord.Builder r = StudentRecord.newBuilder().setStudent(s);
        if (calGrantThousandths != null) {
            r.addReportedGpas(ReportedGpa.newBuilder().setKind(GpaKind.GPA_CAL_GRANT).setValue(calGrantThousandths)
                    .setAsOf("2026-06-01"));
        }
        return r.build();
    }

    @Nested
    class the_cal_grant_batch {

        @Test
        void lists_the_seniors_by_name_with_the_gpa_in_hundredths_and_their_opt_out() {
            store.writeStudents(List.of(
                    student("1000000001", "Zoe", "Adams", 12, false, 3475),
                    student("1000000002", "Ana", "Lopez", 12, true, 3100),
                    student("1000000003", "Ben", "Young", 11, false, 3900),
                    student("1000000004", "Cy", "Diaz", 12, false, null)));

            assertThat(desk.calGrantBatch()).extracting(RegistrarDesk.CalGrantRow::name,
                            RegistrarDesk.CalGrantRow::gpa, RegistrarDesk.CalGrantRow::optedOut)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("Ana Lopez", Optional.of("3.10"), true),
                            org.assertj.core.groups.Tuple.tuple("Cy Diaz", Optional.empty(), false),
                            org.assertj.core.groups.Tuple.tuple("Zoe Adams", Optional.of("3.48"), false));
        }
    }

    @Nested
    class without_an_exchange {

        @Test
        void shows_no_exchanges_no_findings_no_reports_and_cannot_upload_or_report() {
            assertThat(desk.exchanges()).isEmpty();
            assertThat(desk.findings()).isEmpty();
            assertThat(desk.uploadCalGrant(2026)).isEmpty();
            assertThat(desk.reports()).isEmpty();
            assertThat(desk.reportDiscrepancy("0".repeat(32), "wrong grade", "Rae"))
                    .isEqualTo(RegistrarDesk.ReportOutcome.NO_EXCHANGE);
            assertThat(desk.resendForReport("0".repeat(32), "Rae")).isEqualTo(RegistrarDesk.ReportOutcome.NO_EXCHANGE);
        }
    }

    @Nested
    class the_data_quality_queue {

        private void scan() {
            QualityChecker checker = new QualityChecker(ReadinessEngine.create(RuleBook.loadDefault()),
                    AgCourseLists.none(), QualityOptions.defaults().withSsidCheckDigit(true),
                    DataQuality.lookalikesIn(store));
            DataQuality.in(store).scan(checker, Clock.fixed(Instant.parse("2026-06-30T18:00:00Z"), ZoneOffset.UTC), 1);
        }

        @Test
        void is_empty_with_every_rule_at_zero_before_the_rules_ran() {
            RegistrarDesk.QualityPage page = desk.quality(Optional.empty(), false, 0);

            assertThat(page.lastRun()).isEmpty();
            assertThat(page.rules()).hasSize(QualityRule.values().length)
                    .allSatisfy(r -> assertThat(r.open()).isZero());
            assertThat(page.rows()).isEmpty();
        }

        @Test
        void names_each_student_with_their_local_id_and_pages_by_a_hundred() {
            List<StudentRecord> students = new java.util.ArrayList<>();
            for (int i = 0; i < 105; i++) {
                // 100000000 + i, with a last digit that is never its Luhn check digit.
                String nine = String.valueOf(100_000_000 + i);
                char good = QualityChecker.luhn(nine);
                students.add(student(nine + (char) ('0' + (good - '0' + 1) % 10), "First" + i, "Last" + i, 11, false,
                        null));
            }
            store.writeStudents(students);
            scan();

            RegistrarDesk.QualityPage first = desk.quality(Optional.of(QualityRule.SSID_CHECK_DIGIT), false, 0);
            RegistrarDesk.QualityPage second = desk.quality(Optional.of(QualityRule.SSID_CHECK_DIGIT), false, 1);

            assertThat(first.lastRun()).get().satisfies(run -> assertThat(run.students()).isEqualTo(105));
            assertThat(first.rules()).filteredOn(r -> r.rule() == QualityRule.SSID_CHECK_DIGIT).singleElement()
                    .satisfies(r -> assertThat(r.open()).isEqualTo(105));
            assertThat(first.rows()).hasSize(RegistrarDesk.QUALITY_PAGE);
            assertThat(first.more()).isTrue();
            assertThat(second.rows()).hasSize(5);
            assertThat(second.more()).isFalse();
            RegistrarDesk.QualityRow row = first.rows().get(0);
            assertThat(row.studentName()).isEqualTo("First0 Last0");
            assertThat(row.localIds()).startsWith("L100000000");

            assertThat(desk.dismissFinding(row.student(), row.fingerprint(), "SSID confirmed in CALPADS", "Rae"))
                    .isTrue();
            RegistrarDesk.QualityPage dismissed = desk.quality(Optional.empty(), true, 0);
            assertThat(dismissed.rows()).singleElement().satisfies(d -> {
                assertThat(d.dismissal()).get().satisfies(why -> {
                    assertThat(why.reason()).isEqualTo("SSID confirmed in CALPADS");
                    assertThat(why.by()).isEqualTo("Rae");
                    assertThat(why.at()).isEqualTo(Instant.parse("2026-03-02T17:00:00Z"));
                });
            });
            assertThat(desk.reopenFinding(row.fingerprint())).isTrue();
            assertThat(desk.quality(Optional.empty(), true, 0).rows()).isEmpty();
        }
    }

    @Nested
    class import_runs {

        @Test
        void are_listed_newest_first_and_found_by_their_number_only() {
            ImportRuns runs = ImportRuns.in(store);
            ImportRequest request = ImportRequest.of(ImportFormat.CALPADS, dir.resolve("extract-1"), DISTRICT);
            runs.recordFailed(request, Instant.parse("2026-11-01T10:00:00Z"), "the input does not exist");
            runs.recordFailed(request.withReport(dir.resolve("r2.txt")), Instant.parse("2026-11-02T10:00:00Z"),
                    "another import is running");

            assertThat(desk.imports()).extracting(RegistrarDesk.ImportRun::id).containsExactly("2", "1");
            RegistrarDesk.ImportRun first = desk.importRun("1").orElseThrow();
            assertThat(first.file()).isEqualTo("extract-1");
            assertThat(first.format()).isEqualTo("calpads");
            assertThat(first.failure()).contains("the input does not exist");
            assertThat(desk.importRun("x")).isEmpty();
            assertThat(desk.importRun("3")).isEmpty();
            assertThat(desk.importRun("-1")).isEmpty();
        }
    }

    @Nested
    class findings_in_received_records {

        private static final String PKG = "5e1f0c2a9b8d7e6f5a4b3c2d1e0f9a8b";
        private static final InstitutionId COLLEGE = InstitutionId.of("117645");

        @Test
        void name_the_sender_the_student_and_the_schools_own_record_of_them() {
            // The school holds the student the college sent a record of: same SSID.
            store.writeStudents(List.of(student("1234567890", "Ana", "Martínez", 12, false, null)));
            StudentRecord sent = student("1234567890", "Ana", "Martinez", 12, false, 4250).toBuilder()
                    .setStudent(student("1234567890", "Ana", "Martinez", 12, false, null).getStudent().toBuilder()
                            .clearLocalIds())
                    .build();
            Instant receivedAt = Instant.parse("2026-02-20T10:00:00Z");
            ReceivedPackage pkg = new ReceivedPackage(PackageId.of(PKG), COLLEGE, Optional.empty(),
                    LegalBasis.SEEKS_ENROLLMENT, ReceiptId.random(),
                    Sha256.hash("package".getBytes(java.nio.charset.StandardCharsets.UTF_8)), receivedAt, sent,
                    SignedPackage.getDefaultInstance());
            java.util.Set<String> marked = new java.util.TreeSet<>(List.of(PKG));
            ReceivedQuality queue = ReceivedQuality.in(store, new ReceivedQuality.Packages() {
                @Override
                public synchronized List<ReceivedQuality.Mark> waiting(Optional<String> after, int limit) {
                    return marked.stream().filter(id -> after.isEmpty() || id.compareTo(after.get()) > 0)
                            .map(id -> new ReceivedQuality.Mark(id, id)).toList();
                }

                @Override
                public synchronized void checked(org.baton.node.store.StoreTransaction tx, ReceivedQuality.Mark mark) {
                    marked.remove(mark.packageId());
                }

                @Override
                public Optional<ReceivedQuality.Arrival> arrival(String packageId) {
                    return Optional.of(new ReceivedQuality.Arrival(PKG, COLLEGE.value(), receivedAt, "student-1",
                            java.util.EnumSet.of(org.baton.ledger.Scope.TRANSCRIPT), sent));
                }

                @Override
                public StudentRecord narrow(StudentRecord record, java.util.Set<org.baton.ledger.Scope> scopes) {
                    return record;
                }
            }, new QualityChecker(ReadinessEngine.create(RuleBook.loadDefault()), AgCourseLists.none(),
                    QualityOptions.defaults().withSsidCheckDigit(true), (self, student) -> List.of()),
                    Clock.fixed(Instant.parse("2026-03-02T17:00:00Z"), ZoneOffset.UTC));
            RegistrarDesk withQueue = RegistrarDesk.ofNode(store, Optional.empty(), Optional.of(
                    new RegistrarDesk.Received(received(pkg), queue)), id -> "Valley College",
                    CalGrantGpaSource.reported(), Clock.fixed(Instant.parse("2026-03-02T17:00:00Z"), ZoneOffset.UTC));
            assertThat(withQueue.receivedSummary().waiting()).isEqualTo(1);

            queue.checkWaiting();

            RegistrarDesk.ReceivedPage page = withQueue.receivedQuality(false, 0);
            assertThat(page.rows()).extracting(RegistrarDesk.ReceivedRow::rule)
                    .containsExactly(QualityRule.SSID_CHECK_DIGIT, QualityRule.CAL_GRANT_GPA_WEIGHTED);
            assertThat(page.rows()).allSatisfy(row -> {
                assertThat(row.packageId()).isEqualTo(PKG);
                assertThat(row.sender()).isEqualTo("Valley College");
                assertThat(row.studentName()).isEqualTo("Ana Martinez");
                assertThat(row.student()).isEqualTo(store.findBySsid(Ssid.of("1234567890")).map(s -> s.id()));
                assertThat(row.receivedAt()).isEqualTo(receivedAt);
                assertThat(row.reported()).isFalse();
            });
            assertThat(page.rows().get(1).detail()).contains("4.25");
            assertThat(withQueue.receivedSummary()).satisfies(summary -> {
                assertThat(summary.open()).isEqualTo(2);
                assertThat(summary.packages()).isEqualTo(1);
                assertThat(summary.waiting()).isZero();
                assertThat(summary.rows()).isEmpty();
            });

            RegistrarDesk.ReceivedRow first = page.rows().get(0);
            assertThat(withQueue.dismissReceived(first.entry(), first.fingerprint(), "right as it is", "Rae"))
                    .isTrue();
            assertThat(withQueue.receivedQuality(true, 0).rows()).singleElement().satisfies(row -> assertThat(
                    row.dismissal().orElseThrow().by()).isEqualTo("Rae"));
            assertThat(withQueue.reopenReceived(first.fingerprint())).isTrue();
            assertThat(withQueue.receivedQuality(false, 0).open()).isEqualTo(2);
            // A node without an exchange has nothing to show.
            assertThat(desk.receivedQuality(false, 0).rows()).isEmpty();
            assertThat(desk.dismissReceived(first.entry(), first.fingerprint(), "x", "Rae")).isFalse();
        }

        private ReceivedRecords received(ReceivedPackage pkg) {
            return new ReceivedRecords() {
                @Override
                public Optional<ReceivedPackage> find(PackageId id) {
                    return id.equals(pkg.packageId()) ? Optional.of(pkg) : Optional.empty();
                }

                @Override
                public List<ReceivedPackage> underGrant(org.baton.ledger.GrantId grant) {
                    return List.of();
                }

                @Override
                public List<ReceivedPackage> forStudent(Ssid ssid) {
                    return List.of(pkg);
                }
            };
        }
    }
}
