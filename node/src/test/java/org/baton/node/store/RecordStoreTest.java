package org.baton.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.baton.node.store.StoreTestSupport.FAILING;
import static org.baton.node.store.StoreTestSupport.OUTBOX;
import static org.baton.node.store.StoreTestSupport.PACKAGES;
import static org.baton.node.store.TestRecords.DISTRICT;
import static org.baton.node.store.TestRecords.localId;
import static org.baton.node.store.TestRecords.ssid;
import static org.baton.node.store.TestRecords.student;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.baton.node.student.LocalStudentId;
import org.baton.node.student.Ssid;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.LocalId;
import org.baton.proto.v1.PersonName;
import org.baton.proto.v1.StudentRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RecordStoreTest {

    @TempDir
    Path temp;

    Path dir;
    RecordStore store;

    @BeforeEach
    void openStore() {
        dir = temp.resolve("store");
        store = StoreTestSupport.open(dir);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static StudentRecord withSsid(StudentRecord record, String ssid) {
        StudentRecord.Builder builder = record.toBuilder();
        builder.getStudentBuilder().setSsid(ssid);
        return builder.build();
    }

    private static StudentRecord withLocalIds(StudentRecord record, String... values) {
        StudentRecord.Builder builder = record.toBuilder();
        builder.getStudentBuilder().clearLocalIds();
        for (String value : values) {
            builder.getStudentBuilder().addLocalIds(LocalId.newBuilder().setIssuer(DISTRICT).setValue(value));
        }
        return builder.build();
    }

    private static StudentRecord withNameAndBirthDate(StudentRecord record, String first, String last, String dob) {
        StudentRecord.Builder builder = record.toBuilder();
        builder.getStudentBuilder()
                .setLegalName(PersonName.newBuilder().setFirst(first).setLast(last))
                .setBirthDate(dob);
        return builder.build();
    }

    private StudentId put(StudentRecord record) {
        try (StoreTransaction tx = store.beginTransaction()) {
            StudentId id = tx.putStudent(record);
            tx.commit();
            return id;
        }
    }

    @Nested
    class PutStudent {

        @Test
        void assigns_a_new_id_to_a_new_student_and_counts_it() {
            StudentId first = put(student(1, 3));
            StudentId second = put(student(2, 3));

            assertThat(first).isEqualTo(new StudentId(1));
            assertThat(second).isEqualTo(new StudentId(2));
            assertThat(store.studentCount()).isEqualTo(2);
        }

        @Test
        void stores_the_full_record_and_reads_it_back_by_id() {
            StudentId id = put(student(1, 35));

            assertThat(store.student(id)).contains(new StoredStudent(id, student(1, 35)));
            assertThat(store.student(new StudentId(99))).isEmpty();
        }

        @Test
        void replaces_the_record_of_the_student_with_the_same_local_id() {
            StudentId id = put(student(1, 3));
            StudentRecord updated = student(1, 5);

            assertThat(put(updated)).isEqualTo(id);
            assertThat(store.student(id).orElseThrow().record()).isEqualTo(updated);
            assertThat(store.studentCount()).isEqualTo(1);
        }

        @Test
        void matches_a_student_by_ssid_when_its_local_id_changed() {
            StudentId id = put(student(1, 3));

            assertThat(put(withLocalIds(student(1, 3), "NEW-1"))).isEqualTo(id);
            assertThat(store.findByLocalId(LocalStudentId.of(DISTRICT, "NEW-1"))).map(StoredStudent::id).contains(id);
            assertThat(store.findByLocalId(LocalStudentId.of(DISTRICT, localId(1)))).isEmpty();
            assertThat(store.studentCount()).isEqualTo(1);
        }

        @Test
        void refuses_a_record_whose_ssid_and_local_id_belong_to_two_students() {
            put(student(1, 3));
            put(student(2, 3));
            StudentRecord merged = withSsid(student(1, 3), ssid(2));

            assertThatThrownBy(() -> put(merged))
                    .isInstanceOf(StudentIdentityConflictException.class)
                    .hasMessage("student record for student 2 has a local id that belongs to student 1;"
                            + " refusing to merge two students");
            assertThat(store.findBySsid(Ssid.of(ssid(2)))).map(StoredStudent::id).contains(new StudentId(2));
            assertThat(store.student(new StudentId(1)).orElseThrow().record()).isEqualTo(student(1, 3));
        }

        @Test
        void refuses_a_record_with_neither_ssid_nor_local_id() {
            StudentRecord anonymous = withLocalIds(withSsid(student(1, 3), ""));

            try (StoreTransaction tx = store.beginTransaction()) {
                assertThatThrownBy(() -> tx.putStudent(anonymous))
                        .isInstanceOf(InvalidStudentRecordException.class)
                        .hasMessage("invalid student record: it has neither student.ssid nor student.local_ids,"
                                + " so it has no natural key");
            }
        }

        @Test
        void refuses_a_malformed_ssid_without_repeating_it() {
            StudentRecord bad = withSsid(student(1, 3), "12345X7890");

            assertThatThrownBy(() -> put(bad))
                    .isInstanceOf(InvalidStudentRecordException.class)
                    .hasMessage("invalid student record: student.ssid: SSID must be exactly 10 digits (got 10 characters)")
                    .hasMessageNotContaining("12345X7890");
        }

        @Test
        void refuses_a_malformed_birth_date() {
            StudentRecord bad = withNameAndBirthDate(student(1, 3), "Ana", "Ruiz", "03/04/2009");

            assertThatThrownBy(() -> put(bad))
                    .isInstanceOf(InvalidStudentRecordException.class)
                    .hasMessage("invalid student record: student.birth_date is not a YYYY-MM-DD date");
        }

        @Test
        void refuses_a_blank_local_id_and_names_its_position() {
            StudentRecord bad = withLocalIds(student(1, 3), "S1", " ");

            assertThatThrownBy(() -> put(bad))
                    .isInstanceOf(InvalidStudentRecordException.class)
                    .hasMessage("invalid student record: student.local_ids[1]: local student id value must not be"
                            + " blank (issuer " + DISTRICT + ")");
        }
    }

    @Nested
    class Lookups {

        @Test
        void find_a_student_by_ssid() {
            StudentId id = put(student(1, 3));
            put(student(2, 3));

            assertThat(store.findBySsid(Ssid.of(ssid(1)))).contains(new StoredStudent(id, student(1, 3)));
            assertThat(store.findBySsid(Ssid.of(ssid(3)))).isEmpty();
        }

        @Test
        void find_a_student_by_local_id_only_with_the_same_issuer() {
            StudentId id = put(student(1, 3));

            assertThat(store.findByLocalId(LocalStudentId.of(DISTRICT, localId(1)))).map(StoredStudent::id).contains(id);
            assertThat(store.findByLocalId(LocalStudentId.of("CCCID", localId(1)))).isEmpty();
        }

        @Test
        void find_every_student_with_a_normalised_name_and_birth_date() {
            StudentId a = put(withNameAndBirthDate(student(1, 3), "José", "García-López", "2009-04-03"));
            StudentId b = put(withNameAndBirthDate(student(2, 3), "JOSE", "garcia lopez", "2009-04-03"));
            put(withNameAndBirthDate(student(3, 3), "José", "García-López", "2009-04-04"));
            put(withNameAndBirthDate(student(4, 3), "Josefa", "García-López", "2009-04-03"));

            List<StoredStudent> found = store.findByNameAndBirthDate("jose", "GARCÍA LÓPEZ", LocalDate.of(2009, 4, 3));

            assertThat(found).extracting(StoredStudent::id).containsExactly(a, b);
        }

        @Test
        void find_a_student_serialized_with_only_its_student_part_read() throws Exception {
            StudentId id = put(withNameAndBirthDate(student(1, 3), "José", "García-López", "2009-04-03"));
            put(student(2, 3));
            StudentRecord stored = store.student(id).orElseThrow().record();

            SerializedStudent bySsid = store.findSerializedBySsid(Ssid.of(ssid(1))).orElseThrow();
            List<SerializedStudent> byName = store.findSerializedByNameAndBirthDate("jose", "garcia lopez",
                    LocalDate.of(2009, 4, 3));

            assertThat(bySsid.id()).isEqualTo(id);
            assertThat(bySsid.student()).isEqualTo(stored.getStudent());
            assertThat(StudentRecord.parseFrom(bySsid.serialized())).isEqualTo(stored);
            assertThat(bySsid.toString()).doesNotContain(ssid(1));
            assertThat(byName).extracting(SerializedStudent::id).containsExactly(id);
            assertThat(byName.get(0).student()).isEqualTo(stored.getStudent());
            assertThat(store.findSerializedBySsid(Ssid.of(ssid(3)))).isEmpty();
        }

        @Test
        void find_nothing_for_a_name_and_birth_date_nobody_has() {
            put(student(1, 3));

            assertThat(store.findByNameAndBirthDate("Nadie", "Nobody", LocalDate.of(2001, 1, 1))).isEmpty();
        }

        @Test
        void refuse_a_name_lookup_without_a_last_name() {
            assertThatThrownBy(() -> store.findByNameAndBirthDate("Ana", " - ", LocalDate.of(2001, 1, 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("lastName must contain at least one letter or digit");
        }

        @Test
        void remove_stale_index_entries_when_ssid_local_id_name_and_birth_date_change() {
            StudentRecord before = withNameAndBirthDate(student(1, 3), "Ana", "Ruiz", "2009-01-01");
            StudentId id = put(before);
            StudentRecord after = withLocalIds(
                    withNameAndBirthDate(withSsid(before, "9999999999"), "Ana", "Ruiz Soto", "2009-01-02"), "S1-NEW");

            try (StoreTransaction tx = store.beginTransaction()) {
                tx.replaceStudent(id, after);
                tx.commit();
            }

            assertThat(store.findBySsid(Ssid.of(ssid(1)))).isEmpty();
            assertThat(store.findByLocalId(LocalStudentId.of(DISTRICT, localId(1)))).isEmpty();
            assertThat(store.findByNameAndBirthDate("Ana", "Ruiz", LocalDate.of(2009, 1, 1))).isEmpty();
            assertThat(store.findBySsid(Ssid.of("9999999999"))).map(StoredStudent::id).contains(id);
            assertThat(store.findByLocalId(LocalStudentId.of(DISTRICT, "S1-NEW"))).map(StoredStudent::id).contains(id);
            assertThat(store.findByNameAndBirthDate("Ana", "Ruiz Soto", LocalDate.of(2009, 1, 2)))
                    .extracting(StoredStudent::id).containsExactly(id);
            assertThat(store.studentCount()).isEqualTo(1);
        }

        @Test
        void free_an_ssid_when_its_student_is_deleted_so_another_student_can_take_it() {
            StudentId first = put(student(1, 3));
            try (StoreTransaction tx = store.beginTransaction()) {
                assertThat(tx.deleteStudent(first)).isTrue();
                assertThat(tx.deleteStudent(first)).isFalse();
                tx.commit();
            }

            StudentId second = put(withLocalIds(student(1, 3), "OTHER"));

            assertThat(second).isNotEqualTo(first);
            assertThat(store.findBySsid(Ssid.of(ssid(1)))).map(StoredStudent::id).contains(second);
            assertThat(store.findByLocalId(LocalStudentId.of(DISTRICT, localId(1)))).isEmpty();
            assertThat(store.student(first)).isEmpty();
            assertThat(store.studentCount()).isEqualTo(1);
        }
    }

    @Nested
    class WriteStudents {

        @Test
        void stores_every_record_and_returns_their_ids_in_order() {
            List<StudentId> ids = store.writeStudents(List.of(student(1, 3), student(2, 3), student(3, 3)));

            assertThat(ids).containsExactly(new StudentId(1), new StudentId(2), new StudentId(3));
            assertThat(store.studentCount()).isEqualTo(3);
        }

        @Test
        void writes_nothing_when_one_record_is_invalid_and_names_its_position() {
            List<StudentRecord> batch = List.of(student(1, 3), student(2, 3), withSsid(student(3, 3), "123"));

            assertThatThrownBy(() -> store.writeStudents(batch))
                    .isInstanceOf(InvalidStudentRecordException.class)
                    .hasMessage("invalid student record: records[2]: student.ssid: SSID must be exactly 10 digits"
                            + " (got 3 characters)");
            assertThat(store.studentCount()).isZero();
            assertThat(store.findBySsid(Ssid.of(ssid(1)))).isEmpty();
            try (Stream<StoredStudent> all = store.students()) {
                assertThat(all).isEmpty();
            }
        }

        @Test
        void changes_nothing_when_run_again_with_the_same_records() {
            List<StudentRecord> batch = LongStream.rangeClosed(1, 50).mapToObj(n -> student(n, 3)).toList();
            List<StudentId> first = store.writeStudents(batch);

            List<StudentId> second = store.writeStudents(batch);

            assertThat(second).isEqualTo(first);
            assertThat(store.studentCount()).isEqualTo(50);
            try (Stream<StoredStudent> all = store.students()) {
                assertThat(all.map(StoredStudent::record).toList()).isEqualTo(batch);
            }
        }

        @Test
        void writes_nothing_to_rocksdb_when_every_record_is_unchanged() {
            List<StudentRecord> batch = LongStream.rangeClosed(1, 10).mapToObj(n -> student(n, 3)).toList();
            store.writeStudents(batch);
            long sequence = ((RocksRecordStore) store).db().getLatestSequenceNumber();

            store.writeStudents(batch);

            assertThat(((RocksRecordStore) store).db().getLatestSequenceNumber()).isEqualTo(sequence);
        }

        @Test
        void matches_by_natural_keys_not_by_position_when_rerun_in_another_order() {
            List<StudentRecord> batch = LongStream.rangeClosed(1, 20).mapToObj(n -> student(n, 3)).toList();
            List<StudentId> first = store.writeStudents(batch);
            List<StudentRecord> reversed = new ArrayList<>(batch);
            java.util.Collections.reverse(reversed);

            List<StudentId> second = store.writeStudents(reversed);

            List<StudentId> expected = new ArrayList<>(first);
            java.util.Collections.reverse(expected);
            assertThat(second).isEqualTo(expected);
            assertThat(store.studentCount()).isEqualTo(20);
        }

        @Test
        void stores_a_student_that_appears_twice_in_one_batch_once_with_the_later_record() {
            List<StudentId> ids = store.writeStudents(List.of(student(1, 3), student(2, 3), student(1, 7)));

            assertThat(ids).containsExactly(new StudentId(1), new StudentId(2), new StudentId(1));
            assertThat(store.studentCount()).isEqualTo(2);
            assertThat(store.student(new StudentId(1)).orElseThrow().record()).isEqualTo(student(1, 7));
        }
    }

    @Nested
    class PreparedStudents {

        private PreparedStudent prepare(StudentRecord record) {
            Optional<StudentId> stored = store.findBySsid(Ssid.of(record.getStudent().getSsid())).map(StoredStudent::id);
            return store.prepareStudent(record, stored);
        }

        @Test
        void are_stored_as_put_student_stores_them() {
            List<StudentId> ids = store.writePrepared(List.of(prepare(student(1, 3)), prepare(student(2, 3))));

            assertThat(ids).containsExactly(new StudentId(1), new StudentId(2));
            assertThat(store.studentCount()).isEqualTo(2);
            assertThat(store.findBySsid(Ssid.of(ssid(2)))).map(StoredStudent::record).contains(student(2, 3));
            assertThat(store.findByLocalId(LocalStudentId.of(DISTRICT, localId(1)))).map(StoredStudent::id)
                    .contains(new StudentId(1));
        }

        @Test
        void replace_the_stored_student_they_were_prepared_for() {
            put(student(1, 3));

            List<StudentId> ids = store.writePrepared(List.of(prepare(student(1, 7))));

            assertThat(ids).containsExactly(new StudentId(1));
            assertThat(store.studentCount()).isEqualTo(1);
            assertThat(store.student(new StudentId(1)).orElseThrow().record()).isEqualTo(student(1, 7));
        }

        @Test
        void prepared_as_new_but_stored_meanwhile_replace_that_student_readably() {
            PreparedStudent early = store.prepareStudent(student(1, 7), Optional.empty());
            StudentId stored = put(student(1, 3));

            List<StudentId> ids = store.writePrepared(List.of(early));

            assertThat(ids).containsExactly(stored);
            assertThat(store.studentCount()).isEqualTo(1);
            assertThat(store.student(stored).orElseThrow().record()).isEqualTo(student(1, 7));
        }

        @Test
        void never_share_an_id_with_students_a_transaction_adds_meanwhile() {
            PreparedStudent reserved = store.prepareStudent(student(1, 3), Optional.empty());
            StudentId other = put(student(2, 3));

            StudentId written = store.writePrepared(List.of(reserved)).get(0);

            assertThat(written).isNotEqualTo(other);
            assertThat(store.student(written).orElseThrow().record()).isEqualTo(student(1, 3));
            assertThat(store.student(other).orElseThrow().record()).isEqualTo(student(2, 3));
            assertThat(put(student(3, 3)).value()).isGreaterThan(Math.max(written.value(), other.value()));
            assertThat(store.studentCount()).isEqualTo(3);
        }

        @Test
        void leave_ids_as_they_were_when_none_is_reserved() {
            try (StoreTransaction tx = store.beginTransaction()) {
                assertThat(tx.putStudent(student(1, 3))).isEqualTo(new StudentId(1));
            }

            assertThat(put(student(2, 3))).isEqualTo(new StudentId(1));
        }

        @Test
        void change_nothing_when_written_again_unchanged() {
            store.writePrepared(List.of(prepare(student(1, 3))));
            long sequence = ((RocksRecordStore) store).db().getLatestSequenceNumber();

            store.writePrepared(List.of(prepare(student(1, 3))));

            assertThat(((RocksRecordStore) store).db().getLatestSequenceNumber()).isEqualTo(sequence);
        }

        @Test
        void are_refused_whole_batch_when_one_merges_two_students() {
            put(student(1, 3));
            put(student(2, 3));
            PreparedStudent merged = prepare(withSsid(student(1, 3), ssid(2)));
            PreparedStudent fresh = prepare(student(3, 3));

            assertThatThrownBy(() -> store.writePrepared(List.of(fresh, merged)))
                    .isInstanceOf(StudentIdentityConflictException.class)
                    .hasMessage("student record for student 2 has a local id that belongs to student 1;"
                            + " refusing to merge two students");
            assertThat(store.studentCount()).isEqualTo(2);
            assertThat(store.findBySsid(Ssid.of(ssid(3)))).isEmpty();
        }

        @Test
        void refuse_a_record_without_a_natural_key_when_prepared() {
            StudentRecord anonymous = withLocalIds(withSsid(student(1, 3), ""));

            assertThatThrownBy(() -> store.prepareStudent(anonymous, Optional.empty()))
                    .isInstanceOf(InvalidStudentRecordException.class)
                    .hasMessage("invalid student record: it has neither student.ssid nor student.local_ids, so it"
                            + " has no natural key");
        }

        @Test
        void prepared_by_another_store_are_refused() {
            try (RecordStore other = StoreTestSupport.open(temp.resolve("other"))) {
                PreparedStudent foreign = other.prepareStudent(student(1, 3), Optional.empty());

                assertThatThrownBy(() -> store.writePrepared(List.of(foreign)))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("the student was prepared by another record store");
            }
            assertThat(store.studentCount()).isZero();
        }
    }

    @Nested
    class Transactions {

        @Test
        void write_nothing_when_a_serializer_fails_in_the_middle() {
            assertThatThrownBy(() -> {
                try (StoreTransaction tx = store.beginTransaction()) {
                    tx.putStudent(student(1, 3));
                    tx.put(OUTBOX, 1L, "first");
                    tx.put(FAILING, 1L, "fine");
                    tx.put(FAILING, 2L, "boom");
                    tx.putStudent(student(2, 3));
                    tx.commit();
                }
            }).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("column 'failing': cannot serialize value: refusing to serialize boom");

            assertThat(store.studentCount()).isZero();
            assertThat(store.findBySsid(Ssid.of(ssid(1)))).isEmpty();
            assertThat(store.get(OUTBOX, 1L)).isEmpty();
            assertThat(store.get(FAILING, 1L)).isEmpty();
        }

        @Test
        void refuse_to_commit_after_an_operation_failed_even_if_the_caller_carries_on() {
            try (StoreTransaction tx = store.beginTransaction()) {
                tx.putStudent(student(1, 3));
                assertThatThrownBy(() -> tx.put(FAILING, 2L, "boom")).isInstanceOf(IllegalArgumentException.class);

                assertThatThrownBy(() -> tx.put(OUTBOX, 1L, "after"))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("transaction was aborted by an earlier failure (IllegalArgumentException); close it");
                assertThatThrownBy(tx::commit)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("cannot commit: the transaction was aborted by an earlier failure"
                                + " (IllegalArgumentException); nothing was written");
            }

            assertThat(store.studentCount()).isZero();
            assertThat(store.student(new StudentId(1))).isEmpty();
        }

        @Test
        void stay_usable_after_refusing_an_invalid_record() {
            try (StoreTransaction tx = store.beginTransaction()) {
                tx.putStudent(student(1, 3));
                assertThatThrownBy(() -> tx.putStudent(withSsid(student(2, 3), "bad")))
                        .isInstanceOf(InvalidStudentRecordException.class);
                tx.putStudent(student(3, 3));
                tx.commit();
            }

            assertThat(store.studentCount()).isEqualTo(2);
            assertThat(store.findBySsid(Ssid.of(ssid(2)))).isEmpty();
            assertThat(store.findBySsid(Ssid.of(ssid(3)))).isPresent();
        }

        @Test
        void commit_without_sync_applies_every_write_at_once_and_keeps_them_across_close_and_reopen() {
            StudentId id;
            try (StoreTransaction tx = store.beginTransaction()) {
                id = tx.putStudent(student(1, 3));
                tx.put(OUTBOX, 1L, "x");
                assertThat(store.get(OUTBOX, 1L)).isEmpty();
                tx.commitWithoutSync();
                assertThatThrownBy(tx::commit).isInstanceOf(IllegalStateException.class)
                        .hasMessage("transaction has already ended (committed or closed)");
            }
            assertThat(store.studentCount()).isEqualTo(1);
            assertThat(store.get(OUTBOX, 1L)).contains("x");
            store.close();

            store = StoreTestSupport.open(dir);

            assertThat(store.student(id)).map(StoredStudent::record).contains(student(1, 3));
            assertThat(store.get(OUTBOX, 1L)).contains("x");
            assertThat(put(student(2, 3))).isEqualTo(new StudentId(2));
        }

        @Test
        void discard_everything_when_closed_without_commit() {
            try (StoreTransaction tx = store.beginTransaction()) {
                tx.putStudent(student(1, 3));
                tx.put(OUTBOX, 1L, "x");
            }

            assertThat(store.studentCount()).isZero();
            assertThat(store.get(OUTBOX, 1L)).isEmpty();
            assertThat(put(student(1, 3))).isEqualTo(new StudentId(1));
        }

        @Test
        void leave_the_last_write_of_each_key_whatever_order_the_keys_came_in() {
            put(student(1, 3));
            try (StoreTransaction tx = store.beginTransaction()) {
                tx.put(OUTBOX, 1L, "kept before");
                tx.commit();
            }

            try (StoreTransaction tx = store.beginTransaction()) {
                tx.put(OUTBOX, 9L, "first");
                tx.put(OUTBOX, 3L, "written");
                tx.put(OUTBOX, 9L, "second");
                tx.delete(OUTBOX, 1L);
                tx.put(OUTBOX, 7L, "deleted");
                tx.delete(OUTBOX, 7L);
                tx.delete(OUTBOX, 5L);
                tx.put(OUTBOX, 5L, "after a delete");
                tx.putStudent(student(2, 3));
                tx.commit();
            }

            assertThat(store.get(OUTBOX, 9L)).contains("second");
            assertThat(store.get(OUTBOX, 3L)).contains("written");
            assertThat(store.get(OUTBOX, 1L)).isEmpty();
            assertThat(store.get(OUTBOX, 7L)).isEmpty();
            assertThat(store.get(OUTBOX, 5L)).contains("after a delete");
            assertThat(store.studentCount()).isEqualTo(2);
        }

        @Test
        void see_their_own_writes_before_commit_while_other_readers_do_not() {
            try (StoreTransaction tx = store.beginTransaction()) {
                StudentId id = tx.putStudent(student(1, 3));
                tx.put(OUTBOX, 5L, "pending");

                assertThat(tx.student(id)).map(StoredStudent::record).contains(student(1, 3));
                assertThat(tx.get(OUTBOX, 5L)).contains("pending");
                assertThat(store.student(id)).isEmpty();
                assertThat(store.get(OUTBOX, 5L)).isEmpty();
                tx.commit();
            }
            assertThat(store.get(OUTBOX, 5L)).contains("pending");
        }

        @Test
        void refuse_to_replace_a_student_that_does_not_exist() {
            try (StoreTransaction tx = store.beginTransaction()) {
                assertThatThrownBy(() -> tx.replaceStudent(new StudentId(42), student(1, 3)))
                        .isInstanceOf(StudentNotFoundException.class)
                        .hasMessage("cannot replace student 42: no such student in the store");
            }
        }

        @Test
        void refuse_to_replace_a_student_with_another_students_ssid() {
            StudentId first = put(student(1, 3));
            put(student(2, 3));

            try (StoreTransaction tx = store.beginTransaction()) {
                assertThatThrownBy(() -> tx.replaceStudent(first, withLocalIds(withSsid(student(1, 3), ssid(2)), "X")))
                        .isInstanceOf(StudentIdentityConflictException.class)
                        .hasMessage("student record for student 1 has a SSID that belongs to student 2;"
                                + " refusing to merge two students");
            }
        }

        @Test
        void allow_only_one_open_transaction_per_thread() {
            try (StoreTransaction open = store.beginTransaction()) {
                assertThat(open).isNotNull();
                assertThatThrownBy(store::beginTransaction)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("this thread already has a write transaction open on record store "
                                + dir.toAbsolutePath() + "; commit or close it first");
            }
        }

        @Test
        void refuse_use_from_another_thread() throws Exception {
            ExecutorService other = Executors.newSingleThreadExecutor();
            try (StoreTransaction tx = store.beginTransaction()) {
                Future<?> attempt = other.submit(() -> tx.put(OUTBOX, 1L, "x"));

                assertThatThrownBy(attempt::get)
                        .hasCauseInstanceOf(IllegalStateException.class)
                        .cause()
                        .hasMessage("a store transaction must be used only on the thread that began it");
            } finally {
                other.shutdownNow();
            }
        }

        @Test
        void refuse_a_second_commit() {
            try (StoreTransaction tx = store.beginTransaction()) {
                tx.put(OUTBOX, 1L, "x");
                tx.commit();

                assertThatThrownBy(tx::commit)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("transaction has already ended (committed or closed)");
            }
        }

        @Test
        void let_the_next_writer_in_once_committed() throws Exception {
            put(student(1, 3));
            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                StudentId id = other.submit(() -> put(student(2, 3))).get(30, TimeUnit.SECONDS);
                assertThat(id).isEqualTo(new StudentId(2));
            } finally {
                other.shutdownNow();
            }
        }
    }

    @Nested
    class ExtraColumns {

        @Test
        void put_get_and_delete_values() {
            try (StoreTransaction tx = store.beginTransaction()) {
                tx.put(OUTBOX, 1L, "one");
                tx.put(PACKAGES, "pkg-1", "package body");
                tx.commit();
            }
            assertThat(store.get(OUTBOX, 1L)).contains("one");
            assertThat(store.get(PACKAGES, "pkg-1")).contains("package body");

            try (StoreTransaction tx = store.beginTransaction()) {
                tx.delete(OUTBOX, 1L);
                tx.delete(OUTBOX, 2L);
                tx.commit();
            }
            assertThat(store.get(OUTBOX, 1L)).isEmpty();
        }

        @Test
        void store_a_prepared_value_as_a_put_of_the_same_key_and_value_would() {
            PreparedValue<String, String> encrypted = store.prepare(PACKAGES, "pkg-1", "package body");
            PreparedValue<Long, String> plain = store.prepare(OUTBOX, 7L, "seven");
            try (StoreTransaction tx = store.beginTransaction()) {
                tx.put(encrypted);
                tx.put(plain);
                assertThat(tx.get(PACKAGES, "pkg-1")).contains("package body");
                tx.commit();
            }

            assertThat(store.get(PACKAGES, "pkg-1")).contains("package body");
            assertThat(store.get(OUTBOX, 7L)).contains("seven");
        }

        @Test
        void refuse_a_value_prepared_by_another_store_or_for_an_undeclared_column() {
            Column<Long, String> undeclared = Column.plain("audit", Serializers.uint64(), Serializers.utf8());
            assertThatThrownBy(() -> store.prepare(undeclared, 1L, "x"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("column 'audit' is not declared");
            try (RecordStore other = StoreTestSupport.open(temp.resolve("other"))) {
                PreparedValue<String, String> foreign = other.prepare(PACKAGES, "pkg-1", "package body");
                try (StoreTransaction tx = store.beginTransaction()) {
                    assertThatThrownBy(() -> tx.put(foreign))
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessage("the value was prepared by another record store");
                }
            }
            assertThat(store.get(PACKAGES, "pkg-1")).isEmpty();
        }

        @Test
        void scan_in_numeric_key_order_and_by_range() {
            try (StoreTransaction tx = store.beginTransaction()) {
                for (long key : new long[] {300, 2, 70_000, 1, 256}) {
                    tx.put(OUTBOX, key, "v" + key);
                }
                tx.commit();
            }

            try (Stream<ColumnEntry<Long, String>> all = store.scan(OUTBOX)) {
                assertThat(all.map(ColumnEntry::key)).containsExactly(1L, 2L, 256L, 300L, 70_000L);
            }
            try (Stream<ColumnEntry<Long, String>> range = store.scan(OUTBOX, 2L, 300L)) {
                assertThat(range).containsExactly(new ColumnEntry<>(2L, "v2"), new ColumnEntry<>(256L, "v256"));
            }
        }

        @Test
        void refuse_a_column_that_was_not_declared() {
            Column<Long, String> undeclared = Column.plain("audit", Serializers.uint64(), Serializers.utf8());
            Column<Long, String> lookalike = Column.encrypted("outbox", Serializers.uint64(), Serializers.utf8());

            assertThatThrownBy(() -> store.get(undeclared, 1L))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("column 'audit' is not declared in this store's StoreConfig"
                            + " (declare the same Column constant there)");
            assertThatThrownBy(() -> store.scan(lookalike))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("column 'outbox' is not declared");
        }

        @Test
        void refuse_direct_access_to_the_stores_own_columns() {
            assertThatThrownBy(() -> store.scan(Schema.STUDENTS))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("column 'students' is not declared");
        }

        @Test
        void refuse_reserved_or_duplicate_names_in_the_config() {
            Column<Long, String> reserved = Column.plain("students", Serializers.uint64(), Serializers.utf8());

            assertThatThrownBy(() -> StoreConfig.of(dir, StoreTestSupport.KEY).withColumns(reserved))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("store config columns: 'students' is reserved by the record store");
            assertThatThrownBy(() -> StoreConfig.of(dir, StoreTestSupport.KEY).withColumns(OUTBOX, OUTBOX))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("store config columns: 'outbox' is declared twice");
        }

        @Test
        void refuse_a_negative_numeric_key() {
            try (StoreTransaction tx = store.beginTransaction()) {
                assertThatThrownBy(() -> tx.put(OUTBOX, -1L, "x"))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("column 'outbox': cannot serialize key: uint64 key must not be negative, got -1");
            }
        }

        @Test
        void keep_column_families_that_a_later_config_no_longer_declares() {
            try (StoreTransaction tx = store.beginTransaction()) {
                tx.put(OUTBOX, 1L, "kept");
                tx.commit();
            }
            store.close();

            try (RecordStore without = RecordStore.open(StoreConfig.of(dir, StoreTestSupport.KEY))) {
                assertThat(without.studentCount()).isZero();
            }
            store = StoreTestSupport.open(dir);

            assertThat(store.get(OUTBOX, 1L)).contains("kept");
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void keep_every_write_across_close_and_reopen() {
            List<StudentId> ids = store.writeStudents(List.of(student(1, 35), student(2, 35)));
            try (StoreTransaction tx = store.beginTransaction()) {
                tx.put(PACKAGES, "p", "body");
                tx.commit();
            }
            store.close();

            store = StoreTestSupport.open(dir);

            assertThat(store.studentCount()).isEqualTo(2);
            assertThat(store.student(ids.get(1))).map(StoredStudent::record).contains(student(2, 35));
            assertThat(store.findBySsid(Ssid.of(ssid(1)))).map(StoredStudent::id).contains(ids.get(0));
            assertThat(store.get(PACKAGES, "p")).contains("body");
            assertThat(put(student(3, 3))).isEqualTo(new StudentId(3));
        }

        @Test
        void close_twice_without_error_and_refuse_later_calls() {
            store.close();
            store.close();

            assertThatThrownBy(() -> store.studentCount())
                    .isInstanceOf(StoreClosedException.class)
                    .hasMessage("record store " + dir.toAbsolutePath() + " is closed");
            assertThatThrownBy(() -> store.findBySsid(Ssid.of(ssid(1)))).isInstanceOf(StoreClosedException.class);
            assertThatThrownBy(() -> store.beginTransaction()).isInstanceOf(StoreClosedException.class);
        }

        @Test
        void release_open_scans_on_close() {
            store.writeStudents(List.of(student(1, 3), student(2, 3)));
            Stream<StoredStudent> scan = store.students();
            java.util.Iterator<StoredStudent> iterator = scan.iterator();
            assertThat(iterator.next().id()).isEqualTo(new StudentId(1));

            store.close();

            assertThatThrownBy(iterator::hasNext)
                    .isInstanceOf(StoreClosedException.class)
                    .hasMessage("scan of column 'students' used after the store was closed");
            scan.close();
        }

        @Test
        void discard_a_transaction_still_open_when_the_store_closes() {
            StoreTransaction tx = store.beginTransaction();
            tx.putStudent(student(1, 3));

            store.close();

            assertThatThrownBy(tx::commit)
                    .isInstanceOf(StoreClosedException.class)
                    .hasMessage("cannot commit: record store " + dir.toAbsolutePath()
                            + " was closed; nothing was written");
            tx.close();
            store = StoreTestSupport.open(dir);
            assertThat(store.studentCount()).isZero();
        }

        @Test
        void refuse_to_open_a_store_another_instance_holds() {
            assertThatThrownBy(() -> StoreTestSupport.open(dir))
                    .isInstanceOf(StoreOpenException.class)
                    .hasMessageStartingWith("cannot open record store " + dir.toAbsolutePath()
                            + ": RocksDB cannot open it (is another process using it?)");
        }

        @Test
        void refuse_to_create_a_store_in_a_directory_holding_other_files() throws Exception {
            Path other = Files.createDirectories(temp.resolve("other"));
            Files.writeString(other.resolve("notes.txt"), "not a store");

            assertThatThrownBy(() -> StoreTestSupport.open(other))
                    .isInstanceOf(StoreOpenException.class)
                    .hasMessage("cannot open record store " + other.toAbsolutePath() + ": the directory is not empty"
                            + " and holds no RocksDB database; refusing to create a store in it");
        }
    }

    @Nested
    class Checkpoints {

        @Test
        void open_as_a_store_with_the_same_data() {
            List<StudentId> ids = store.writeStudents(List.of(student(1, 35), student(2, 35)));
            try (StoreTransaction tx = store.beginTransaction()) {
                tx.put(OUTBOX, 9L, "queued");
                tx.commit();
            }
            Path backup = temp.resolve("backups/first");

            store.createCheckpoint(backup);
            put(student(3, 3));

            try (RecordStore restored = StoreTestSupport.open(backup)) {
                assertThat(restored.studentCount()).isEqualTo(2);
                assertThat(restored.student(ids.get(0))).map(StoredStudent::record).contains(student(1, 35));
                assertThat(restored.findBySsid(Ssid.of(ssid(2)))).map(StoredStudent::id).contains(ids.get(1));
                assertThat(restored.findBySsid(Ssid.of(ssid(3)))).isEmpty();
                assertThat(restored.get(OUTBOX, 9L)).contains("queued");
            }
        }

        @Test
        void refuse_an_existing_target_directory() throws Exception {
            Path existing = Files.createDirectories(temp.resolve("exists"));

            assertThatThrownBy(() -> store.createCheckpoint(existing))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessage("cannot create store checkpoint at " + existing.toAbsolutePath()
                            + ": the target already exists; choose a new directory");
        }
    }

    @Nested
    class Concurrency {

        @Test
        void readers_see_only_whole_batches_while_a_writer_commits() throws Exception {
            int batches = 15;
            int batchSize = 20;
            AtomicLong committed = new AtomicLong();
            AtomicBoolean done = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                Future<?> writer = pool.submit(() -> {
                    try {
                        for (int b = 0; b < batches; b++) {
                            long first = (long) b * batchSize + 1;
                            store.writeStudents(LongStream.range(first, first + batchSize)
                                    .mapToObj(n -> student(n, 5)).toList());
                            committed.set(first + batchSize - 1);
                        }
                    } finally {
                        done.set(true);
                    }
                    return null;
                });
                List<Future<Long>> readers = new ArrayList<>();
                for (int r = 0; r < 2; r++) {
                    readers.add(pool.submit(() -> {
                        long checks = 0;
                        while (!done.get() || checks == 0) {
                            long known = committed.get();
                            if (known > 0) {
                                assertThat(store.findBySsid(Ssid.of(ssid(known)))).isPresent();
                            }
                            try (Stream<StoredStudent> all = store.students()) {
                                long seen = all.count();
                                assertThat(seen % batchSize).as("students seen mid-write").isZero();
                                assertThat(seen).isGreaterThanOrEqualTo(known);
                            }
                            checks++;
                        }
                        return checks;
                    }));
                }
                writer.get(2, TimeUnit.MINUTES);
                for (Future<Long> reader : readers) {
                    assertThat(reader.get(2, TimeUnit.MINUTES)).isPositive();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(store.studentCount()).isEqualTo((long) batches * batchSize);
            try (Stream<StoredStudent> all = store.students()) {
                assertThat(all.map(StoredStudent::id).collect(Collectors.toSet())).hasSize(batches * batchSize);
            }
        }
    }

    @Test
    void a_stored_student_never_prints_its_record() {
        StudentId id = put(student(1, 3));

        assertThat(store.student(id).map(Object::toString)).isEqualTo(Optional.of("StoredStudent[id=1]"));
    }
}
