package org.baton.node.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Columns, keys and helpers shared by the store tests. */
final class StoreTestSupport {

    static final Column<Long, String> OUTBOX = Column.plain("outbox", Serializers.uint64(), Serializers.utf8());

    static final Column<String, String> PACKAGES =
            Column.encrypted("received_packages", Serializers.utf8(), Serializers.utf8()).withLargeValues();

    /** A column whose value serializer throws for the value "boom", to fail a transaction midway. */
    static final Column<Long, String> FAILING = Column.plain("failing", Serializers.uint64(), new Serializer<>() {
        @Override
        public byte[] serialize(String value) {
            if (value.equals("boom")) {
                throw new IllegalArgumentException("refusing to serialize boom");
            }
            return value.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String deserialize(byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    });

    static final DataKey KEY = DataKey.ofBytes(filled(32, (byte) 7));
    static final DataKey OTHER_KEY = DataKey.ofBytes(filled(32, (byte) 8));

    private StoreTestSupport() {}

    static StoreConfig config(Path directory) {
        return StoreConfig.of(directory, KEY).withColumns(OUTBOX, PACKAGES, FAILING);
    }

    static RecordStore open(Path directory) {
        return RecordStore.open(config(directory));
    }

    static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }

    /** The files under {@code directory} (recursively) whose bytes contain {@code needle}. */
    static List<Path> filesContaining(Path directory, byte[] needle) {
        List<Path> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (indexOf(Files.readAllBytes(file), needle) >= 0) {
                    hits.add(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hits;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
