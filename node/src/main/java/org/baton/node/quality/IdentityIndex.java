package org.baton.node.quality;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.baton.node.store.RecordStore;
import org.baton.node.store.SerializedStudent;
import org.baton.node.student.StudentId;

/**
 * Every student's {@link Identity} in memory, grouped by birth date and by name, so the students that may be one
 * person with a given one are found by comparing it with those of its birth date and those of its name: about a
 * hundred, of 400,000.
 *
 * <p>Built once, then read by any number of threads.
 */
final class IdentityIndex {

    /** A student and their identity. */
    record Entry(StudentId id, Identity identity) {
    }

    /** A student who may be one person with the one looked up, and how they are alike. */
    record Match(StudentId id, Resemblance resemblance) {
    }

    private final Map<Long, List<Entry>> byBirthDay = new HashMap<>();
    private final Map<String, List<Entry>> byName = new HashMap<>();
    private long size;

    /** Every student of {@code store} with a last name and a valid birth date, read in one pass. */
    static IdentityIndex of(RecordStore store) {
        IdentityIndex index = new IdentityIndex();
        try (Stream<SerializedStudent> all = store.serializedStudents()) {
            all.forEach(student -> Identity.of(student.student()).ifPresent(identity -> index.add(student.id(),
                    identity)));
        }
        return index;
    }

    /** Adds a student; before any lookup. */
    void add(StudentId id, Identity identity) {
        Entry entry = new Entry(Objects.requireNonNull(id, "id"), Objects.requireNonNull(identity, "identity"));
        byBirthDay.computeIfAbsent(identity.birthDay(), day -> new ArrayList<>(2)).add(entry);
        byName.computeIfAbsent(nameKey(identity), name -> new ArrayList<>(2)).add(entry);
        size++;
    }

    /** How many students it holds. */
    long size() {
        return size;
    }

    /**
     * The students other than {@code self} that may be one person with {@code identity}, each once: those born the
     * same day first, then those of the same name born another day, each group in the order added.
     */
    List<Match> matches(StudentId self, Identity identity) {
        List<Match> out = new ArrayList<>(0);
        // Alike in name: same birth date. Alike in birth date: same name, another date.
        for (Entry other : byBirthDay.getOrDefault(identity.birthDay(), List.of())) {
            add(self, identity, other, out);
        }
        for (Entry other : byName.getOrDefault(nameKey(identity), List.of())) {
            if (other.identity().birthDay() != identity.birthDay()) {
                add(self, identity, other, out);
            }
        }
        return out;
    }

    private static void add(StudentId self, Identity identity, Entry other, List<Match> out) {
        if (!other.id().equals(self)) {
            Resemblance.between(identity, other.identity()).ifPresent(r -> out.add(new Match(other.id(), r)));
        }
    }

    private static String nameKey(Identity identity) {
        return identity.first() + '\u0000' + identity.last();
    }
}
