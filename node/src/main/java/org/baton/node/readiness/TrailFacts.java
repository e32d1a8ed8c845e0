package org.baton.node.readiness;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import org.baton.node.readiness.rules.AgSubject;
import org.baton.proto.v1.GpaKind;

/**
 * Trail arguments that are not plain values: each reads as English in a {@link TrailEntry#message()} and gives, as
 * its {@link Fact#fact()}, a short code another language can be written from.
 */
public final class TrailFacts {

    private TrailFacts() {
    }

    /** An argument with a language-neutral code. */
    public interface Fact {
        /** The code: stable, not for reading. */
        String fact();
    }

    /** The code of any argument: a {@link Fact}'s, or the value as text. */
    public static String fact(Object arg) {
        return arg instanceof Fact f ? f.fact() : String.valueOf(arg);
    }

    /**
     * An a-g flag as a course record or a school's list gives it: "area b", "area b honors", or "not a-g".
     * Its fact is the letter, with "+honors" for an honors course, or empty for not a-g.
     */
    public record AreaFlag(Optional<AgSubject> area, boolean honors) implements Fact {
        public AreaFlag {
            Objects.requireNonNull(area, "area");
        }

        static AreaFlag of(AgSubject area, boolean honors) {
            return new AreaFlag(Optional.of(area), honors);
        }

        static AreaFlag none() {
            return new AreaFlag(Optional.empty(), false);
        }

        @Override
        public String fact() {
            return area.map(a -> a.letter() + (honors ? "+honors" : "")).orElse("");
        }

        @Override
        public String toString() {
            return area.map(a -> "area " + a.letter() + (honors ? " honors" : "")).orElse("not a-g");
        }
    }

    /** A reported GPA's kind, named as a registrar knows it ("UC GPA (capped weighted)"); its fact is the kind. */
    public record GpaName(GpaKind kind) implements Fact {
        public GpaName {
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public String fact() {
            return kind.name();
        }

        @Override
        public String toString() {
            return switch (kind) {
                case GPA_UC -> "UC GPA (capped weighted)";
                case GPA_CSU -> "CSU GPA";
                case GPA_CAL_GRANT -> "Cal Grant GPA";
                case GPA_COLLEGE_TRANSFERABLE -> "Transferable college GPA (CSU)";
                case GPA_COLLEGE_CUMULATIVE -> "Cumulative college GPA";
                case GPA_CUMULATIVE_UNWEIGHTED -> "Cumulative unweighted GPA";
                case GPA_CUMULATIVE_WEIGHTED -> "Cumulative weighted GPA";
                default -> kind.name();
            };
        }
    }

    /** The date a GPA is reported as of, as the record gives it ("as of 2026-01-15"), or none; its fact is the date. */
    public record AsOf(String date) implements Fact {
        public AsOf {
            Objects.requireNonNull(date, "date");
        }

        @Override
        public String fact() {
            return date;
        }

        @Override
        public String toString() {
            return date.isEmpty() ? "date not given" : "as of " + date;
        }
    }

    /**
     * Baton's UC weighted GPAs, capped and fully weighted ("UC weighted 4.10 / 4.25"); its fact is both, joined by
     * "/".
     */
    public record WeightedGpas(Optional<BigDecimal> capped, Optional<BigDecimal> fully) implements Fact {
        public WeightedGpas {
            Objects.requireNonNull(capped, "capped");
            Objects.requireNonNull(fully, "fully");
        }

        @Override
        public String fact() {
            return text(capped) + "/" + text(fully);
        }

        @Override
        public String toString() {
            return "UC weighted " + text(capped) + " / " + text(fully);
        }

        private static String text(Optional<BigDecimal> gpa) {
            return gpa.map(BigDecimal::toPlainString).orElse("-");
        }
    }
}
