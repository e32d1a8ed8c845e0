package org.baton.node.importer;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A streaming RFC 4180 CSV reader over UTF-8 bytes that knows the physical line each record starts on.
 *
 * <p>Accepts LF and CRLF line ends, a UTF-8 byte order mark, quoted fields with doubled quotes and line
 * breaks inside quotes. Blank lines are skipped. A quote inside an unquoted field is taken literally, as
 * most SIS exports mean it. Written for speed: the importer reads tens of millions of rows, so it works on
 * a byte buffer and decodes a field only once its end is known.
 */
final class CsvReader implements Closeable {

    private static final int INITIAL_BUFFER = 1 << 20;
    private static final int MAX_RECORD = 16 << 20;

    private final InputStream in;
    private byte[] buf = new byte[INITIAL_BUFFER];
    private int pos;
    private int limit;
    private boolean eof;
    private long consumedBefore;
    private long nextLine = 1;
    private long recordLine;
    private String[] fields = new String[32];
    private int fieldCount;
    private byte[] scratch = new byte[256];
    private boolean first = true;

    CsvReader(InputStream in) {
        this.in = in;
    }

    /**
     * Reads the next record.
     *
     * @return false at the end of the input
     * @throws MalformedCsvException when a quoted field is not closed before the end of the input
     */
    boolean next() throws IOException {
        while (true) {
            int end = findRecordEnd();
            if (end < 0) {
                return false;
            }
            int recordEnd = end;
            int newlineLen = 0;
            if (recordEnd < limit && buf[recordEnd] == '\n') {
                newlineLen = 1;
            }
            int contentEnd = recordEnd;
            if (contentEnd > pos && buf[contentEnd - 1] == '\r') {
                contentEnd--;
            }
            recordLine = nextLine;
            nextLine += countNewlines(pos, recordEnd + newlineLen);
            if (contentEnd == pos) {
                pos = recordEnd + newlineLen;
                continue;
            }
            split(pos, contentEnd);
            pos = recordEnd + newlineLen;
            return true;
        }
    }

    /** Number of fields of the current record. */
    int fieldCount() {
        return fieldCount;
    }

    /** The field at {@code index} of the current record, or "" when the record is shorter. */
    String field(int index) {
        return index < fieldCount ? fields[index] : "";
    }

    /** The physical line (1-based) on which the current record starts. */
    long line() {
        return recordLine;
    }

    /** Bytes consumed from the input so far (for progress). */
    long bytesRead() {
        return consumedBefore + pos;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Returns the index of the newline ending the record that starts at pos, or limit at end of input, or -1. */
    private int findRecordEnd() throws IOException {
        if (first) {
            first = false;
            fill();
            if (limit - pos >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
                pos = 3;
            }
        }
        int scanFrom = pos;
        boolean inQuotes = false;
        while (true) {
            for (int i = scanFrom; i < limit; i++) {
                byte b = buf[i];
                if (b == '"') {
                    inQuotes = !inQuotes;
                } else if (b == '\n' && !inQuotes) {
                    return i;
                }
            }
            int scanned = limit - pos;
            if (eof) {
                if (pos >= limit) {
                    return -1;
                }
                if (inQuotes) {
                    long line = nextLine;
                    pos = limit;
                    throw new MalformedCsvException(line, "quoted field is not closed before the end of the file");
                }
                return limit;
            }
            // The record continues past the buffer: keep the partial record and read more.
            compactAndFill();
            scanFrom = pos + scanned;
        }
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
                throw new MalformedCsvException(nextLine, "record longer than " + MAX_RECORD + " bytes");
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

    private long countNewlines(int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                n++;
            }
        }
        return n;
    }

    private void split(int start, int end) {
        fieldCount = 0;
        int i = start;
        while (true) {
            if (i < end && buf[i] == '"') {
                i = quotedField(i + 1, end);
            } else {
                int fieldStart = i;
                while (i < end && buf[i] != ',') {
                    i++;
                }
                add(decode(buf, fieldStart, i - fieldStart));
            }
            if (i >= end) {
                return;
            }
            i++; // the comma
            if (i == end) {
                add("");
                return;
            }
        }
    }

    /** Reads a quoted field whose content starts at i; returns the index after the field (at a comma or end). */
    private int quotedField(int i, int end) {
        int len = 0;
        while (i < end) {
            byte b = buf[i];
            if (b == '"') {
                if (i + 1 < end && buf[i + 1] == '"') {
                    put(len++, (byte) '"');
                    i += 2;
                    continue;
                }
                i++;
                break;
            }
            put(len++, b);
            i++;
        }
        // Anything between the closing quote and the next comma is kept, as lenient readers do.
        while (i < end && buf[i] != ',') {
            put(len++, buf[i]);
            i++;
        }
        add(decode(scratch, 0, len));
        return i;
    }

    private void put(int index, byte b) {
        if (index == scratch.length) {
            scratch = Arrays.copyOf(scratch, scratch.length * 2);
        }
        scratch[index] = b;
    }

    private void add(String value) {
        if (fieldCount == fields.length) {
            fields = Arrays.copyOf(fields, fields.length * 2);
        }
        fields[fieldCount++] = value;
    }

    private static String decode(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return "";
        }
        // Trimmed: SIS exports pad fixed-width values with spaces.
        int from = offset;
        int to = offset + length;
        while (from < to && bytes[from] == ' ') {
            from++;
        }
        while (to > from && bytes[to - 1] == ' ') {
            to--;
        }
        for (int i = from; i < to; i++) {
            if (bytes[i] < 0) {
                return new String(bytes, from, to - from, StandardCharsets.UTF_8);
            }
        }
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
