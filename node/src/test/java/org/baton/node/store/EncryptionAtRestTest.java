package org.baton.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.baton.node.store.StoreTestSupport.OUTBOX;
import static org.baton.node.store.StoreTestSupport.PACKAGES;
import static org.baton.node.store.StoreTestSupport.filesContaining;
import static org.baton.node.store.TestRecords.student;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.baton.node.student.Ssid;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.LocalId;
import org.baton.proto.v1.PersonName;
import org.baton.proto.v1.StudentRecord;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EncryptionAtRestTest {

    private static final String DEMOGRAPHIC = "QZXDEMOGRAPHICMARKER";
    private static final String ELIGIBILITY = "QZXELIGIBILITYMARKER";
    private static final String LAST_NAME = "Qzxlastnamemarker";
    private static final String LOCAL_ID = "QZXLOCALIDMARKER";
    private static final String SSID = "8675309123";
    private static final String PACKAGE = "QZXPACKAGEMARKER";
    private static final String PLAIN_CONTROL = "QZXPLAINCONTROLMARKER";

    @TempDir
    Path temp;

    private static StudentRecord distinctive() {
        StudentRecord.Builder builder = student(1, 35).toBuilder();
        builder.getStudentBuilder()
                .setSsid(SSID)
                .clearLocalIds()
                .addLocalIds(LocalId.newBuilder().setIssuer(TestRecords.DISTRICT).setValue(LOCAL_ID))
                .setLegalName(PersonName.newBuilder().setFirst("Ana").setLast(LAST_NAME));
        builder.getStudentBuilder().getDemographicsBuilder().setHomeLanguage(DEMOGRAPHIC);
        builder.getStudentBuilder().getEligibilityBuilder(0).setSource(ELIGIBILITY);
        return builder.build();
    }

    @Nested
    class SensitiveValues {

        @Test
        void never_appear_in_the_store_files_or_a_checkpoint_while_plain_columns_do() {
            Path dir = temp.resolve("store");
            Path checkpoint = temp.resolve("checkpoint");
            try (RecordStore store = StoreTestSupport.open(dir)) {
                store.writeStudents(List.of(distinctive()));
                PreparedValue<String, String> prepared = store.prepare(PACKAGES, "package-2", PACKAGE + "-PREPARED");
                try (StoreTransaction tx = store.beginTransaction()) {
                    tx.put(PACKAGES, "package-1", PACKAGE);
                    tx.put(prepared);
                    tx.put(OUTBOX, 1L, PLAIN_CONTROL);
                    tx.commit();
                }
                // The checkpoint flushes the memtables, so the values are in SST files as well as the WAL.
                store.createCheckpoint(checkpoint);
            }

            // The search does find what is stored in the clear, in both copies.
            assertThat(filesContaining(dir, bytes(PLAIN_CONTROL))).isNotEmpty();
            assertThat(filesContaining(checkpoint, bytes(PLAIN_CONTROL))).isNotEmpty();
            for (String secret : List.of(DEMOGRAPHIC, ELIGIBILITY, LAST_NAME, LOCAL_ID, SSID, PACKAGE)) {
                assertThat(filesContaining(dir, bytes(secret))).as(secret).isEmpty();
                assertThat(filesContaining(checkpoint, bytes(secret))).as(secret).isEmpty();
            }
            try (RecordStore reopened = StoreTestSupport.open(checkpoint)) {
                assertThat(reopened.findBySsid(Ssid.of(SSID))).map(StoredStudent::record).contains(distinctive());
                assertThat(reopened.get(PACKAGES, "package-2")).contains(PACKAGE + "-PREPARED");
            }
        }
    }

    @Nested
    class Tampering {

        @Test
        void a_record_copied_onto_another_students_key_fails_authentication() throws Exception {
            Path dir = temp.resolve("store");
            try (RecordStore store = StoreTestSupport.open(dir)) {
                store.writeStudents(List.of(student(1, 3), student(2, 3)));
            }
            RawRocks.with(dir, List.of(), (db, columns) -> db.put(columns.get("students"),
                    Serializers.uint64().serialize(2L), db.get(columns.get("students"), Serializers.uint64().serialize(1L))));

            try (RecordStore store = StoreTestSupport.open(dir)) {
                assertThat(store.student(new StudentId(1))).map(StoredStudent::record).contains(student(1, 3));
                assertThatThrownBy(() -> store.student(new StudentId(2)))
                        .isInstanceOf(StoreReadException.class)
                        .hasMessage("cannot read column 'students': value fails authentication (wrong data key,"
                                + " tampered, or moved from another key)");
            }
        }

        @Test
        void a_flipped_byte_fails_authentication() throws Exception {
            Path dir = temp.resolve("store");
            try (RecordStore store = StoreTestSupport.open(dir)) {
                try (StoreTransaction tx = store.beginTransaction()) {
                    tx.put(PACKAGES, "p", "package body");
                    tx.commit();
                }
            }
            RawRocks.with(dir, List.of(), (db, columns) -> {
                byte[] key = bytes("p");
                byte[] value = db.get(columns.get("received_packages"), key);
                value[value.length - 1] ^= 1;
                db.put(columns.get("received_packages"), key, value);
            });

            try (RecordStore store = StoreTestSupport.open(dir)) {
                assertThatThrownBy(() -> store.get(PACKAGES, "p"))
                        .isInstanceOf(StoreReadException.class)
                        .hasMessageStartingWith("cannot read column 'received_packages': value fails authentication");
            }
        }
    }

    @Nested
    class DataKeys {

        @Test
        void a_store_refuses_to_open_with_another_data_key_and_stays_readable_with_its_own() {
            Path dir = temp.resolve("store");
            try (RecordStore store = StoreTestSupport.open(dir)) {
                store.writeStudents(List.of(student(1, 3)));
            }

            assertThatThrownBy(() -> RecordStore.open(StoreConfig.of(dir, StoreTestSupport.OTHER_KEY)))
                    .isInstanceOf(StoreOpenException.class)
                    .hasMessage("cannot open record store " + dir.toAbsolutePath()
                            + ": the data key does not match the key this store was created with");
            try (RecordStore store = StoreTestSupport.open(dir)) {
                assertThat(store.studentCount()).isEqualTo(1);
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
