package org.baton.node.readiness;

import java.util.Locale;
import org.baton.node.readiness.rules.Letter;

/** A grade as recorded, parsed. */
enum Mark {
    A_PLUS("A+", Letter.A, 1), A("A", Letter.A, 0), A_MINUS("A-", Letter.A, -1),
    B_PLUS("B+", Letter.B, 1), B("B", Letter.B, 0), B_MINUS("B-", Letter.B, -1),
    C_PLUS("C+", Letter.C, 1), C("C", Letter.C, 0), C_MINUS("C-", Letter.C, -1),
    D_PLUS("D+", Letter.D, 1), D("D", Letter.D, 0), D_MINUS("D-", Letter.D, -1),
    F("F", Letter.F, 0),
    PASS("P", Kind.PASS), CREDIT("CR", Kind.PASS),
    NO_PASS("NP", Kind.NO_PASS), NO_CREDIT("NC", Kind.NO_PASS),
    INCOMPLETE("I", Kind.PENDING), IN_PROGRESS("IP", Kind.PENDING), NOT_GRADED("(none)", Kind.PENDING),
    WITHDRAWN("W", Kind.WITHDRAWN);

    enum Kind { LETTER, PASS, NO_PASS, PENDING, WITHDRAWN }

    final String text;
    final Kind kind;
    final Letter letter;
    final int sign;

    Mark(String text, Letter letter, int sign) {
        this.text = text;
        this.kind = Kind.LETTER;
        this.letter = letter;
        this.sign = sign;
    }

    Mark(String text, Kind kind) {
        this.text = text;
        this.kind = kind;
        this.letter = null;
        this.sign = 0;
    }

    boolean isLetter() {
        return kind == Kind.LETTER;
    }

    /** D+, D, D-, F. */
    boolean isDeficientLetter() {
        return kind == Kind.LETTER && (letter == Letter.D || letter == Letter.F);
    }

    /** Whether this letter grade is at least {@code minimum}; with {@code ignorePlusMinus} only letters compare. */
    boolean atLeast(Mark minimum, boolean ignorePlusMinus) {
        if (kind != Kind.LETTER) {
            return false;
        }
        int own = letterRank(letter);
        int min = letterRank(minimum.letter);
        if (ignorePlusMinus) {
            return own >= min;
        }
        return own > min || (own == min && sign >= minimum.sign);
    }

    private static int letterRank(Letter letter) {
        return switch (letter) {
            case A -> 4;
            case B -> 3;
            case C -> 2;
            case D -> 1;
            case F -> 0;
        };
    }

    /** The mark of a recorded grade; {@code null} when the text is not a grade Baton knows. */
    static Mark parse(String recorded) {
        if (recorded != null && recorded.length() <= 2) {
            Mark fast = parseExact(recorded);
            if (fast != null) {
                return fast;
            }
        }
        String text = recorded == null ? "" : recorded.strip().toUpperCase(Locale.ROOT);
        return switch (text) {
            case "A+" -> A_PLUS;
            case "A" -> A;
            case "A-" -> A_MINUS;
            case "B+" -> B_PLUS;
            case "B" -> B;
            case "B-" -> B_MINUS;
            case "C+" -> C_PLUS;
            case "C" -> C;
            case "C-" -> C_MINUS;
            case "D+" -> D_PLUS;
            case "D" -> D;
            case "D-" -> D_MINUS;
            case "F" -> F;
            case "P" -> PASS;
            case "CR" -> CREDIT;
            case "NP" -> NO_PASS;
            case "NC" -> NO_CREDIT;
            case "I" -> INCOMPLETE;
            case "IP" -> IN_PROGRESS;
            case "" -> NOT_GRADED;
            case "W" -> WITHDRAWN;
            default -> null;
        };
    }

    /** The common case without allocation: an upper-case grade exactly as written ("B+", "IP"). */
    private static Mark parseExact(String text) {
        if (text.isEmpty()) {
            return NOT_GRADED;
        }
        char first = text.charAt(0);
        char second = text.length() == 2 ? text.charAt(1) : ' ';
        Letter letter = switch (first) {
            case 'A' -> Letter.A;
            case 'B' -> Letter.B;
            case 'C' -> Letter.C;
            case 'D' -> Letter.D;
            default -> null;
        };
        if (letter != null) {
            int index = switch (second) {
                case '+' -> 0;
                case ' ' -> 1;
                case '-' -> 2;
                default -> -1;
            };
            if (index >= 0) {
                return LETTERS[letter.ordinal() * 3 + index];
            }
            return first == 'C' && second == 'R' ? CREDIT : null;
        }
        return switch (first) {
            case 'F' -> second == ' ' ? F : null;
            case 'P' -> second == ' ' ? PASS : null;
            case 'W' -> second == ' ' ? WITHDRAWN : null;
            case 'I' -> second == ' ' ? INCOMPLETE : second == 'P' ? IN_PROGRESS : null;
            case 'N' -> second == 'P' ? NO_PASS : second == 'C' ? NO_CREDIT : null;
            default -> null;
        };
    }

    private static final Mark[] LETTERS = {A_PLUS, A, A_MINUS, B_PLUS, B, B_MINUS, C_PLUS, C, C_MINUS, D_PLUS, D,
        D_MINUS};

    @Override
    public String toString() {
        return text;
    }
}
