package org.baton.node.importer;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The report file: one {@code file:line: field: reason} line per problem, sorted by file (in reading order) and
 * line, between a header and a summary of comment lines starting with {@code #}. Up to
 * {@value #SORT_LIMIT} lines are held and sorted in memory; past that the report is written as found (each
 * file's problems still in line order, cross-row problems after them) so memory stays bounded.
 */
final class RejectionReport implements Closeable {

    static final int SORT_LIMIT = 500_000;

    /** How many rejections, in report order, are kept for the import's summary (the report file has them all). */
    static final int KEPT = 1_000;

    private record Entry(int fileIndex, long seq, Rejection rejection) {
    }

    private static final Comparator<Entry> ORDER = Comparator.comparingInt(Entry::fileIndex)
            .thenComparingLong(e -> e.rejection().line())
            .thenComparingLong(Entry::seq);

    private final Path path;
    private final List<String> header;
    private final List<Entry> held = new ArrayList<>();
    private final List<Rejection> kept = new ArrayList<>();
    private BufferedWriter streaming;
    private long seq;
    private long lines;
    private boolean closed;

    RejectionReport(Path path, List<String> header) throws IOException {
        this.path = path;
        this.header = List.copyOf(header);
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        // Fail now, not after an hour of importing, if the report cannot be written.
        Files.writeString(path, "");
    }

    synchronized void add(int fileIndex, Rejection rejection) throws IOException {
        lines++;
        if (streaming != null) {
            keep(rejection);
            write(streaming, rejection);
            return;
        }
        held.add(new Entry(fileIndex, seq++, rejection));
        if (held.size() > SORT_LIMIT) {
            streaming = open();
            flushHeld(streaming);
        }
    }

    /** The first {@value #KEPT} problems in the order of the report file (complete after {@link #finish}). */
    synchronized List<Rejection> kept() {
        return List.copyOf(kept);
    }

    private void keep(Rejection rejection) {
        if (kept.size() < KEPT) {
            kept.add(rejection);
        }
    }

    /** Problems reported so far (one row may have several). */
    synchronized long lines() {
        return lines;
    }

    /** Writes everything and the summary lines; the report is complete after this. */
    synchronized void finish(List<String> summary) throws IOException {
        BufferedWriter out = streaming != null ? streaming : open();
        flushHeld(out);
        for (String s : summary) {
            out.write("# ");
            out.write(s);
            out.newLine();
        }
        out.close();
        streaming = null;
        closed = true;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (streaming != null) {
            streaming.close();
        }
    }

    private BufferedWriter open() throws IOException {
        BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        for (String h : header) {
            out.write("# ");
            out.write(h);
            out.newLine();
        }
        return out;
    }

    private void flushHeld(BufferedWriter out) throws IOException {
        held.sort(ORDER);
        for (Entry e : held) {
            keep(e.rejection());
            write(out, e.rejection());
        }
        held.clear();
    }

    private static void write(BufferedWriter out, Rejection r) throws IOException {
        out.write(r.toString());
        out.newLine();
    }
}
