package org.baton.node.quality;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.baton.node.student.Names;
import org.baton.proto.v1.Student;

/**
 * What the duplicate rule compares of a student, in the form it compares it: names without case, accents, spaces or
 * punctuation ("García-López" and "GARCIA LOPEZ" are one name), the birth date, the gender.
 *
 * <p>Personal data: never log one; {@link #toString()} says nothing of it.
 *
 * @param first     legal first name, normalised
 * @param middle    legal middle name, lower case, without dots and spaces ("J." is the initial "j")
 * @param last      legal last name, normalised; not empty
 * @param lastWords the words of the last name, each normalised ("de la Cruz": DE, LA, CRUZ)
 * @param birthDay  the birth date as a day count ({@link LocalDate#toEpochDay()})
 * @param gender    the gender code, upper case; empty when not given
 */
public record Identity(String first, String middle, String last, List<String> lastWords, long birthDay,
        String gender) {

    public Identity {
        lastWords = List.copyOf(lastWords);
    }

    /**
     * The identity of {@code student}; empty when the record gives no last name or no valid birth date (there is
     * nothing to compare it by).
     */
    public static Optional<Identity> of(Student student) {
        String last = Names.forMatching(student.getLegalName().getLast());
        if (last.isEmpty() || student.getBirthDate().isEmpty()) {
            return Optional.empty();
        }
        LocalDate birth;
        try {
            birth = LocalDate.parse(student.getBirthDate());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        String middle = student.getLegalName().getMiddle().toLowerCase(Locale.ROOT).replaceAll("[.\\s]", "");
        return Optional.of(new Identity(Names.forMatching(student.getLegalName().getFirst()), middle, last,
                words(student.getLegalName().getLast()), birth.toEpochDay(),
                student.getDemographics().getGender().strip().toUpperCase(Locale.ROOT)));
    }

    /** The birth date. */
    public LocalDate birthDate() {
        return LocalDate.ofEpochDay(birthDay);
    }

    /**
     * Whether two students alike in name and birth date may be one person: not when both records give a gender and
     * they differ, nor when both give a middle name and they differ (an initial matches its name).
     */
    boolean couldBeOnePersonWith(Identity other) {
        if (!gender.isEmpty() && !other.gender.isEmpty() && !gender.equals(other.gender)) {
            return false;
        }
        if (middle.isEmpty() || other.middle.isEmpty() || middle.equals(other.middle)) {
            return true;
        }
        return (middle.length() == 1 || other.middle.length() == 1) && middle.charAt(0) == other.middle.charAt(0);
    }

    /** The words of a name (split at spaces and hyphens), each normalised, the empty ones left out. */
    private static List<String> words(String name) {
        List<String> out = new ArrayList<>(2);
        for (String word : name.split("[\\s\\-]+")) {
            String normalised = Names.forMatching(word);
            if (!normalised.isEmpty()) {
                out.add(normalised);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Identity[personal data]";
    }
}
