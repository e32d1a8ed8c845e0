package org.baton.node.synth;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fast CSV writer that counts lines, so the generator can say on which line it wrote each deliberate error.
 * Fields are quoted only when they need it.
 */
final class CsvOut implements Closeable {

    private final Path path;
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private long lines;
    private boolean rowStarted;
    private boolean closed;

    CsvOut(Path path, String header) throws IOException {
        this.path = path;
        this.out = Files.newOutputStream(path);
        raw(header);
        end();
    }

    Path path() {
        return path;
    }

    /** The line number the next row will have. */
    long nextLine() {
        return lines + 1;
    }

    /** Data rows written (lines after the header). */
    long rows() {
        return lines - 1;
    }

    CsvOut f(String value) throws IOException {
        sep();
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        boolean quote = false;
        for (byte b : bytes) {
            if (b == ',' || b == '"' || b == '\n' || b == '\r') {
                quote = true;
                break;
            }
        }
        if (!quote) {
            write(bytes);
            return this;
        }
        putByte(('"'));
        for (byte b : bytes) {
            if (b == '"') {
                putByte(('"'));
            }
            putByte(b);
        }
        putByte(('"'));
        return this;
    }

    private void write(byte[] bytes) throws IOException {
        if (pos + bytes.length > buf.length) {
            flushBuffer();
            if (bytes.length > buf.length) {
                out.write(bytes);
                return;
            }
        }
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    private void putByte(int b) throws IOException {
        if (pos == buf.length) {
            flushBuffer();
        }
        buf[pos++] = (byte) b;
    }

    CsvOut f(int value) throws IOException {
        return f(Integer.toString(value));
    }

    CsvOut f(boolean value) throws IOException {
        return f(value ? "Y" : "N");
    }

    /** Hundredths as a decimal: 500 is "5", 450 is "4.5", 125 is "1.25". */
    CsvOut hundredths(int value) throws IOException {
        int whole = value / 100;
        int frac = value % 100;
        if (frac == 0) {
            return f(Integer.toString(whole));
        }
        return f(whole + "." + (frac % 10 == 0 ? Integer.toString(frac / 10) : (frac < 10 ? "0" + frac : "" + frac)));
    }

    /** Thousandths as a three-place decimal: 3457 is "3.457". */
    CsvOut thousandths(int value) throws IOException {
        int frac = value % 1000;
        return f(value / 1000 + "." + (frac < 10 ? "00" : frac < 100 ? "0" : "") + frac);
    }

    void end() throws IOException {
        put('\n');
        lines++;
        rowStarted = false;
    }

    private void sep() throws IOException {
        if (rowStarted) {
            put(',');
        }
        rowStarted = true;
    }

    private void raw(String s) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            put(s.charAt(i));
        }
    }

    private void put(char c) throws IOException {
        if (c < 0x80) {
            if (pos == buf.length) {
                flushBuffer();
            }
            buf[pos++] = (byte) c;
        } else {
            for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                if (pos == buf.length) {
                    flushBuffer();
                }
                buf[pos++] = b;
            }
        }
    }

    private void flushBuffer() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        flushBuffer();
        out.close();
    }
}
