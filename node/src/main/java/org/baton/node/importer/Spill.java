package org.baton.node.importer;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.baton.proto.v1.StudentRecord;

/**
 * Fragments on disk, hash-partitioned by student key so that each partition holds every row of its students and
 * fits comfortably in memory. Each entry is: file index, line, kind, student facets, student key, label and the
 * entry's one fact, protobuf-encoded: the {@code Student}, {@code EligibilityFlag}, {@code Enrollment},
 * {@code CourseRecord}, ... that its kind names, not the partial {@code StudentRecord} the reader made.
 *
 * <p>Why the fact and not the fragment: the load phase serializes whole {@code StudentRecord}s for the store. When
 * the read phase serialized fragments too, the JIT compiled {@code StudentRecord}'s serializer for the read phase's
 * shapes (one kind of fact per input file, a stream encoder) and threw it away again as each file and then the load
 * phase brought other shapes, several times per import. Facts are encoded into an array, as the load phase encodes
 * records, so their serializers see one encoder class throughout.
 */
final class Spill implements Closeable {

    /** Target size of one partition on disk; the load phase holds one partition (and a little more) in memory. */
    static final long TARGET_PARTITION_BYTES = 48L << 20;
    private static final int MAX_PARTITIONS = 4096;
    private static final int MAX_BUFFERS_BYTES = 16 << 20;

    private final Path dir;
    private final int partitions;
    private final int lanes;
    private final OutputStream[][] files;
    private final CodedOutputStream[][] outs;
    /** Per lane: where a fact is encoded before it is copied to its partition. */
    private final byte[][] scratch;
    private boolean writing = true;
    private boolean closed;

    /**
     * A spill of {@code partitions} partitions, each written by up to {@code lanes} threads (lane i is written by
     * one thread only, so writing needs no locks).
     */
    Spill(Path dir, int partitions, int lanes) throws IOException {
        this.dir = dir;
        this.partitions = partitions;
        this.lanes = lanes;
        Files.createDirectories(dir);
        int buffer = Math.max(4 << 10, Math.min(64 << 10, MAX_BUFFERS_BYTES / (partitions * lanes)));
        this.files = new OutputStream[lanes][partitions];
        this.outs = new CodedOutputStream[lanes][partitions];
        this.scratch = new byte[lanes][1024];
        for (int l = 0; l < lanes; l++) {
            for (int i = 0; i < partitions; i++) {
                files[l][i] = Files.newOutputStream(file(l, i));
                outs[l][i] = CodedOutputStream.newInstance(files[l][i], buffer);
            }
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
        return partitionOfHash(key.hashCode());
    }

    /** The partition of a student key whose {@link String#hashCode} is {@code hash}. */
    private int partitionOfHash(int hash) {
        int h = hash * 0x9E3779B9;
        h ^= h >>> 16;
        return h & (partitions - 1);
    }

    /**
     * Adds an entry: the fact of {@code fragment} that {@code kind} names ({@link #fact}), read back by
     * {@link Partition#fact} or {@link Partition#course}.
     *
     * @throws IllegalArgumentException when the fragment lacks the fact its kind names
     */
    void add(int lane, int fileIndex, long line, EntryKind kind, int facets, String key, String label,
            StudentRecord fragment) throws IOException {
        MessageLite fact = fact(kind, fragment);
        int size = fact.getSerializedSize();
        if (scratch[lane].length < size) {
            scratch[lane] = new byte[Math.max(size, scratch[lane].length * 2)];
        }
        byte[] bytes = scratch[lane];
        CodedOutputStream encoder = CodedOutputStream.newInstance(bytes, 0, size);
        fact.writeTo(encoder);
        encoder.checkNoSpaceLeft();
        CodedOutputStream out = outs[lane][partitionOf(key)];
        out.writeUInt32NoTag(fileIndex);
        out.writeUInt64NoTag(line);
        out.writeUInt32NoTag(kind.ordinal());
        out.writeUInt32NoTag(facets);
        out.writeStringNoTag(key);
        out.writeStringNoTag(label);
        out.writeUInt32NoTag(size);
        out.writeRawBytes(bytes, 0, size);
    }

    /** The one fact of a fragment that an entry of {@code kind} holds. */
    static MessageLite fact(EntryKind kind, StudentRecord fragment) {
        try {
            return switch (kind) {
                case STUDENT -> fragment.getStudent();
                case ELIGIBILITY -> fragment.getStudent().getEligibility(0);
                case ENROLLMENT -> fragment.getEnrollments(0);
                case COURSE, COURSE_RAW -> fragment.getCourses(0);
                case GPA -> fragment.getReportedGpas(0);
                case AID -> fragment.getFinancialAid(0);
                case APPLICATION -> fragment.getCollegeApplications(0);
                case AWARD -> fragment.getAwards(0);
                case ARTIFACT -> fragment.getLearningArtifacts(0);
                case PROGRAM -> fragment.getPrograms(0);
            };
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("a fragment of kind " + kind + " holds no such entry", e);
        }
    }

    /** Adds an entry whose fragment is already encoded (a {@link CourseWire} course). */
    void addRaw(int lane, int fileIndex, long line, EntryKind kind, String key, byte[] fragment, int length)
            throws IOException {
        CodedOutputStream out = outs[lane][partitionOf(key)];
        out.writeUInt32NoTag(fileIndex);
        out.writeUInt64NoTag(line);
        out.writeUInt32NoTag(kind.ordinal());
        out.writeUInt32NoTag(0);
        out.writeStringNoTag(key);
        out.writeStringNoTag("");
        out.writeUInt32NoTag(length);
        out.writeRawBytes(fragment, 0, length);
    }

    /**
     * As {@link #addRaw} for a student named by SSID, the SSID given as its ASCII digits {@code ssid[from, to)}:
     * the key {@link ReadContext#ssidKey} would make, written and partitioned without making it.
     */
    void addRawSsid(int lane, int fileIndex, long line, EntryKind kind, byte[] ssid, int from, int to,
            byte[] fragment, int length) throws IOException {
        int h = 'S';
        for (int i = from; i < to; i++) {
            h = 31 * h + ssid[i];
        }
        CodedOutputStream out = outs[lane][partitionOfHash(h)];
        out.writeUInt32NoTag(fileIndex);
        out.writeUInt64NoTag(line);
        out.writeUInt32NoTag(kind.ordinal());
        out.writeUInt32NoTag(0);
        out.writeUInt32NoTag(1 + to - from);
        out.writeRawByte('S');
        out.writeRawBytes(ssid, from, to - from);
        out.writeUInt32NoTag(0);
        out.writeUInt32NoTag(length);
        out.writeRawBytes(fragment, 0, length);
    }

    /** Flushes and closes the partition files; after this only {@link #read} may be called. */
    void finishWriting() throws IOException {
        writing = false;
        for (int l = 0; l < lanes; l++) {
            for (int i = 0; i < partitions; i++) {
                outs[l][i].flush();
                files[l][i].close();
            }
        }
    }

    /**
     * Reads partition {@code p} back into memory, into {@code reuse} when given (its buffers are kept and grown, so
     * a load phase allocates them once, not once per partition).
     */
    Partition read(int p, Partition reuse) throws IOException {
        if (writing) {
            throw new IllegalStateException("spill is still being written");
        }
        long size = 0;
        for (int l = 0; l < lanes; l++) {
            size += Files.size(file(l, p));
        }
        if (size > Integer.MAX_VALUE - 64) {
            throw new IOException("spill partition " + p + " is " + size + " bytes; one student's rows are too many");
        }
        Partition part = reuse != null ? reuse : new Partition();
        byte[] data = part.buffer((int) size);
        int at = 0;
        for (int l = 0; l < lanes; l++) {
            try (var in = Files.newInputStream(file(l, p))) {
                at += in.readNBytes(data, at, (int) size - at);
            }
        }
        part.load((int) size, lanes > 1);
        return part;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int l = 0; l < lanes; l++) {
            for (int i = 0; i < partitions; i++) {
                try {
                    files[l][i].close();
                } catch (IOException e) {
                    // Closing a partition we are about to delete; nothing to save.
                }
            }
        }
        deleteTree(dir);
    }

    private Path file(int lane, int p) {
        return dir.resolve("part-" + p + "-" + lane + ".bin");
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

    /**
     * One partition in memory, grouped by student. Keys and labels stay bytes until asked for. Reusable: nothing
     * handed out (fragments, course bytes, keys) refers to its buffers.
     */
    static final class Partition {
        /** Entries sorted by insertion sort before merging: groups are mostly smaller than this. */
        private static final int SORT_RUN = 32;
        private byte[] data = new byte[0];
        private boolean reorder;
        private int count;
        private int[] file = new int[1024];
        private long[] line = new long[1024];
        private byte[] kind = new byte[1024];
        private int[] facets = new int[1024];
        private int[] keyAt = new int[1024];
        private int[] keyLength = new int[1024];
        private int[] labelAt = new int[1024];
        private int[] labelLength = new int[1024];
        private int[] offset = new int[1024];
        private int[] length = new int[1024];
        private int[] table = new int[0];
        private int[] groupOf = new int[0];
        private int[] firstEntry = new int[0];

        /** The data buffer, at least {@code size} bytes. */
        byte[] buffer(int size) {
            if (data.length < size) {
                data = new byte[Math.max(size, data.length + (data.length >> 2))];
            }
            return data;
        }

        /** Indexes the first {@code size} bytes of the buffer. */
        void load(int size, boolean mayReorder) throws IOException {
            this.reorder = mayReorder;
            this.count = 0;
            CodedInputStream in = CodedInputStream.newInstance(data, 0, size);
            while (!in.isAtEnd()) {
                grow();
                file[count] = in.readUInt32();
                line[count] = in.readUInt64();
                kind[count] = (byte) in.readUInt32();
                facets[count] = in.readUInt32();
                int n = in.readRawVarint32();
                keyAt[count] = in.getTotalBytesRead();
                keyLength[count] = n;
                in.skipRawBytes(n);
                n = in.readRawVarint32();
                labelAt[count] = in.getTotalBytesRead();
                labelLength[count] = n;
                in.skipRawBytes(n);
                n = in.readRawVarint32();
                offset[count] = in.getTotalBytesRead();
                length[count] = n;
                in.skipRawBytes(n);
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
            keyAt = Arrays.copyOf(keyAt, n);
            keyLength = Arrays.copyOf(keyLength, n);
            labelAt = Arrays.copyOf(labelAt, n);
            labelLength = Arrays.copyOf(labelLength, n);
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
            return new String(data, keyAt[i], keyLength[i], StandardCharsets.UTF_8);
        }

        String label(int i) {
            return labelLength[i] == 0 ? "" : new String(data, labelAt[i], labelLength[i], StandardCharsets.UTF_8);
        }

        /** The fact of entry {@code i}, read with the parser of the message its kind names ({@link Spill#fact}). */
        <T> T fact(int i, Parser<T> parser) {
            try {
                return parser.parseFrom(data, offset[i], length[i]);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("spill entry " + i + " is corrupt", e);
            }
        }

        /** The course of a COURSE or COURSE_RAW entry, as a message. */
        org.baton.proto.v1.CourseRecord course(int i) {
            return CourseWire.parse(data, offset[i], length[i]);
        }

        /** The wire form of a COURSE_RAW entry (a copy: the partition's buffer is reused). */
        com.google.protobuf.ByteString courseBytes(int i) {
            return com.google.protobuf.ByteString.copyFrom(data, offset[i], length[i]);
        }

        /** The record id of a COURSE_RAW entry, read from its bytes. */
        String courseKey(int i) {
            return CourseWire.recordId(data, offset[i], length[i]);
        }

        /**
         * The entries grouped by student key: keys in sorted order (of their UTF-8 bytes), each with its entries
         * ordered by file and line (the order they were read in).
         */
        List<Group> groups() {
            int tableSize = Integer.highestOneBit(Math.max(16, count * 2 - 1)) << 1;
            if (table.length < tableSize) {
                table = new int[tableSize];
            }
            Arrays.fill(table, 0, tableSize, -1);
            if (groupOf.length < count) {
                groupOf = new int[count + (count >> 2)];
                firstEntry = new int[count + (count >> 2)];
            }
            int groups = 0;
            for (int i = 0; i < count; i++) {
                int h = hash(keyAt[i], keyLength[i]);
                int slot = h & (tableSize - 1);
                while (true) {
                    int g = table[slot];
                    if (g < 0) {
                        table[slot] = groups;
                        firstEntry[groups] = i;
                        groupOf[i] = groups++;
                        break;
                    }
                    int f = firstEntry[g];
                    if (sameKey(f, i)) {
                        groupOf[i] = g;
                        break;
                    }
                    slot = (slot + 1) & (tableSize - 1);
                }
            }
            int[] sizes = new int[groups];
            for (int i = 0; i < count; i++) {
                sizes[groupOf[i]]++;
            }
            int[][] members = new int[groups][];
            for (int g = 0; g < groups; g++) {
                members[g] = new int[sizes[g]];
            }
            int[] fill = new int[groups];
            for (int i = 0; i < count; i++) {
                int g = groupOf[i];
                members[g][fill[g]++] = i;
            }
            if (reorder) {
                for (int[] m : members) {
                    sort(m, false);
                }
            }
            int[] order = new int[groups];
            for (int g = 0; g < groups; g++) {
                order[g] = firstEntry[g];
            }
            sort(order, true);
            List<Group> result = new ArrayList<>(groups);
            for (int first : order) {
                result.add(new Group(key(first), members[groupOf[first]]));
            }
            return result;
        }

        /**
         * Sorts entries in place, stably: by key bytes ({@code byKey}) or else by file, then line (so one line's
         * entries keep their order). A merge sort of ints rather than a sort of boxed objects: no allocation per
         * entry, and one shape of code for the JIT whatever the partition holds.
         */
        private void sort(int[] a, boolean byKey) {
            int n = a.length;
            for (int lo = 0; lo < n; lo += SORT_RUN) {
                int hi = Math.min(lo + SORT_RUN, n);
                for (int i = lo + 1; i < hi; i++) {
                    int e = a[i];
                    int j = i - 1;
                    while (j >= lo && after(a[j], e, byKey)) {
                        a[j + 1] = a[j];
                        j--;
                    }
                    a[j + 1] = e;
                }
            }
            if (n <= SORT_RUN) {
                return;
            }
            int[] src = a;
            int[] dst = new int[n];
            for (int width = SORT_RUN; width < n; width *= 2) {
                for (int lo = 0; lo < n; lo += 2 * width) {
                    int mid = Math.min(lo + width, n);
                    int hi = Math.min(lo + 2 * width, n);
                    int i = lo;
                    int j = mid;
                    int k = lo;
                    while (i < mid && j < hi) {
                        dst[k++] = after(src[i], src[j], byKey) ? src[j++] : src[i++];
                    }
                    while (i < mid) {
                        dst[k++] = src[i++];
                    }
                    while (j < hi) {
                        dst[k++] = src[j++];
                    }
                }
                int[] t = src;
                src = dst;
                dst = t;
            }
            if (src != a) {
                System.arraycopy(src, 0, a, 0, n);
            }
        }

        private boolean after(int a, int b, boolean byKey) {
            if (byKey) {
                return Arrays.compareUnsigned(data, keyAt[a], keyAt[a] + keyLength[a],
                        data, keyAt[b], keyAt[b] + keyLength[b]) > 0;
            }
            return file[a] > file[b] || file[a] == file[b] && line[a] > line[b];
        }

        private int hash(int at, int len) {
            int h = 1;
            for (int i = at; i < at + len; i++) {
                h = 31 * h + data[i];
            }
            h *= 0x9E3779B9;
            return h ^ (h >>> 16);
        }

        private boolean sameKey(int a, int b) {
            return Arrays.equals(data, keyAt[a], keyAt[a] + keyLength[a], data, keyAt[b], keyAt[b] + keyLength[b]);
        }
    }

    /** One student's entries in a partition. */
    record Group(String key, int[] entries) {
    }
}
