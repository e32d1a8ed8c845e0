package org.baton.node.readiness;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The a-g course lists the engine knows, by school and academic year. A course of a school and year without a
 * list is judged by the a-g flags on its record, and the trail says so.
 *
 * @param lists the lists by {@code "<school>|<academic year>"}
 */
public record AgCourseLists(Map<String, AgCourseList> lists) {

    private static final AgCourseLists NONE = new AgCourseLists(Map.of());

    public AgCourseLists {
        lists = Map.copyOf(Objects.requireNonNull(lists, "lists"));
    }

    /** No lists: every course is judged by its record's flags. */
    public static AgCourseLists none() {
        return NONE;
    }

    /**
     * Lists from a collection.
     *
     * @throws IllegalArgumentException when two lists have the same school and year
     */
    public static AgCourseLists of(Collection<AgCourseList> lists) {
        Map<String, AgCourseList> byKey = new HashMap<>();
        for (AgCourseList list : lists) {
            if (byKey.put(key(list.school().value(), list.academicYear()), list) != null) {
                throw new IllegalArgumentException("two a-g lists for school " + list.school() + " and academic year "
                        + list.academicYear());
            }
        }
        return new AgCourseLists(byKey);
    }

    /** The list of a school (CDS code as on the course record) for an academic year. */
    public Optional<AgCourseList> find(String schoolCode, int academicYear) {
        return lists.isEmpty() ? Optional.empty() : Optional.ofNullable(lists.get(key(schoolCode, academicYear)));
    }

    private static String key(String school, int academicYear) {
        return school + "|" + academicYear;
    }
}
