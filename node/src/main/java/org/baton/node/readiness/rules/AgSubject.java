package org.baton.node.readiness.rules;

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

    /** The area of a record-model a-g value; empty for {@code AG_NONE}, unspecified and unknown values. */
    public static Optional<AgSubject> fromProto(AgArea area) {
        return switch (area) {
            case AG_A_HISTORY -> Optional.of(A);
            case AG_B_ENGLISH -> Optional.of(B);
            case AG_C_MATH -> Optional.of(C);
            case AG_D_SCIENCE -> Optional.of(D);
            case AG_E_LANGUAGE -> Optional.of(E);
            case AG_F_ARTS -> Optional.of(F);
            case AG_G_ELECTIVE -> Optional.of(G);
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
