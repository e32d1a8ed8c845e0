package org.baton.tools.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.baton.ledger.embedded.RemoteLedger;
import org.baton.proto.v1.GetStatusResponse;
import org.baton.proto.v1.PeerRetry;
import org.baton.tools.soak.SoakCluster.Party;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source whose disk is full: the college's data directory is a small tmpfs, filled to the last byte while the
 * consortium runs. A student then grants the university consent from the district and the college. The district's
 * transfer completes; the college refuses its part with a clear error (the university sees it as the college's last
 * failure) and records nothing on the ledger; once the ballast is deleted the college completes the transfer without
 * a restart.
 *
 * <p>Needs {@code mount -t tmpfs} (root, or a user namespace with mount rights); elsewhere the test is skipped and says
 * why.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DiskFullIT {

    private static final Logger LOG = LoggerFactory.getLogger(DiskFullIT.class);
    private static final Duration GUARD = Duration.ofSeconds(120);
    private static final long HEADROOM = 1L << 20;

    @TempDir
    Path dir;

    @Test
    void a_source_with_a_full_disk_refuses_with_a_clear_error_and_completes_when_space_returns() throws Exception {
        Path small = Files.createDirectories(dir.resolve("small"));
        assumeTrue(mountTmpfs(small, "256m"), "cannot mount a tmpfs here (needs root): the disk-full test is skipped");
        try {
            Path data = small.resolve("data");
            try (SoakCluster cluster = SoakCluster.create(dir.resolve("cluster"), 1, Map.of(Party.COLLEGE, data))) {
                cluster.startAll();
                // RocksDB preallocates a write-ahead log file (a memtable's worth, about 70 MiB) at its first write,
                // and writes into that space never fail. So the college is restarted on a disk with 1 MiB left:
                // its new log cannot be preallocated; then the rest is filled.
                cluster.stop(Party.COLLEGE);
                Path ballast = small.resolve("ballast");
                long filled = fill(ballast);
                try (FileChannel channel = FileChannel.open(ballast, StandardOpenOption.WRITE)) {
                    channel.truncate(Math.max(0, filled - HEADROOM));
                }
                cluster.start(Party.COLLEGE);
                cluster.awaitReady(Party.COLLEGE);
                Path rest = small.resolve("ballast-rest");
                filled += fill(rest) - HEADROOM;
                LOG.info("college's disk filled with {} MiB of ballast", filled >> 20);

                StudentPortal portal = new StudentPortal(cluster.portalUrl(), cluster.caCertificate());
                assertThat(portal.signIn(cluster.usernames().get(0), SoakCluster.PASSWORD)).isTrue();
                assertThat(StudentPortal.granted(portal.grant(cluster.students().get(0),
                        List.of("SCOPE_TRANSCRIPT", "SCOPE_GPA"), "PURPOSE_ADMISSION", Party.UNIVERSITY.id.value(),
                        List.of(Party.DISTRICT.id.value(), Party.COLLEGE.id.value()), LocalDate.now().plusDays(30))))
                        .isTrue();

                String error = awaitCollegeFailure(cluster);
                assertThat(error).contains("No space left on device");
                try (RemoteLedger ledger = cluster.ledgerClient()) {
                    LedgerView view = LedgerView.read(ledger.reader());
                    assertThat(view.grants()).hasSize(1);
                    assertThat(view.receipts()).noneMatch(r -> r.receipt().sender().equals(Party.COLLEGE.id));
                }

                Files.delete(ballast);
                Files.delete(rest);
                LedgerView settled = LedgerView.awaitSettled(cluster, GUARD);
                assertThat(settled.receipts()).extracting(r -> r.receipt().sender())
                        .containsExactlyInAnyOrder(Party.DISTRICT.id, Party.COLLEGE.id);
                assertThat(settled.receipts()).allMatch(r -> r.acknowledged().isPresent());
                assertThat(cluster.starts(Party.COLLEGE)).as("the college recovered without a restart").isEqualTo(2);
            }
        } finally {
            run("umount", "-l", small.toString());
        }
    }

    /** Waits until the university reports a failed call to the college; returns its error. */
    private static String awaitCollegeFailure(SoakCluster cluster) throws InterruptedException {
        Instant deadline = Instant.now().plus(GUARD);
        while (Instant.now().isBefore(deadline)) {
            Optional<String> error = cluster.status(Party.UNIVERSITY).map(GetStatusResponse::getExchange)
                    .flatMap(exchange -> exchange.getPeersList().stream()
                            .filter(peer -> peer.getInstitutionId().equals(Party.COLLEGE.id.value()))
                            .map(PeerRetry::getLastError).findFirst());
            if (error.isPresent() && !error.get().isEmpty()) {
                LOG.info("the university sees the college fail: {}", error.get());
                return error.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the university never saw the college fail:\n" + cluster.tail(Party.COLLEGE));
    }

    /** Writes {@code file} until the file system refuses: 1 MiB at a time, then 4 KiB, then single bytes. */
    private static long fill(Path file) throws IOException {
        long written = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int size : new int[] {1 << 20, 4096, 1}) {
                byte[] chunk = new byte[size];
                while (true) {
                    try {
                        out.write(chunk);
                        out.flush();
                        written += size;
                    } catch (IOException e) {
                        break;
                    }
                }
            }
        }
        return written;
    }

    private static boolean mountTmpfs(Path target, String size) {
        return run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", target.toString());
    }

    private static boolean run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                LOG.info("{} failed: {}", String.join(" ", command), output.strip());
                return false;
            }
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
