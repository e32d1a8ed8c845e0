package org.baton.node.portal.student;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.baton.node.student.StudentId;
import org.baton.node.portal.security.StudentFacts;
import org.baton.proto.v1.PersonName;
import org.baton.proto.v1.StudentRecord;

/**
 * What the node holds about one student.
 *
 * @param ref      the student's key in the record store
 * @param local    the institution's own record
 * @param received records received from other institutions, newest first
 */
public record StudentFile(StudentId ref, StudentRecord local, List<ReceivedRecord> received) {

    public StudentFile {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(local, "local");
        received = List.copyOf(received);
    }

    /** The name to show: first and last as the institution recorded them. */
    public String displayName() {
        PersonName n = local.getStudent().getLegalName();
        String name = (n.getFirst() + " " + n.getLast()).strip();
        return name.isEmpty() ? "#" + ref : name;
    }

    public Optional<LocalDate> birthDate() {
        String b = local.getStudent().getBirthDate();
        try {
            return b.isEmpty() ? Optional.empty() : Optional.of(LocalDate.parse(b));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * True when the student attends or attended a postsecondary institution: grade level 13 here, a college
     * enrollment, a college course not taken as dual enrollment, or a record received from a college.
     */
    public boolean postsecondary() {
        if (local.getStudent().getGradeLevel() == 13) {
            return true;
        }
        if (local.getEnrollmentsList().stream().anyMatch(e -> e.getGradeLevel() == 13)) {
            return true;
        }
        if (local.getCoursesList().stream().anyMatch(c -> c.hasCollege() && !c.getCollege().getDualEnrollment()
                && c.getGradeLevel() == 13)) {
            return true;
        }
        return received.stream().anyMatch(r -> r.record().getStudent().getGradeLevel() == 13);
    }

    /** The facts the access policy needs, judged on {@code today}. */
    public StudentFacts facts(LocalDate today) {
        return StudentFacts.of(ref, birthDate(), postsecondary(), today);
    }
}
