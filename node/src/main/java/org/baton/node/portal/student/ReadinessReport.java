package org.baton.node.portal.student;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.baton.node.readiness.caseload.FlagKind;

/**
 * A student's progress as the portal shows it, with the explanation trail counselors rely on, in the reader's
 * language (the course titles as the records give them).
 *
 * @param areas     a-g status per area, a to g
 * @param gpas      computed GPAs, each with how it was computed
 * @param deadlines next deadlines (financial aid, applications, Cal Grant GPA), soonest first
 * @param transfer  transfer progress, for community-college students
 * @param offTrack  why the student is off track, in words (empty when on track)
 * @param aid       the senior-year financial aid confirmation and the applications submitted
 * @param concerns  the kinds of those reasons, for a counselor to find every student with one
 */
public record ReadinessReport(List<AreaStatus> areas, List<GpaFigure> gpas, List<Deadline> deadlines,
                              Optional<TransferProgress> transfer, List<String> offTrack, Aid aid,
                              Set<FlagKind> concerns) {

    public ReadinessReport {
        areas = List.copyOf(areas);
        gpas = List.copyOf(gpas);
        deadlines = List.copyOf(deadlines);
        Objects.requireNonNull(transfer, "transfer");
        offTrack = List.copyOf(offTrack);
        Objects.requireNonNull(aid, "aid");
        concerns = concerns.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(concerns));
    }

    /** A report whose reasons are not sorted by kind. */
    public ReadinessReport(List<AreaStatus> areas, List<GpaFigure> gpas, List<Deadline> deadlines,
                           Optional<TransferProgress> transfer, List<String> offTrack, Aid aid) {
        this(areas, gpas, deadlines, transfer, offTrack, aid, Set.of());
    }

    /** A report that says nothing of financial aid or applications. */
    public ReadinessReport(List<AreaStatus> areas, List<GpaFigure> gpas, List<Deadline> deadlines,
                           Optional<TransferProgress> transfer, List<String> offTrack) {
        this(areas, gpas, deadlines, transfer, offTrack, Aid.NOT_KNOWN);
    }

    /**
     * Financial aid and applications, as a counselor follows them across a caseload.
     *
     * @param confirmation          the Ed Code 51225.7 confirmation: for a senior, a FAFSA or CADAA submitted or
     *                              the opt-out form filed
     * @param applicationsSubmitted college applications submitted (whatever their decision since)
     */
    public record Aid(AidConfirmation confirmation, int applicationsSubmitted) {

        /** Nothing known: not a senior, no applications. */
        public static final Aid NOT_KNOWN = new Aid(AidConfirmation.NOT_APPLICABLE, 0);

        public Aid {
            Objects.requireNonNull(confirmation, "confirmation");
            if (applicationsSubmitted < 0) {
                throw new IllegalArgumentException("applicationsSubmitted is negative: " + applicationsSubmitted);
            }
        }
    }

    /** Ed Code 51225.7: each senior completes a FAFSA or CADAA, or files the opt-out form. */
    public enum AidConfirmation {
        /** A FAFSA or CADAA is submitted. */
        SUBMITTED,
        /** The student or parent filed the opt-out form. */
        OPTED_OUT,
        /** Neither: the school follows up. */
        NOT_CONFIRMED,
        /** Not a senior. */
        NOT_APPLICABLE
    }

    public boolean onTrack() {
        return offTrack.isEmpty();
    }

    /** Number of areas met. */
    public long areasMet() {
        return areas.stream().filter(a -> a.status() == AreaStatus.Status.MET).count();
    }

    /** A GPA by kind. */
    public Optional<GpaFigure> gpa(GpaFigure.Kind kind) {
        return gpas.stream().filter(g -> g.kind() == kind).findFirst();
    }

    /**
     * One a-g area.
     *
     * @param area      letter a…g
     * @param status    MET, IN_PROGRESS, MISSING or DEFICIENT
     * @param earned    semesters earned toward the area (validation included)
     * @param required  semesters required
     * @param trail     courses used, validations and repeats applied, in words
     */
    public record AreaStatus(char area, Status status, int earned, int required, List<String> trail) {
        public AreaStatus {
            Objects.requireNonNull(status, "status");
            trail = List.copyOf(trail);
        }

        /** The area's status. */
        public enum Status { MET, IN_PROGRESS, MISSING, DEFICIENT }
    }

    /**
     * A computed GPA.
     *
     * @param kind        which GPA
     * @param name        its name in the reader's language, e.g. "UC capped weighted"
     * @param value       as reported ("3.85": UC truncates, Cal Grant rounds)
     * @param howComputed the grades and rules used, in words
     */
    public record GpaFigure(Kind kind, String name, String value, List<String> howComputed) {
        public GpaFigure {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            howComputed = List.copyOf(howComputed);
        }

        /** The GPAs the engine computes, and any other a source reports. */
        public enum Kind { UC_CAPPED_WEIGHTED, UC_UNWEIGHTED, CSU, CAL_GRANT, OTHER }
    }

    /**
     * A deadline.
     *
     * @param what what is due
     * @param due  the date
     */
    public record Deadline(String what, LocalDate due) {
        public Deadline {
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(due, "due");
        }
    }

    /**
     * Transfer progress for a community-college student.
     *
     * @param goal         e.g. "AA-T Psychology → CSU"
     * @param requirements each requirement and whether it is met
     */
    public record TransferProgress(String goal, List<Requirement> requirements) {
        public TransferProgress {
            Objects.requireNonNull(goal, "goal");
            requirements = List.copyOf(requirements);
        }

        /**
         * One transfer requirement.
         *
         * @param name   e.g. "60 CSU-transferable units"
         * @param met    whether it is met
         * @param detail progress in words, e.g. "42 of 60 units"
         */
        public record Requirement(String name, boolean met, String detail) {
        }
    }
}
