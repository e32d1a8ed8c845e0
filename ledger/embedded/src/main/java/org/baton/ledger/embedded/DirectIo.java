package org.baton.ledger.embedded;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a directory's file system takes direct I/O ({@code O_DIRECT}): writes that bypass the operating system's
 * page cache. The RocksDB stores (the ledger's chain, a node's record store) write their flushes and compactions
 * that way where it is taken. Those writes come in bursts of tens of megabytes; through the page cache they stay
 * as dirty pages, and on ext4 ({@code data=ordered}) a synced write-ahead log write that commits the journal waits
 * for the pages of the blocks allocated in that commit, while every commit of the store waits for such a write.
 * Written directly, they go out as they are made and leave the page cache to what is read (docs/performance.md,
 * "Exchange, twenty-first pass").
 *
 * <pre>{@code
 * new DBOptions().setUseDirectIoForFlushAndCompaction(DirectIo.supportedIn(directory));
 * }</pre>
 */
public final class DirectIo {

    private static final Logger LOG = LoggerFactory.getLogger(DirectIo.class);
    private static final String PROBE_PREFIX = ".direct-io-probe-";

    private DirectIo() {
    }

    /** Whether {@code file} is a probe's scratch file: one a crash between its creation and deletion left behind. */
    public static boolean isProbe(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().startsWith(PROBE_PREFIX) && name.toString().endsWith(".tmp");
    }

    /**
     * Writes one aligned block with {@code O_DIRECT} to a scratch file in {@code directory} (created if missing),
     * then deletes the file, and any a crash left there before.
     *
     * @return true if the write went through; false (and says why in the log) if the file system or the JDK
     *     refused it, as some file systems do
     */
    public static boolean supportedIn(Path directory) {
        Path probe = null;
        try {
            Files.createDirectories(directory);
            removeLeftProbes(directory);
            probe = Files.createTempFile(directory, PROBE_PREFIX, ".tmp");
            int block = Math.toIntExact(Math.max(512, Files.getFileStore(probe).getBlockSize()));
            ByteBuffer aligned = ByteBuffer.allocateDirect(2 * block).alignedSlice(block);
            aligned.limit(block);
            try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT)) {
                channel.write(aligned, 0);
            }
            return true;
        } catch (IOException | UnsupportedOperationException | ArithmeticException e) {
            LOG.info("the file system of {} does not take direct writes ({}); flushes and compactions go through the"
                    + " page cache", directory, e.toString());
            return false;
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException e) {
                    LOG.warn("could not delete the direct I/O probe {}: {}", probe, e.toString());
                }
            }
        }
    }

    private static void removeLeftProbes(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path left : entries.filter(DirectIo::isProbe).toList()) {
                Files.deleteIfExists(left);
            }
        }
    }
}
