package org.baton.node.importer;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.baton.proto.v1.StudentRecord;

/**
 * Fragments on disk, hash-partitioned by student key so that each partition holds every row of its students and
 * fits comfortably in memory. Each entry is: file index, line, kind, student facets, student key, label and the
 * fragment (a partial StudentRecord), protobuf-encoded.
 */
final class Spill implements Closeable {

    /** Target size of one partition on disk; the load phase holds one partition (and a little more) in memory. */
    static final long TARGET_PARTITION_BYTES = 48L << 20;
    private static final int MAX_PARTITIONS = 4096;
    private static final int BUFFER = 64 << 10;

    private final Path dir;
    private final int partitions;
    private final OutputStream[] files;
    private final CodedOutputStream[] outs;
    private boolean writing = true;
    private boolean closed;

    Spill(Path dir, int partitions) throws IOException {
        this.dir = dir;
        this.partitions = partitions;
        Files.createDirectories(dir);
        this.files = new OutputStream[partitions];
        this.outs = new CodedOutputStream[partitions];
        for (int i = 0; i < partitions; i++) {
            files[i] = Files.newOutputStream(file(i));
            outs[i] = CodedOutputStream.newInstance(files[i], BUFFER);
        }
    }

    /** Partitions for an input of this many bytes: a power of two so partitions stay below the target size. */
    static int partitionsFor(long inputBytes) {
        long wanted = (inputBytes * 3 / 2) / TARGET_PARTITION_BYTES + 1;
        int p = 1;
        while (p < wanted && p < MAX_PARTITIONS) {
            p <<= 1;
        }
        return p;
    }

    int partitions() {
        return partitions;
    }

    /** The partition a student key belongs to. */
    int partitionOf(String key) {
        int h = key.hashCode() * 0x9E3779B9;
        h ^= h >>> 16;
        return h & (partitions - 1);
    }

    void add(int fileIndex, long line, EntryKind kind, int facets, String key, String label, StudentRecord fragment)
            throws IOException {
        CodedOutputStream out = outs[partitionOf(key)];
        out.writeUInt32NoTag(fileIndex);
        out.writeUInt64NoTag(line);
        out.writeUInt32NoTag(kind.ordinal());
        out.writeUInt32NoTag(facets);
        out.writeStringNoTag(key);
        out.writeStringNoTag(label);
        out.writeUInt32NoTag(fragment.getSerializedSize());
        fragment.writeTo(out);
    }

    /** Flushes and closes the partition files; after this only {@link #read} may be called. */
    void finishWriting() throws IOException {
        writing = false;
        for (int i = 0; i < partitions; i++) {
            outs[i].flush();
            files[i].close();
        }
    }

    /** Reads partition {@code p} back into memory. */
    Partition read(int p) throws IOException {
        if (writing) {
            throw new IllegalStateException("spill is still being written");
        }
        long size = Files.size(file(p));
        if (size > Integer.MAX_VALUE - 64) {
            throw new IOException("spill partition " + p + " is " + size + " bytes; one student's rows are too many");
        }
        return new Partition(Files.readAllBytes(file(p)));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = 0; i < partitions; i++) {
            try {
                files[i].close();
            } catch (IOException e) {
                // Closing a partition we are about to delete; nothing to save.
            }
        }
        deleteTree(dir);
    }

    private Path file(int p) {
        return dir.resolve("part-" + p + ".bin");
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            List<Path> all = new ArrayList<>(paths.toList());
            all.sort(Comparator.reverseOrder());
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    /** One partition in memory, grouped by student. */
    static final class Partition {
        private final byte[] data;
        private int count;
        private int[] file = new int[1024];
        private long[] line = new long[1024];
        private byte[] kind = new byte[1024];
        private int[] facets = new int[1024];
        private String[] key = new String[1024];
        private String[] label = new String[1024];
        private int[] offset = new int[1024];
        private int[] length = new int[1024];

        Partition(byte[] data) throws IOException {
            this.data = data;
            CodedInputStream in = CodedInputStream.newInstance(data);
            while (!in.isAtEnd()) {
                grow();
                file[count] = in.readUInt32();
                line[count] = in.readUInt64();
                kind[count] = (byte) in.readUInt32();
                facets[count] = in.readUInt32();
                key[count] = in.readString();
                label[count] = in.readString();
                int len = in.readUInt32();
                offset[count] = in.getTotalBytesRead();
                length[count] = len;
                in.skipRawBytes(len);
                count++;
            }
        }

        private void grow() {
            if (count < file.length) {
                return;
            }
            int n = count * 2;
            file = Arrays.copyOf(file, n);
            line = Arrays.copyOf(line, n);
            kind = Arrays.copyOf(kind, n);
            facets = Arrays.copyOf(facets, n);
            key = Arrays.copyOf(key, n);
            label = Arrays.copyOf(label, n);
            offset = Arrays.copyOf(offset, n);
            length = Arrays.copyOf(length, n);
        }

        int size() {
            return count;
        }

        int file(int i) {
            return file[i];
        }

        long line(int i) {
            return line[i];
        }

        EntryKind kind(int i) {
            return EntryKind.ofCode(kind[i]);
        }

        int facets(int i) {
            return facets[i];
        }

        String key(int i) {
            return key[i];
        }

        String label(int i) {
            return label[i];
        }

        StudentRecord fragment(int i) {
            try {
                return StudentRecord.parser().parseFrom(data, offset[i], length[i]);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("spill entry " + i + " is corrupt", e);
            }
        }

        /**
         * The entries grouped by student key: keys in sorted order, each with its entries in the order they were
         * read.
         */
        List<Group> groups() {
            Map<String, Integer> ids = new HashMap<>();
            int[] groupOf = new int[count];
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Integer id = ids.get(key[i]);
                if (id == null) {
                    id = keys.size();
                    ids.put(key[i], id);
                    keys.add(key[i]);
                }
                groupOf[i] = id;
            }
            int[] sizes = new int[keys.size()];
            for (int i = 0; i < count; i++) {
                sizes[groupOf[i]]++;
            }
            int[][] members = new int[keys.size()][];
            for (int g = 0; g < sizes.length; g++) {
                members[g] = new int[sizes[g]];
            }
            int[] fill = new int[keys.size()];
            for (int i = 0; i < count; i++) {
                int g = groupOf[i];
                members[g][fill[g]++] = i;
            }
            List<Group> groups = new ArrayList<>(keys.size());
            for (int g = 0; g < keys.size(); g++) {
                groups.add(new Group(keys.get(g), members[g]));
            }
            groups.sort(Comparator.comparing(Group::key));
            return groups;
        }
    }

    /** One student's entries in a partition. */
    record Group(String key, int[] entries) {
    }
}
