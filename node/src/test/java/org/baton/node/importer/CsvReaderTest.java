package org.baton.node.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Reading CSV records: field boundaries, quoting, line numbers, blank lines and buffer boundaries, checked against a
 * byte-at-a-time reference reader that follows the rules documented on {@link CsvReader}.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CsvReaderTest {

    /** One record as read: its first physical line and its fields. */
    private record Row(long line, List<String> fields) {
    }

    @Nested
    class fields_and_records {

        @Test
        void splits_fields_at_commas_and_records_at_line_breaks_of_either_kind() throws IOException {
            assertThat(read("ssid,school,grade\r\n1234567890,19647330000000, 9 \n"))
                    .containsExactly(
                            new Row(1, List.of("ssid", "school", "grade")),
                            new Row(2, List.of("1234567890", "19647330000000", "9")));
        }

        @Test
        void finds_separators_at_every_position_of_an_eight_byte_word() throws IOException {
            // Fields of 0..17 bytes put each comma and line break at every offset modulo eight.
            StringBuilder csv = new StringBuilder();
            List<Row> expected = new ArrayList<>();
            for (int width = 0; width < 18; width++) {
                String value = "x".repeat(width);
                csv.append(value).append(',').append(value).append(",end\n");
                expected.add(new Row(width + 1, List.of(value, value, "end")));
            }
            assertThat(read(csv.toString())).containsExactlyElementsOf(expected);
        }

        @Test
        void keeps_commas_quotes_and_line_breaks_inside_a_quoted_field_and_counts_its_lines() throws IOException {
            assertThat(read("a,\"Algebra, \"\"Honors\"\"\nII\",c\nnext,row\n"))
                    .containsExactly(
                            new Row(1, List.of("a", "Algebra, \"Honors\"\nII", "c")),
                            new Row(3, List.of("next", "row")));
        }

        @Test
        void takes_a_quote_inside_an_unquoted_field_literally() throws IOException {
            assertThat(read("O\"Brien,5\"10\n")).containsExactly(new Row(1, List.of("O\"Brien", "5\"10")));
        }

        @Test
        void skips_blank_lines_and_a_byte_order_mark_and_reads_a_last_record_without_a_line_break()
                throws IOException {
            byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            byte[] body = "id,name\n\r\n\n7,Ana".getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[bom.length + body.length];
            System.arraycopy(bom, 0, all, 0, bom.length);
            System.arraycopy(body, 0, all, bom.length, body.length);
            assertThat(read(all, 1 << 20))
                    .containsExactly(new Row(1, List.of("id", "name")), new Row(4, List.of("7", "Ana")));
        }

        @Test
        void reads_a_missing_field_as_empty() throws IOException {
            CsvReader reader = new CsvReader(new ByteArrayInputStream("a,b\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(reader.next()).isTrue();
            assertThat(reader.fieldCount()).isEqualTo(2);
            assertThat(reader.field(5)).isEmpty();
            assertThat(reader.plain(5)).isTrue();
        }

        @Test
        void refuses_a_quoted_field_left_open_at_the_end_of_the_file_naming_its_line() throws IOException {
            CsvReader reader = new CsvReader(new ByteArrayInputStream(
                    "a,b\nc,\"open\nstill open".getBytes(StandardCharsets.UTF_8)));
            assertThat(reader.next()).isTrue();
            assertThatThrownBy(reader::next)
                    .isInstanceOf(MalformedCsvException.class)
                    .hasMessageContaining("quoted field is not closed before the end of the file")
                    .satisfies(e -> assertThat(((MalformedCsvException) e).line()).isEqualTo(2));
        }
    }

    @Nested
    class random_files {

        @Test
        void read_as_the_reference_reader_reads_them_from_a_stream_and_from_blocks() throws IOException {
            Random random = new Random(20261129);
            for (int round = 0; round < 300; round++) {
                byte[] csv = randomCsv(random, 1 + random.nextInt(40));
                List<Row> expected = reference(csv);
                assertThat(read(csv, 1 + random.nextInt(7))).as("round %d", round).isEqualTo(expected);
                assertThat(readBlock(csv)).as("round %d as a block", round).isEqualTo(expected);
            }
        }

        @Test
        void read_records_that_cross_the_reader_buffer_boundary() throws IOException {
            // More than the reader's first 1 MiB buffer, so records straddle a refill.
            Random random = new Random(42);
            byte[] csv = randomCsv(random, 60_000);
            assertThat(csv.length).isGreaterThan(1 << 20);
            assertThat(read(csv, 65_536)).isEqualTo(reference(csv));
        }
    }

    private static List<Row> read(String csv) throws IOException {
        return read(csv.getBytes(StandardCharsets.UTF_8), 1 << 20);
    }

    /** Reads through the streaming constructor, the input handed over at most {@code chunk} bytes per read. */
    private static List<Row> read(byte[] csv, int chunk) throws IOException {
        InputStream in = new ByteArrayInputStream(csv) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
        try (CsvReader reader = new CsvReader(in)) {
            return rows(reader);
        }
    }

    private static List<Row> readBlock(byte[] csv) throws IOException {
        return rows(new CsvReader(csv.clone(), csv.length, 1));
    }

    private static List<Row> rows(CsvReader reader) throws IOException {
        List<Row> rows = new ArrayList<>();
        while (reader.next()) {
            List<String> fields = new ArrayList<>();
            for (int f = 0; f < reader.fieldCount(); f++) {
                fields.add(reader.field(f));
            }
            rows.add(new Row(reader.line(), fields));
        }
        return rows;
    }

    /** Records of short fields over an alphabet rich in separators, quotes, spaces and carriage returns. */
    private static byte[] randomCsv(Random random, int records) {
        String[] pieces = {"a", "bc", "defghijk", " ", ",", ",", "\"", "\"\"", "\r", "\n", "é", "12345678901"};
        StringBuilder csv = new StringBuilder();
        for (int r = 0; r < records; r++) {
            int fields = 1 + random.nextInt(12);
            for (int f = 0; f < fields; f++) {
                if (f > 0) {
                    csv.append(',');
                }
                if (random.nextInt(6) == 0) {
                    csv.append('"');
                    int n = random.nextInt(5);
                    for (int i = 0; i < n; i++) {
                        String p = pieces[random.nextInt(pieces.length)];
                        csv.append(p.equals("\"") ? "\"\"" : p);
                    }
                    csv.append('"');
                } else {
                    // Unquoted: no separators, and no quote first (that would open a quoted field).
                    int n = random.nextInt(4);
                    int length = 0;
                    for (int i = 0; i < n; i++) {
                        String p = pieces[random.nextInt(pieces.length)];
                        boolean separator = p.equals("\n") || p.equals("\r") || p.equals(",");
                        if (!separator && !(length == 0 && p.startsWith("\""))) {
                            csv.append(p);
                            length += p.length();
                        }
                    }
                }
            }
            csv.append(random.nextBoolean() ? "\n" : "\r\n");
            if (random.nextInt(10) == 0) {
                csv.append('\n');
            }
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The documented rules, one byte at a time: a quote opens a quoted field only at a field's start; a doubled quote
     * inside quotes is a quote; text after a closing quote is kept; a carriage return before a line break is dropped;
     * values are trimmed of spaces; lines holding nothing (or only a carriage return) are skipped.
     */
    private static List<Row> reference(byte[] csv) {
        List<Row> rows = new ArrayList<>();
        long line = 1;
        int i = 0;
        while (i < csv.length) {
            long start = line;
            List<String> fields = new ArrayList<>();
            ByteArrayOutputStream field = new ByteArrayOutputStream();
            boolean atFieldStart = true;
            boolean inQuotes = false;
            boolean ended = false;
            int recordStart = i;
            int fieldStart = i;
            while (i < csv.length && !ended) {
                byte c = csv[i];
                if (inQuotes) {
                    if (c == '"' && i + 1 < csv.length && csv[i + 1] == '"') {
                        field.write('"');
                        i += 2;
                        continue;
                    }
                    if (c == '"') {
                        inQuotes = false;
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.write(c);
                    }
                    i++;
                    continue;
                }
                if (c == ',') {
                    fields.add(value(field, false));
                    field.reset();
                    fieldStart = i + 1;
                    atFieldStart = true;
                } else if (c == '\n') {
                    line++;
                    ended = true;
                    boolean blank = fields.isEmpty()
                            && (i == recordStart || (i == recordStart + 1 && csv[recordStart] == '\r'));
                    if (!blank) {
                        // A carriage return ending the field's raw text (outside quotes) belongs to the line break.
                        fields.add(value(field, i > fieldStart && csv[i - 1] == '\r'));
                        rows.add(new Row(start, fields));
                    }
                } else if (c == '"' && atFieldStart) {
                    inQuotes = true;
                    atFieldStart = false;
                } else {
                    field.write(c);
                    atFieldStart = false;
                }
                i++;
            }
            if (!ended) {
                fields.add(value(field, false));
                rows.add(new Row(start, fields));
            }
        }
        return rows;
    }

    private static String value(ByteArrayOutputStream field, boolean dropLast) {
        byte[] bytes = field.toByteArray();
        return trimSpaces(new String(bytes, 0, dropLast ? bytes.length - 1 : bytes.length, StandardCharsets.UTF_8));
    }

    private static String trimSpaces(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && s.charAt(from) == ' ') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == ' ') {
            to--;
        }
        return s.substring(from, to);
    }
}
