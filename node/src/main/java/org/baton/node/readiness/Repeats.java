package org.baton.node.readiness;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.baton.node.readiness.rules.RepeatPolicy;

/**
 * Which grades a repeat policy sets aside. Courses are the same course when they share a
 * {@link Course#repeatKey}: the same local course at the same school (and the same semester of it).
 */
final class Repeats {

    private final RepeatPolicy policy;
    private final Map<Course, Course> replacedBy;
    private final Map<Course, Course> unusedRepeatOf;

    private Repeats(RepeatPolicy policy, Map<Course, Course> replacedBy, Map<Course, Course> unusedRepeatOf) {
        this.policy = policy;
        this.replacedBy = replacedBy;
        this.unusedRepeatOf = unusedRepeatOf;
    }

    RepeatPolicy policy() {
        return policy;
    }

    /** Records the policy's decisions in the trail, under a scope. */
    void explain(TrailScope scope, Trail trail) {
        for (Map.Entry<Course, Course> e : replacedBy.entrySet()) {
            Course earlier = e.getKey();
            Course course = e.getValue();
            if (policy == RepeatPolicy.LATEST) {
                trail.add(scope, TrailCode.REPEAT_LATEST_USED, course.recordId, course.title, course.mark,
                        course.term, earlier.mark, earlier.term);
            } else {
                trail.addMany(scope, TrailCode.REPEAT_REPLACES, List.of(earlier.recordId, course.recordId),
                        course.title, earlier.mark, earlier.term, course.mark, course.term);
            }
        }
        for (Map.Entry<Course, Course> e : unusedRepeatOf.entrySet()) {
            Course course = e.getKey();
            Course earlier = e.getValue();
            trail.addMany(scope, TrailCode.REPEAT_OF_PASSING_NOT_USED, List.of(earlier.recordId, course.recordId),
                    course.title, course.term, earlier.mark, earlier.term, course.mark);
        }
    }

    /** Whether a course's grade is set aside (replaced by a repeat, or a repeat that is not used). */
    boolean setAside(Course course) {
        return replacedBy.containsKey(course) || unusedRepeatOf.containsKey(course);
    }

    /** The repeat that replaced a course's grade, or {@code null}. */
    Course replacement(Course course) {
        return replacedBy.get(course);
    }

    /** Sets aside grades of repeated courses under a policy ({@link #explain} records the decisions). */
    static Repeats resolve(List<Course> courses, RepeatPolicy policy) {
        Map<Course.RepeatKey, Course> effective = new HashMap<>(128);
        Map<Course, Course> replacedBy = new LinkedHashMap<>();
        Map<Course, Course> unused = new LinkedHashMap<>();
        for (Course course : courses) {
            Course earlier = effective.putIfAbsent(course.repeatKey, course);
            if (earlier == null) {
                continue;
            }
            if (course.segment == 0 && !course.college && earlier.term.academicYear() == course.term.academicYear()
                    && earlier.term.type() != course.term.type()) {
                // A yearlong course exported without semester numbers: fall and spring are two semesters of the
                // same course, not a repeat.
                effective.put(course.repeatKey, course);
                continue;
            }
            Mark.Kind kind = course.mark.kind;
            if (kind == Mark.Kind.PENDING || kind == Mark.Kind.WITHDRAWN) {
                // An unfinished or withdrawn repeat replaces nothing (yet); the earlier grade stands.
                effective.put(course.repeatKey, earlier);
                continue;
            }
            boolean earlierDeficient = earlier.mark.isDeficientLetter() || earlier.mark.kind == Mark.Kind.NO_PASS;
            if (policy == RepeatPolicy.LATEST || earlierDeficient) {
                replacedBy.put(earlier, course);
                effective.put(course.repeatKey, course);
            } else {
                unused.put(course, earlier);
                effective.put(course.repeatKey, earlier);
            }
        }
        return new Repeats(policy, replacedBy, unused);
    }
}
