package org.baton.node.importer;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Cuts a CSV stream into blocks of whole records, so several threads can parse one large file. Follows the same
 * quoting rules as {@link CsvReader} (a quote opens a quoted field only at the start of a field; a doubled quote
 * inside quotes is a quote) and counts physical lines, so each block knows the line its first record starts on.
 */
final class CsvBlocks {

    /** A run of whole records. */
    record Block(byte[] data, int length, long firstLine) {
    }

    private static final int MAX_RECORD = 64 << 20;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = ONES * '"';
    private static final long NEWLINES = ONES * '\n';

    private final InputStream in;
    private final int blockSize;
    private final java.util.concurrent.BlockingQueue<byte[]> free;
    private byte[] buf;
    private int limit;
    private boolean eof;
    private long nextLine;

    /**
     * Blocks of about {@code blockSize} bytes, copied into buffers taken from {@code free} when one there is large
     * enough (so the reading threads can give buffers back instead of leaving garbage for the collector).
     */
    CsvBlocks(InputStream in, long firstLine, int blockSize, java.util.concurrent.BlockingQueue<byte[]> free) {
        this.in = in;
        this.blockSize = blockSize;
        this.free = free;
        this.buf = new byte[blockSize + (blockSize >> 2)];
        this.nextLine = firstLine;
    }

    /** The size of the buffers {@link #next} fills; give them back to the free queue when done. */
    int bufferSize() {
        return blockSize + (blockSize >> 2);
    }

    /**
     * The next block, or null at the end of the input.
     *
     * @throws MalformedCsvException when the input ends inside a quoted field (every complete record before it has
     *                               been returned in earlier blocks)
     */
    Block next() throws IOException {
        int want = blockSize;
        while (true) {
            fill(want);
            if (limit == 0) {
                return null;
            }
            int[] cut = lastRecordEnd();
            int end = cut[0];
            if (end > 0) {
                return take(end, cut[1]);
            }
            if (eof) {
                if (cut[2] == 1) {
                    long line = nextLine;
                    limit = 0;
                    throw MalformedCsvException.unclosedQuote(line);
                }
                // The last record has no final line break.
                return take(limit, cut[1]);
            }
            // No whole record yet: read more, growing the buffer for a record longer than a block.
            want = limit + blockSize;
            if (want > MAX_RECORD) {
                throw MalformedCsvException.tooLong(nextLine, MAX_RECORD);
            }
        }
    }

    private Block take(int end, int lines) {
        byte[] data = free.poll();
        if (data == null || data.length < end) {
            data = new byte[Math.max(end, bufferSize())];
        }
        System.arraycopy(buf, 0, data, 0, end);
        Block block = new Block(data, end, nextLine);
        nextLine += lines;
        System.arraycopy(buf, end, buf, 0, limit - end);
        limit -= end;
        return block;
    }

    private void fill(int want) throws IOException {
        if (want > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(want, buf.length * 2));
        }
        while (!eof && limit < want) {
            int n = in.read(buf, limit, want - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        }
    }

    /** Whether any of the eight bytes of {@code word} is a quote or a line break (exact, no false positives). */
    private static boolean quoteOrNewline(long word) {
        return hasZeroByte(word ^ QUOTES) || hasZeroByte(word ^ NEWLINES);
    }

    private static boolean hasZeroByte(long v) {
        return ((v - ONES) & ~v & HIGHS) != 0;
    }

    /**
     * Scans the buffer: {end after the last line break outside quotes (0 if none), physical lines up to it,
     * 1 if the scan ended inside quotes}.
     */
    private int[] lastRecordEnd() {
        byte[] b = buf;
        int n = limit;
        boolean inQuotes = false;
        boolean fieldStart = true;
        int lines = 0;
        int lastEnd = 0;
        int linesAtLastEnd = 0;
        for (int i = 0; i < n; i++) {
            if (!inQuotes) {
                // Skip eight bytes at a time while none of them is a quote or a line break: only those change the
                // state outside quotes (whether a quote starts a field is read from the byte before it).
                while (i + Long.BYTES <= n && !quoteOrNewline((long) LONGS.get(b, i))) {
                    i += Long.BYTES;
                }
                if (i >= n) {
                    break;
                }
                fieldStart = i == 0 || b[i - 1] == ',' || b[i - 1] == '\n';
            }
            byte c = b[i];
            if (inQuotes) {
                if (c == '"') {
                    if (i + 1 < n && b[i + 1] == '"') {
                        i++;
                    } else {
                        inQuotes = false;
                    }
                } else if (c == '\n') {
                    lines++;
                }
                continue;
            }
            if (c == '\n') {
                lines++;
                lastEnd = i + 1;
                linesAtLastEnd = lines;
                fieldStart = true;
            } else if (c == ',') {
                fieldStart = true;
            } else if (c == '"' && fieldStart) {
                inQuotes = true;
                fieldStart = false;
            } else {
                fieldStart = false;
            }
        }
        return new int[] {lastEnd, lastEnd > 0 ? linesAtLastEnd : lines, inQuotes ? 1 : 0};
    }
}
