package org.baton.node.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.baton.node.student.LocalStudentId;
import org.baton.node.student.Names;
import org.baton.node.student.Ssid;
import org.baton.proto.v1.LocalId;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;

/**
 * The keyed hashes that stand for a student record's natural keys in index column keys — SSID, local ids,
 * normalised name with date of birth — and a keyed hash of the record's content. Personal data never appears in
 * an index key in the clear: each is an HMAC under the store's index key.
 *
 * <p>The store keeps each student's {@code StudentKeys} in the {@code student_keys} column, so replacing a
 * record removes its old index entries without decrypting and parsing the old record, and re-importing an
 * unchanged record is recognised by its content hash and writes nothing.
 *
 * @param ssid hash of the SSID, when the record has one
 * @param localIds hashes of the distinct local ids, in record order
 * @param nameDob hash of normalised first and last name with the birth date, when the record has a last name and
 *     a birth date
 * @param content hash of the serialized record
 */
record StudentKeys(Optional<byte[]> ssid, List<byte[]> localIds, Optional<byte[]> nameDob, byte[] content) {

    static final int HASH_BYTES = 32;

    private static final byte FORMAT = 1;
    private static final int HAS_SSID = 1;
    private static final int HAS_NAME_DOB = 2;
    private static final String SSID_DOMAIN = "ssid";
    private static final String LOCAL_ID_DOMAIN = "local-id";
    private static final String NAME_DOB_DOMAIN = "name-dob";

    /**
     * Validates {@code record} and computes its hashes.
     *
     * @param serialized the record's serialized form, as it will be stored
     * @throws InvalidStudentRecordException naming the bad field (never its value)
     */
    static StudentKeys of(StudentRecord record, byte[] serialized, StoreCrypto crypto) {
        if (!record.hasStudent()) {
            throw new InvalidStudentRecordException("it has no student part");
        }
        Student student = record.getStudent();
        Optional<byte[]> ssid = Optional.empty();
        if (!student.getSsid().isEmpty()) {
            try {
                ssid = Optional.of(ssidHash(Ssid.of(student.getSsid()), crypto));
            } catch (IllegalArgumentException e) {
                throw new InvalidStudentRecordException("student.ssid: " + e.getMessage());
            }
        }
        Set<LocalStudentId> distinct = new LinkedHashSet<>();
        for (int i = 0; i < student.getLocalIdsCount(); i++) {
            LocalId localId = student.getLocalIds(i);
            try {
                distinct.add(LocalStudentId.of(localId.getIssuer(), localId.getValue()));
            } catch (IllegalArgumentException e) {
                throw new InvalidStudentRecordException("student.local_ids[" + i + "]: " + e.getMessage());
            }
        }
        if (ssid.isEmpty() && distinct.isEmpty()) {
            throw new InvalidStudentRecordException(
                    "it has neither student.ssid nor student.local_ids, so it has no natural key");
        }
        if (distinct.size() > 0xFFFF) {
            throw new InvalidStudentRecordException("student.local_ids has more than 65535 ids");
        }
        List<byte[]> localIds = new ArrayList<>(distinct.size());
        for (LocalStudentId localId : distinct) {
            localIds.add(localIdHash(localId, crypto));
        }
        Optional<byte[]> nameDob = Optional.empty();
        if (!student.getBirthDate().isEmpty()) {
            LocalDate birthDate;
            try {
                birthDate = LocalDate.parse(student.getBirthDate());
            } catch (DateTimeParseException e) {
                throw new InvalidStudentRecordException("student.birth_date is not a YYYY-MM-DD date");
            }
            String last = Names.forMatching(student.getLegalName().getLast());
            if (!last.isEmpty()) {
                nameDob = Optional.of(nameDobHash(Names.forMatching(student.getLegalName().getFirst()), last, birthDate,
                        crypto));
            }
        }
        return new StudentKeys(ssid, List.copyOf(localIds), nameDob, crypto.contentHash(serialized));
    }

    static byte[] ssidHash(Ssid ssid, StoreCrypto crypto) {
        return crypto.indexHash(SSID_DOMAIN, ssid.value());
    }

    static byte[] localIdHash(LocalStudentId localId, StoreCrypto crypto) {
        return crypto.indexHash(LOCAL_ID_DOMAIN, localId.issuer(), localId.value());
    }

    /** The hash for a name-and-birth-date lookup; names are normalised with {@link Names#forMatching}. */
    static byte[] nameDobHash(String normalisedFirst, String normalisedLast, LocalDate birthDate, StoreCrypto crypto) {
        return crypto.indexHash(NAME_DOB_DOMAIN, normalisedFirst, normalisedLast, birthDate.toString());
    }

    /**
     * Whether these keys equal {@code other} byte for byte, i.e. the record is unchanged (same content hash) and so
     * are all its index entries.
     */
    boolean sameAs(StudentKeys other) {
        return Arrays.equals(content, other.content)
                && Arrays.equals(ssid.orElse(null), other.ssid.orElse(null))
                && Arrays.equals(nameDob.orElse(null), other.nameDob.orElse(null))
                && localIds.size() == other.localIds.size()
                && java.util.stream.IntStream.range(0, localIds.size())
                        .allMatch(i -> Arrays.equals(localIds.get(i), other.localIds.get(i)));
    }

    /**
     * The stored form: {@code [format 1][content][flags][ssid?][name-dob?][uint16 count][local ids]}, every hash
     * 32 bytes.
     */
    byte[] encode() {
        int size = 1 + HASH_BYTES + 1 + (ssid.isPresent() ? HASH_BYTES : 0) + (nameDob.isPresent() ? HASH_BYTES : 0)
                + 2 + localIds.size() * HASH_BYTES;
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(FORMAT).put(content);
        out.put((byte) ((ssid.isPresent() ? HAS_SSID : 0) | (nameDob.isPresent() ? HAS_NAME_DOB : 0)));
        ssid.ifPresent(out::put);
        nameDob.ifPresent(out::put);
        out.putShort((short) localIds.size());
        localIds.forEach(out::put);
        return out.array();
    }

    /**
     * Reads the form {@link #encode()} writes.
     *
     * @throws IllegalArgumentException if {@code bytes} are not in that form
     */
    static StudentKeys decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            if (in.get() != FORMAT) {
                throw new IllegalArgumentException("unknown student keys format " + bytes[0]);
            }
            byte[] content = hash(in);
            int flags = in.get();
            Optional<byte[]> ssid = (flags & HAS_SSID) != 0 ? Optional.of(hash(in)) : Optional.empty();
            Optional<byte[]> nameDob = (flags & HAS_NAME_DOB) != 0 ? Optional.of(hash(in)) : Optional.empty();
            int count = Short.toUnsignedInt(in.getShort());
            List<byte[]> localIds = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                localIds.add(hash(in));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " unexpected trailing bytes");
            }
            return new StudentKeys(ssid, List.copyOf(localIds), nameDob, content);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("student keys are truncated (" + bytes.length + " bytes)", e);
        }
    }

    private static byte[] hash(ByteBuffer in) {
        byte[] hash = new byte[HASH_BYTES];
        in.get(hash);
        return hash;
    }
}
