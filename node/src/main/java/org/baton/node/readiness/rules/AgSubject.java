package org.baton.node.readiness.rules;

import java.util.List;
import java.util.Optional;
import org.baton.proto.v1.AgArea;

/** The seven UC/CSU "a-g" subject areas, in their letter order. */
public enum AgSubject {
    A("a", "history/social science"),
    B("b", "English"),
    C("c", "mathematics"),
    D("d", "science"),
    E("e", "language other than English"),
    F("f", "visual and performing arts"),
    G("g", "college-preparatory elective");

    private final String letter;
    private final String title;

    AgSubject(String letter, String title) {
        this.letter = letter;
        this.title = title;
    }

    /** The lower-case letter, as counselors write it ("c"). */
    public String letter() {
        return letter;
    }

    /** The area's name ("mathematics"). */
    public String title() {
        return title;
    }

    /** "c (mathematics)". */
    public String label() {
        return letter + " (" + title + ")";
    }

    private static final List<Optional<AgSubject>> PRESENT = java.util.Arrays.stream(values()).map(Optional::of)
            .toList();

    /** The area of a record-model a-g value; empty for {@code AG_NONE}, unspecified and unknown values. */
    public static Optional<AgSubject> fromProto(AgArea area) {
        return switch (area) {
            case AG_A_HISTORY -> PRESENT.get(0);
            case AG_B_ENGLISH -> PRESENT.get(1);
            case AG_C_MATH -> PRESENT.get(2);
            case AG_D_SCIENCE -> PRESENT.get(3);
            case AG_E_LANGUAGE -> PRESENT.get(4);
            case AG_F_ARTS -> PRESENT.get(5);
            case AG_G_ELECTIVE -> PRESENT.get(6);
            default -> Optional.empty();
        };
    }

    /** The record-model value of this area. */
    public AgArea toProto() {
        return switch (this) {
            case A -> AgArea.AG_A_HISTORY;
            case B -> AgArea.AG_B_ENGLISH;
            case C -> AgArea.AG_C_MATH;
            case D -> AgArea.AG_D_SCIENCE;
            case E -> AgArea.AG_E_LANGUAGE;
            case F -> AgArea.AG_F_ARTS;
            case G -> AgArea.AG_G_ELECTIVE;
        };
    }
}
