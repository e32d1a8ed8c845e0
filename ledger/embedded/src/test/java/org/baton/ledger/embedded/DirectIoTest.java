package org.baton.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DirectIoTest {

    @TempDir
    Path directory;

    @Test
    void answers_as_the_file_system_does_and_leaves_nothing_behind() throws IOException {
        boolean supported = DirectIo.supportedIn(directory);

        assertThat(supported).isEqualTo(opensDirect(directory.resolve("check")));
        try (Stream<Path> left = Files.list(directory)) {
            assertThat(left).noneMatch(DirectIo::isProbe);
        }
    }

    @Test
    void creates_a_missing_directory_to_probe_it() throws IOException {
        Path missing = directory.resolve("a").resolve("store");

        DirectIo.supportedIn(missing);

        assertThat(missing).isDirectory();
        try (Stream<Path> left = Files.list(missing)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void a_directory_that_cannot_be_written_takes_no_direct_io_and_throws_nothing() throws IOException {
        Path file = Files.writeString(directory.resolve("not-a-directory"), "x");

        assertThat(DirectIo.supportedIn(file.resolve("store"))).isFalse();
    }

    @Test
    void knows_its_own_scratch_files_only() {
        assertThat(DirectIo.isProbe(directory.resolve(".direct-io-probe-123.tmp"))).isTrue();
        assertThat(DirectIo.isProbe(directory.resolve("CURRENT"))).isFalse();
        assertThat(DirectIo.isProbe(directory.resolve(".direct-io-probe-123.sst"))).isFalse();
    }

    /** An independent look: can a file here be opened for direct writes at all. */
    private static boolean opensDirect(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                ExtendedOpenOption.DIRECT)) {
            return channel.isOpen();
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
