package org.baton.node.exchange;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.baton.node.store.RecordStore;
import org.baton.node.store.SerializedStudent;
import org.baton.proto.v1.Student;

/**
 * Finds the student a grant's opening names among the node's own students: by SSID, then checking that the legal
 * name and date of birth agree, the names compared with the record store's normalisation (case, accents, spaces
 * and punctuation ignored). A partial match is never accepted: same SSID with another birth date or name is a
 * mismatch, reported with the fields that disagree.
 */
final class StudentMatcher {

    /** The outcome of a match. */
    sealed interface Match {
        /** The student is held and SSID, name and birth date agree. */
        record Held(SerializedStudent student) implements Match {
        }

        /** No student with the SSID is held here. */
        record NotHeld() implements Match {
        }

        /** A student with the SSID is held, but these fields disagree. */
        record Mismatch(SerializedStudent student, List<String> fields) implements Match {
        }
    }

    private final RecordStore store;

    StudentMatcher(RecordStore store) {
        this.store = store;
    }

    Match match(Opening opening) {
        // The usual case in one index lookup: the name and birth date find the student, whose SSID agrees.
        if (!opening.lastName().isBlank()) {
            for (SerializedStudent candidate : store.findSerializedByNameAndBirthDate(opening.firstName(),
                    opening.lastName(), opening.birthDate())) {
                if (candidate.student().getSsid().equals(opening.ssid().value())) {
                    return new Match.Held(candidate);
                }
            }
        }
        Optional<SerializedStudent> found = store.findSerializedBySsid(opening.ssid());
        if (found.isEmpty()) {
            return new Match.NotHeld();
        }
        SerializedStudent student = found.get();
        Student held = student.student();
        Optional<LocalDate> heldBirthDate = birthDate(held);
        List<String> fields = new ArrayList<>();
        if (heldBirthDate.isEmpty() || !heldBirthDate.get().equals(opening.birthDate())) {
            fields.add("birth_date");
        }
        // The name index is keyed by name and birth date, so names are compared at the held birth date.
        if (heldBirthDate.isPresent() && !sameName(student, opening.firstName(), opening.lastName(), heldBirthDate.get())) {
            String heldFirst = held.getLegalName().getFirst();
            String heldLast = held.getLegalName().getLast();
            boolean firstAgrees = sameName(student, opening.firstName(), heldLast, heldBirthDate.get());
            boolean lastAgrees = sameName(student, heldFirst, opening.lastName(), heldBirthDate.get());
            if (!firstAgrees) {
                fields.add("first_name");
            }
            if (!lastAgrees) {
                fields.add("last_name");
            }
            if (firstAgrees && lastAgrees) {
                fields.add("name");
            }
        }
        if (fields.isEmpty()) {
            // Found by SSID with agreeing name and birth date, though the first lookup missed it: take it.
            return new Match.Held(student);
        }
        return new Match.Mismatch(student, List.copyOf(fields));
    }

    private static Optional<LocalDate> birthDate(Student student) {
        try {
            return student.getBirthDate().isEmpty() ? Optional.empty() : Optional.of(LocalDate.parse(student.getBirthDate()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private boolean sameName(SerializedStudent student, String first, String last, LocalDate birthDate) {
        if (last.isBlank()) {
            return false;
        }
        return store.findSerializedByNameAndBirthDate(first, last, birthDate).stream()
                .anyMatch(candidate -> candidate.id().equals(student.id()));
    }
}
