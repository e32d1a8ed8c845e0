package org.baton.node.store;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.baton.node.student.LocalStudentId;
import org.baton.node.student.Ssid;
import org.baton.proto.v1.LocalId;
import org.baton.proto.v1.Student;
import org.baton.proto.v1.StudentRecord;

/**
 * The natural keys of a student record (SSID, local ids, normalised name with date of birth), validated, and the
 * keyed hashes that stand for them in index column keys. Personal data never appears in an index key in the
 * clear: each key is an HMAC under the store's index key.
 *
 * @param ssid the SSID, when the record has one
 * @param localIds the distinct local ids, in record order
 * @param nameDob the name-and-birth-date index key (hash only), when the record has a last name and a birth date
 */
record StudentKeys(Optional<byte[]> ssid, List<byte[]> localIds, Optional<byte[]> nameDob) {

    static final int HASH_BYTES = 32;

    private static final String SSID_DOMAIN = "ssid";
    private static final String LOCAL_ID_DOMAIN = "local-id";
    private static final String NAME_DOB_DOMAIN = "name-dob";

    /**
     * Validates {@code record} and computes its index keys.
     *
     * @throws InvalidStudentRecordException naming the bad field (never its value)
     */
    static StudentKeys of(StudentRecord record, StoreCrypto crypto) {
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
            String last = normaliseName(student.getLegalName().getLast());
            if (!last.isEmpty()) {
                nameDob = Optional.of(nameDobHash(normaliseName(student.getLegalName().getFirst()), last, birthDate,
                        crypto));
            }
        }
        return new StudentKeys(ssid, List.copyOf(localIds), nameDob);
    }

    static byte[] ssidHash(Ssid ssid, StoreCrypto crypto) {
        return crypto.indexHash(SSID_DOMAIN, ssid.value());
    }

    static byte[] localIdHash(LocalStudentId localId, StoreCrypto crypto) {
        return crypto.indexHash(LOCAL_ID_DOMAIN, localId.issuer(), localId.value());
    }

    /** The hash for a name-and-birth-date lookup; names are normalised with {@link #normaliseName}. */
    static byte[] nameDobHash(String normalisedFirst, String normalisedLast, LocalDate birthDate, StoreCrypto crypto) {
        return crypto.indexHash(NAME_DOB_DOMAIN, normalisedFirst, normalisedLast, birthDate.toString());
    }

    /**
     * The form of a name used for matching: compatibility-decomposed, diacritics dropped, letters and digits only,
     * upper case. "García-López", "GARCIA LOPEZ" and "Garcia Lopez" all become "GARCIALOPEZ"; "O'Brien" becomes
     * "OBRIEN".
     */
    static String normaliseName(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        decomposed.codePoints()
                .filter(Character::isLetterOrDigit)
                .map(Character::toUpperCase)
                .forEach(out::appendCodePoint);
        return out.toString();
    }
}
