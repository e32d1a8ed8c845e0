package org.baton.node.portal.security;

import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;
import java.util.Optional;
import org.baton.node.student.StudentId;

/**
 * What the access policy needs to know about a student.
 *
 * @param student  the student
 * @param eligible an "eligible student" under FERPA (34 CFR 99.3): 18 or older, or attending a postsecondary
 *                 institution; the rights (reading, consenting) are then the student's, no longer the parents'
 */
public record StudentFacts(StudentId student, boolean eligible) {

    public StudentFacts {
        Objects.requireNonNull(student, "student");
    }

    /**
     * Facts from a birth date and postsecondary attendance.
     *
     * @param birthDate     the student's date of birth, when known (unknown counts as a minor: the safe side for
     *                      guardians is decided by the institution's link, for consent by the parent)
     * @param postsecondary attends or attended a postsecondary institution
     * @param today         the date to judge on
     */
    public static StudentFacts of(StudentId student, Optional<LocalDate> birthDate, boolean postsecondary,
                                  LocalDate today) {
        boolean adult = birthDate.map(b -> Period.between(b, today).getYears() >= 18).orElse(false);
        return new StudentFacts(student, adult || postsecondary);
    }
}
