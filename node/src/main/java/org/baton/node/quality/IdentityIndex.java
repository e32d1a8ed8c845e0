package org.baton.node.quality;

import java.time.LocalDate;
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
 * Every student's {@link Identity} in memory, grouped by birth date and by name: the students that may be one person
 * with a given one are among those born the same day and those of the same name, a few hundred of 400,000.
 *
 * <p>Each group keeps the hashes of its names and its birth dates side by side, so a lookup passes over the students
 * that cannot match without reading their identities: a group of hundreds costs about a microsecond.
 *
 * <p>Immutable once built; read by any number of threads.
 */
final class IdentityIndex {

    /** A student and their identity. */
    record Entry(StudentId id, Identity identity) {
        Entry {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(identity, "identity");
        }
    }

    /** A student who may be one person with the one looked up, and how they are alike. */
    record Match(StudentId id, Resemblance resemblance) {
    }

    /** The students of one birth date or one name: their positions in {@link #entries}, names and birth dates. */
    private record Group(int[] positions, int[] firstHashes, int[] lastHashes, long[] birthDays) {
    }

    private final List<Entry> entries;
    private final Map<Long, Group> byBirthDay;
    private final Map<String, Group> byName;

    IdentityIndex(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        Map<Long, List<Integer>> days = new HashMap<>();
        Map<String, List<Integer>> names = new HashMap<>();
        for (int i = 0; i < this.entries.size(); i++) {
            Identity identity = this.entries.get(i).identity();
            days.computeIfAbsent(identity.birthDay(), day -> new ArrayList<>(2)).add(i);
            names.computeIfAbsent(nameKey(identity), name -> new ArrayList<>(2)).add(i);
        }
        this.byBirthDay = groups(days);
        this.byName = groups(names);
    }

    /** Every student of {@code store} with a last name and a valid birth date, read in one pass. */
    static IdentityIndex of(RecordStore store) {
        List<Entry> entries = new ArrayList<>();
        try (Stream<SerializedStudent> all = store.serializedStudents()) {
            all.forEach(student -> Identity.of(student.student())
                    .ifPresent(identity -> entries.add(new Entry(student.id(), identity))));
        }
        return new IdentityIndex(entries);
    }

    /**
     * The students other than {@code self} that may be one person with {@code identity}, each once: those born the
     * same day first, then those of the same name born another day, each group in the order given.
     */
    List<Match> matches(StudentId self, Identity identity) {
        List<Match> out = new ArrayList<>(0);
        int first = identity.first().hashCode();
        int last = identity.last().hashCode();
        // Born the same day: alike only with the same last name, the same first name, or the two swapped.
        Group sameDay = byBirthDay.get(identity.birthDay());
        if (sameDay != null) {
            for (int i = 0; i < sameDay.positions().length; i++) {
                if (sameDay.lastHashes()[i] == last || sameDay.firstHashes()[i] == first
                        || sameDay.lastHashes()[i] == first) {
                    compare(self, identity, sameDay.positions()[i], out);
                }
            }
        }
        // The same name, born another day: alike only with day and month swapped.
        long swapped = swappedDayAndMonth(identity.birthDay());
        Group sameName = swapped == Long.MIN_VALUE ? null : byName.get(nameKey(identity));
        if (sameName != null) {
            for (int i = 0; i < sameName.positions().length; i++) {
                if (sameName.birthDays()[i] == swapped) {
                    compare(self, identity, sameName.positions()[i], out);
                }
            }
        }
        return out;
    }

    private void compare(StudentId self, Identity identity, int position, List<Match> out) {
        Entry other = entries.get(position);
        if (!other.id().equals(self)) {
            Resemblance.between(identity, other.identity()).ifPresent(r -> out.add(new Match(other.id(), r)));
        }
    }

    private <K> Map<K, Group> groups(Map<K, List<Integer>> positions) {
        Map<K, Group> out = new HashMap<>(positions.size() * 4 / 3 + 1);
        positions.forEach((key, list) -> {
            int n = list.size();
            Group group = new Group(new int[n], new int[n], new int[n], new long[n]);
            for (int i = 0; i < n; i++) {
                int position = list.get(i);
                Identity identity = entries.get(position).identity();
                group.positions()[i] = position;
                group.firstHashes()[i] = identity.first().hashCode();
                group.lastHashes()[i] = identity.last().hashCode();
                group.birthDays()[i] = identity.birthDay();
            }
            out.put(key, group);
        });
        return out;
    }

    /** The day with day and month swapped, or {@link Long#MIN_VALUE} when there is none other. */
    private static long swappedDayAndMonth(long birthDay) {
        LocalDate date = LocalDate.ofEpochDay(birthDay);
        if (date.getDayOfMonth() > 12 || date.getDayOfMonth() == date.getMonthValue()) {
            return Long.MIN_VALUE;
        }
        // A day of 12 or less is a month, and a month is a day every month has.
        return LocalDate.of(date.getYear(), date.getDayOfMonth(), date.getMonthValue()).toEpochDay();
    }

    private static String nameKey(Identity identity) {
        return identity.first() + '\u0000' + identity.last();
    }
}
