package org.baton.tools.importer;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.baton.node.importer.ImportListener;
import org.baton.node.importer.ImportPhase;

/**
 * Shows an import's progress: a progress bar (amount, rate, ETA) on a terminal, or a plain line every few seconds
 * when the output is a file or a pipe.
 */
final class ConsoleProgress implements ImportListener, AutoCloseable {

    /** How progress is shown. */
    enum Mode { BAR, PLAIN, NONE }

    private static final long MIB = 1L << 20;

    private final PrintStream out;
    private final Mode mode;
    private final long plainEveryNanos;
    private ProgressBar bar;
    private ImportPhase phase;
    private long total;
    private long phaseStart;
    private long lastLine;

    ConsoleProgress(PrintStream out, Mode mode, Duration plainEvery) {
        this.out = out;
        this.mode = mode;
        this.plainEveryNanos = plainEvery.toNanos();
    }

    /** A bar when {@code System.console()} is a terminal, plain lines otherwise. */
    static Mode detect() {
        return System.console() != null ? Mode.BAR : Mode.PLAIN;
    }

    @Override
    public synchronized void phaseStarted(ImportPhase p, long size) {
        phase = p;
        total = size;
        phaseStart = System.nanoTime();
        lastLine = phaseStart;
        if (mode == Mode.BAR) {
            bar = new ProgressBarBuilder()
                    .setTaskName(p == ImportPhase.READ ? "Reading " : "Loading ")
                    .setInitialMax(p == ImportPhase.READ ? Math.max(1, size / MIB) : size)
                    .setUnit(p == ImportPhase.READ ? " MiB" : " students", 1)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(500)
                    .showSpeed()
                    .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out))
                    .build();
        } else if (mode == Mode.PLAIN) {
            out.println(p == ImportPhase.READ
                    ? String.format(Locale.ROOT, "reading and validating %d MiB", size / MIB)
                    : String.format(Locale.ROOT, "merging and writing about %d students", size));
        }
    }

    @Override
    public synchronized void progress(ImportPhase p, long done, long rowsRead) {
        if (mode == Mode.BAR && bar != null) {
            bar.stepTo(p == ImportPhase.READ ? done / MIB : Math.min(done, total));
            if (p == ImportPhase.READ) {
                bar.setExtraMessage(String.format(Locale.ROOT, " %,d rows", rowsRead));
            }
        } else if (mode == Mode.PLAIN) {
            long now = System.nanoTime();
            if (now - lastLine < plainEveryNanos) {
                return;
            }
            lastLine = now;
            double seconds = Math.max(0.001, (now - phaseStart) / 1e9);
            if (p == ImportPhase.READ) {
                out.printf(Locale.ROOT, "reading: %d%% (%d of %d MiB), %,d rows, %,.0f rows/s%n",
                        percent(done, total), done / MIB, total / MIB, rowsRead, rowsRead / seconds);
            } else {
                out.printf(Locale.ROOT, "loading: %d%% (%,d of about %,d students), %,.0f students/s%n",
                        percent(done, total), done, total, done / seconds);
            }
        }
    }

    @Override
    public synchronized void phaseFinished(ImportPhase p) {
        if (bar != null) {
            if (p == ImportPhase.LOAD) {
                bar.maxHint(bar.getCurrent());
            }
            bar.close();
            bar = null;
        }
    }

    private static long percent(long done, long total) {
        return total <= 0 ? 0 : Math.min(100, done * 100 / total);
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
