package org.baton.node.readiness;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.baton.node.readiness.rules.AgSubject;

/**
 * A school's UC-approved a-g course list for one academic year: which local courses are approved in which area,
 * and which carry the UC honors designation. A course counts toward a-g only if it is on the list of the year it
 * was taken.
 *
 * @param school the school
 * @param academicYear first calendar year of the academic year (2024 means 2024-25)
 * @param courses the approved courses by local course id
 */
public record AgCourseList(SchoolCode school, int academicYear, Map<String, Listing> courses) {

    public AgCourseList {
        Objects.requireNonNull(school, "school");
        if (academicYear < 1900 || academicYear > 2999) {
            throw new IllegalArgumentException("a-g list of school " + school + ": academic year " + academicYear
                    + " is not a year");
        }
        Objects.requireNonNull(courses, "courses");
        for (Map.Entry<String, Listing> e : courses.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) {
                throw new IllegalArgumentException("a-g list of school " + school + " for " + academicYear
                        + " has a course with an empty local course id");
            }
            Objects.requireNonNull(e.getValue(), "listing of " + e.getKey());
        }
        courses = Map.copyOf(courses);
    }

    /** The listing of a local course, when it is on the list. */
    public Optional<Listing> find(String localCourseId) {
        return Optional.ofNullable(courses.get(localCourseId));
    }

    /**
     * One approved course.
     *
     * @param area its a-g area
     * @param honors whether it carries the UC honors designation (UC-approved honors, AP or IB)
     */
    public record Listing(AgSubject area, boolean honors) {
        public Listing {
            Objects.requireNonNull(area, "area");
        }
    }
}
