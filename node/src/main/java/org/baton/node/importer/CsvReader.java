package org.baton.node.importer;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A streaming RFC 4180 CSV reader over UTF-8 bytes that knows the physical line each record starts on.
 *
 * <p>Accepts LF and CRLF line ends, a UTF-8 byte order mark, quoted fields with doubled quotes and line breaks
 * inside quotes. Blank lines are skipped. A quote inside an unquoted field is taken literally, as most SIS exports
 * mean it; text after a closing quote is kept. Values are trimmed of spaces (fixed-width padding).
 *
 * <p>Written for speed, since an import reads tens of millions of rows: one pass over a byte buffer finds the
 * record's end and its field boundaries, eight bytes at a time outside quotes, and a field is decoded to a
 * {@code String} only when asked for.
 */
final class CsvReader implements Closeable {

    private static final int INITIAL_BUFFER = 1 << 20;
    private static final int MAX_RECORD = 16 << 20;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long COMMAS = ONES * ',';
    private static final long NEWLINES = ONES * '\n';
    private static final long QUOTES = ONES * '"';

    private final InputStream in;
    private byte[] buf = new byte[INITIAL_BUFFER];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean first = true;
    private long consumedBefore;
    private long nextLine = 1;
    private long recordLine;

    private int fieldCount;
    private int[] starts = new int[32];
    private int[] ends = new int[32];
    private boolean[] quoted = new boolean[32];
    private String[] values = new String[32];
    private byte[] scratch = new byte[256];

    CsvReader(InputStream in) {
        this.in = in;
    }

    /** A reader over whole records already in memory (a {@link CsvBlocks.Block}), the first on {@code firstLine}. */
    CsvReader(byte[] data, int length, long firstLine) {
        this.in = InputStream.nullInputStream();
        this.buf = data;
        this.limit = length;
        this.eof = true;
        this.nextLine = firstLine;
        this.first = firstLine == 1;
    }

    /**
     * Reads the next record.
     *
     * @return false at the end of the input
     * @throws MalformedCsvException when a quoted field is not closed before the end of the input
     */
    boolean next() throws IOException {
        if (first) {
            first = false;
            if (limit == 0) {
                fill();
            }
            if (limit >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
                pos = 3;
            }
        }
        while (true) {
            if (pos >= limit) {
                if (eof) {
                    return false;
                }
                compactAndFill();
                continue;
            }
            int result = scan();
            if (result == SCANNED) {
                return true;
            }
            if (result == BLANK) {
                continue;
            }
            // NEED_MORE: the record runs past the buffer.
            if (eof) {
                throw MalformedCsvException.unclosedQuote(nextLine);
            }
            compactAndFill();
        }
    }

    private static final int SCANNED = 0;
    private static final int BLANK = 1;
    private static final int NEED_MORE = 2;

    /** Scans one record starting at pos. */
    private int scan() {
        byte[] b = buf;
        int i = pos;
        int end = limit;
        int count = 0;
        int fieldStart = i;
        boolean inQuotes = false;
        boolean fieldQuoted = false;
        int newlines = 0;
        while (true) {
            if (i >= end) {
                if (!eof) {
                    return NEED_MORE;
                }
                if (inQuotes) {
                    return NEED_MORE;
                }
                // Last record without a final line break.
                count = field(count, fieldStart, i, fieldQuoted);
                finish(count, i, newlines);
                return SCANNED;
            }
            if (!inQuotes) {
                // Skip eight bytes at a time to the next comma, line break or quote: only those end a field or
                // a record, or open a quoted field.
                while (i + Long.BYTES <= end) {
                    long special = special((long) LONGS.get(b, i));
                    if (special != 0) {
                        i += Long.numberOfTrailingZeros(special) >>> 3;
                        break;
                    }
                    i += Long.BYTES;
                }
                if (i >= end) {
                    continue;
                }
            }
            byte c = b[i];
            if (inQuotes) {
                if (c == '"') {
                    if (i + 1 >= end && !eof) {
                        return NEED_MORE;
                    }
                    if (i + 1 < end && b[i + 1] == '"') {
                        i += 2;
                        continue;
                    }
                    inQuotes = false;
                } else if (c == '\n') {
                    newlines++;
                }
                i++;
                continue;
            }
            if (c == ',') {
                count = field(count, fieldStart, i, fieldQuoted);
                fieldStart = i + 1;
                fieldQuoted = false;
            } else if (c == '\n') {
                int contentEnd = i > fieldStart && b[i - 1] == '\r' ? i - 1 : i;
                if (count == 0 && contentEnd == pos) {
                    recordLine = nextLine;
                    nextLine++;
                    pos = i + 1;
                    return BLANK;
                }
                count = field(count, fieldStart, contentEnd, fieldQuoted);
                finish(count, i + 1, newlines + 1);
                return SCANNED;
            } else if (c == '"' && i == fieldStart) {
                inQuotes = true;
                fieldQuoted = true;
            }
            i++;
        }
    }

    /**
     * A word with the high bit set in each byte of {@code word} that is a comma, a line break or a quote. Only its
     * lowest set bit is exact (a borrow can mark a byte above a match); that is the only one read.
     */
    private static long special(long word) {
        return zeroBytes(word ^ COMMAS) | zeroBytes(word ^ NEWLINES) | zeroBytes(word ^ QUOTES);
    }

    private static long zeroBytes(long v) {
        return (v - ONES) & ~v & HIGHS;
    }

    private int field(int index, int start, int end, boolean isQuoted) {
        if (index == starts.length) {
            int n = index * 2;
            starts = Arrays.copyOf(starts, n);
            ends = Arrays.copyOf(ends, n);
            quoted = Arrays.copyOf(quoted, n);
            values = Arrays.copyOf(values, n);
        }
        starts[index] = start;
        ends[index] = end;
        quoted[index] = isQuoted;
        values[index] = null;
        return index + 1;
    }

    private void finish(int count, int next, int newlines) {
        fieldCount = count;
        recordLine = nextLine;
        nextLine += newlines;
        pos = next;
    }

    /** Number of fields of the current record. */
    int fieldCount() {
        return fieldCount;
    }

    /** The field at {@code index} of the current record, trimmed, or "" when the record is shorter. */
    String field(int index) {
        if (index >= fieldCount) {
            return "";
        }
        String v = values[index];
        if (v == null) {
            v = quoted[index] ? unquote(starts[index], ends[index]) : decodeShared(buf, starts[index], ends[index]);
            values[index] = v;
        }
        return v;
    }

    /**
     * Whether the field at {@code index} can be read as raw bytes: present or absent (absent reads as empty), and
     * not quoted. Quoted fields need {@link #field} (doubled quotes, text after the closing quote).
     */
    boolean plain(int index) {
        return index >= fieldCount || !quoted[index];
    }

    /**
     * Where the field at {@code index} starts in {@link #buffer()}, leading spaces skipped (as {@link #field} trims
     * them). Only for a {@link #plain} field; an absent field is empty ({@code start == end}).
     */
    int start(int index) {
        if (index >= fieldCount) {
            return 0;
        }
        int from = starts[index];
        int to = ends[index];
        while (from < to && buf[from] == ' ') {
            from++;
        }
        return from;
    }

    /** Where the field at {@code index} ends in {@link #buffer()}, trailing spaces dropped (see {@link #start}). */
    int end(int index) {
        if (index >= fieldCount) {
            return 0;
        }
        int from = start(index);
        int to = ends[index];
        while (to > from && buf[to - 1] == ' ') {
            to--;
        }
        return to;
    }

    /** The physical line (1-based) on which the current record starts. */
    long line() {
        return recordLine;
    }

    /** The buffer this reader reads from (for a reader over a block: the block's, to give back when done). */
    byte[] buffer() {
        return buf;
    }

    /** Bytes consumed from the input so far (for progress). */
    long bytesRead() {
        return consumedBefore + pos;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void compactAndFill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            consumedBefore += pos;
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            if (buf.length >= MAX_RECORD) {
                throw MalformedCsvException.tooLong(nextLine, MAX_RECORD);
            }
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        fill();
    }

    private void fill() throws IOException {
        while (limit < buf.length) {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
                return;
            }
            limit += n;
        }
    }

    /** The content of a quoted field starting at the opening quote, doubled quotes undone. */
    private String unquote(int start, int end) {
        int len = 0;
        int i = start + 1;
        while (i < end) {
            byte c = buf[i];
            if (c == '"') {
                if (i + 1 < end && buf[i + 1] == '"') {
                    len = put(len, (byte) '"');
                    i += 2;
                    continue;
                }
                i++;
                // Text after the closing quote is kept, as lenient readers do.
                while (i < end) {
                    len = put(len, buf[i++]);
                }
                break;
            }
            len = put(len, c);
            i++;
        }
        return decode(scratch, 0, len);
    }

    private int put(int index, byte b) {
        if (index == scratch.length) {
            scratch = Arrays.copyOf(scratch, scratch.length * 2);
        }
        scratch[index] = b;
        return index + 1;
    }

    private static final int SHARED_SLOTS = 4096;
    private static final int SHARED_MAX_LENGTH = 24;

    /**
     * Recently decoded short ASCII values, by hash. Exports repeat the same codes, dates, school and course ids on
     * millions of rows: handing out the same (immutable) {@code String} again saves decoding, copying and hashing it.
     */
    private final String[] shared = new String[SHARED_SLOTS];

    /** As {@link #decode}, sharing the {@code String} of a short ASCII value seen recently. */
    private String decodeShared(byte[] bytes, int from, int to) {
        while (from < to && bytes[from] == ' ') {
            from++;
        }
        while (to > from && bytes[to - 1] == ' ') {
            to--;
        }
        int length = to - from;
        if (length == 0) {
            return "";
        }
        if (length > SHARED_MAX_LENGTH) {
            return new String(bytes, from, length, StandardCharsets.UTF_8);
        }
        int h = 0;
        for (int i = from; i < to; i++) {
            byte c = bytes[i];
            if (c < 0) {
                return new String(bytes, from, length, StandardCharsets.UTF_8); // not ASCII
            }
            h = 31 * h + c;
        }
        int slot = (h ^ (h >>> 12)) & (SHARED_SLOTS - 1);
        String known = shared[slot];
        if (known != null && known.length() == length) {
            int i = 0;
            while (i < length && known.charAt(i) == bytes[from + i]) {
                i++;
            }
            if (i == length) {
                return known;
            }
        }
        String value = new String(bytes, from, length, StandardCharsets.ISO_8859_1);
        shared[slot] = value;
        return value;
    }

    private static String decode(byte[] bytes, int from, int to) {
        while (from < to && bytes[from] == ' ') {
            from++;
        }
        while (to > from && bytes[to - 1] == ' ') {
            to--;
        }
        return from == to ? "" : new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }
}
