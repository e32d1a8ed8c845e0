package org.baton.node.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Cutting a CSV file into blocks of whole records, with the line each block starts on. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CsvBlocksTest {

    @Nested
    class cutting_a_file {

        @Test
        void cuts_only_between_records_and_counts_lines_across_quoted_line_breaks() throws Exception {
            Random random = new Random(7);
            for (int round = 0; round < 200; round++) {
                List<String> records = new ArrayList<>();
                StringBuilder file = new StringBuilder();
                int count = 1 + random.nextInt(60);
                for (int r = 0; r < count; r++) {
                    String record = record(random);
                    records.add(record);
                    file.append(record).append('\n');
                }
                byte[] bytes = file.toString().getBytes(StandardCharsets.UTF_8);
                int blockSize = 1 + random.nextInt(200);

                List<String> read = new ArrayList<>();
                List<Long> lines = new ArrayList<>();
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                CsvBlocks blocks = new CsvBlocks(new ByteArrayInputStream(bytes), 1, blockSize,
                        new ArrayBlockingQueue<>(4));
                for (CsvBlocks.Block b = blocks.next(); b != null; b = blocks.next()) {
                    all.write(b.data(), 0, b.length());
                    CsvReader reader = new CsvReader(b.data(), b.length(), b.firstLine());
                    while (reader.next()) {
                        StringBuilder fields = new StringBuilder();
                        for (int f = 0; f < reader.fieldCount(); f++) {
                            fields.append(f == 0 ? "" : "|").append(reader.field(f));
                        }
                        read.add(fields.toString());
                        lines.add(reader.line());
                    }
                }

                CsvReader whole = new CsvReader(new ByteArrayInputStream(bytes));
                List<String> expected = new ArrayList<>();
                List<Long> expectedLines = new ArrayList<>();
                while (whole.next()) {
                    StringBuilder fields = new StringBuilder();
                    for (int f = 0; f < whole.fieldCount(); f++) {
                        fields.append(f == 0 ? "" : "|").append(whole.field(f));
                    }
                    expected.add(fields.toString());
                    expectedLines.add(whole.line());
                }
                assertThat(all.toByteArray()).isEqualTo(bytes);
                assertThat(read).isEqualTo(expected).hasSize(records.size());
                assertThat(lines).isEqualTo(expectedLines);
            }
        }

        private String record(Random random) {
            StringBuilder out = new StringBuilder("r");
            int fields = 1 + random.nextInt(6);
            for (int f = 0; f < fields; f++) {
                out.append(',');
                switch (random.nextInt(4)) {
                    case 0 -> out.append('"').append(text(random, "ab,\n\"\"x ")).append('"');
                    case 1 -> out.append('x').append(text(random, "abc de\"f"));
                    default -> out.append(text(random, "abcdefghij0123456789"));
                }
            }
            return out.toString();
        }

        private String text(Random random, String alphabet) {
            StringBuilder out = new StringBuilder();
            int length = random.nextInt(30);
            for (int i = 0; i < length; i++) {
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                if (c == '"' && alphabet.contains("\"\"")) {
                    out.append("\"\"");
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
    }
}
