package org.baton.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DataKeyTest {

    @TempDir
    Path temp;

    @Nested
    class LoadOrCreate {

        @Test
        void creates_a_32_byte_owner_only_file_in_missing_directories() throws Exception {
            Path file = temp.resolve("keys/node/data.key");

            DataKey.loadOrCreate(file);

            assertThat(Files.size(file)).isEqualTo(32);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            try (var siblings = Files.list(file.getParent())) {
                assertThat(siblings).containsExactly(file);
            }
        }

        @Test
        void loads_the_same_key_once_created() {
            Path file = temp.resolve("data.key");

            DataKey created = DataKey.loadOrCreate(file);
            DataKey loaded = DataKey.loadOrCreate(file);

            assertThat(loaded.bytes()).isEqualTo(created.bytes());
        }

        @Test
        void creates_different_keys_for_different_files() {
            assertThat(DataKey.loadOrCreate(temp.resolve("a.key")).bytes())
                    .isNotEqualTo(DataKey.loadOrCreate(temp.resolve("b.key")).bytes());
        }
    }

    @Nested
    class Load {

        @Test
        void refuses_a_missing_file() {
            Path file = temp.resolve("absent.key");

            assertThatThrownBy(() -> DataKey.load(file))
                    .isInstanceOf(DataKeyException.class)
                    .hasMessage("data key file " + file + ": does not exist");
        }

        @Test
        void refuses_a_file_of_the_wrong_length() throws Exception {
            Path file = temp.resolve("short.key");
            Files.write(file, new byte[5]);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

            assertThatThrownBy(() -> DataKey.loadOrCreate(file))
                    .isInstanceOf(DataKeyException.class)
                    .hasMessage("data key file " + file + ": must hold exactly 32 bytes, found 5");
        }

        @Test
        void refuses_a_file_that_group_or_others_can_read() throws Exception {
            Path file = temp.resolve("open.key");
            Files.write(file, new byte[32]);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

            assertThatThrownBy(() -> DataKey.load(file))
                    .isInstanceOf(DataKeyException.class)
                    .hasMessage("data key file " + file + ": permissions allow access by group or others (rw-r-----);"
                            + " restrict it to the owner, e.g. chmod 600");
        }
    }

    @Test
    void never_prints_the_key() {
        assertThat(DataKey.loadOrCreate(temp.resolve("k")).toString()).isEqualTo("DataKey[redacted]");
    }
}
