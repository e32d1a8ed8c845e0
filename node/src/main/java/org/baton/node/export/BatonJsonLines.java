package org.baton.node.export;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.Objects;
import java.util.stream.Stream;
import org.baton.proto.v1.StudentRecord;

/** Writes student records as Baton JSON Lines. */
public final class BatonJsonLines {

    private static final JsonFormat.Printer PRINTER = JsonFormat.printer()
            .preservingProtoFieldNames()
            .omittingInsignificantWhitespace();

    private BatonJsonLines() {
    }

    /** One record as one line of JSON (no line break). */
    public static String line(StudentRecord record) {
        Objects.requireNonNull(record, "record");
        try {
            return PRINTER.print(record);
        } catch (InvalidProtocolBufferException e) {
            // Only Any fields with unknown types fail to print; StudentRecord has none.
            throw new IllegalStateException("cannot print a StudentRecord as JSON", e);
        }
    }

    /**
     * Writes every record, one per line, and flushes.
     *
     * @return the number of records written
     * @throws UncheckedIOException when {@code out} fails
     */
    public static long write(Stream<StudentRecord> records, Writer out) {
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(out, "out");
        long n = 0;
        try {
            for (Iterator<StudentRecord> it = records.iterator(); it.hasNext(); ) {
                out.write(line(it.next()));
                out.write('\n');
                n++;
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export", e);
        }
        return n;
    }
}
