package org.baton.node.readiness;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.baton.proto.v1.AidApplicationKind;
import org.baton.proto.v1.AidApplicationStatus;
import org.baton.proto.v1.ApplicationStatus;
import org.baton.proto.v1.HigherEdSystem;

/**
 * Financial aid and applications, each with its next deadline.
 *
 * @param fafsaCadaa the FAFSA or California Dream Act Application for the relevant award year
 * @param edCode51225_7 the Ed Code 51225.7 confirmation (seniors: submitted, or the opt-out form filed)
 * @param calGrantUpload the school's Cal Grant GPA upload
 * @param applications every college application on record
 * @param deadlines the student's deadlines from the evaluation date on, soonest first
 */
public record AidReport(AidItem fafsaCadaa, Confirmation edCode51225_7, CalGrantUpload calGrantUpload,
        List<ApplicationItem> applications, List<UpcomingDeadline> deadlines) {

    public AidReport {
        applications = List.copyOf(applications);
        deadlines = List.copyOf(deadlines);
    }

    /** The soonest deadline not yet passed, if any. */
    public Optional<UpcomingDeadline> nextDeadline() {
        return deadlines.stream().filter(d -> !d.passed()).findFirst();
    }

    /**
     * The FAFSA / CADAA.
     *
     * @param awardYear the award year ("2027-28")
     * @param kind which application, when one is on record
     * @param status its status ({@code AID_NOT_STARTED} when none is on record)
     * @param statusDate the date of the status, as recorded
     * @param complete submitted or processed
     * @param deadline the filing deadline, while not complete
     */
    public record AidItem(String awardYear, Optional<AidApplicationKind> kind, AidApplicationStatus status,
            Optional<String> statusDate, boolean complete, Optional<UpcomingDeadline> deadline) {
    }

    /** The Ed Code 51225.7 confirmation for a senior. */
    public enum Confirmation {
        /** A FAFSA or CADAA is submitted. */
        SUBMITTED,
        /** The student or parent filed the opt-out form. */
        OPTED_OUT,
        /** Neither: the school must follow up. */
        NOT_CONFIRMED,
        /** The student is not a senior. */
        NOT_APPLICABLE
    }

    /** Where the Cal Grant GPA upload stands. */
    public enum UploadStatus {
        UPLOADED, NOT_UPLOADED, OPTED_OUT, NOT_APPLICABLE
    }

    /**
     * The Cal Grant GPA upload.
     *
     * @param status where it stands
     * @param uploadedOn the upload date, as recorded
     * @param uploadedGpa the GPA uploaded
     * @param deadline the upload deadline, while not uploaded
     * @param problems problems with the uploaded GPA (weighted, different from Baton's)
     */
    public record CalGrantUpload(UploadStatus status, Optional<String> uploadedOn, Optional<BigDecimal> uploadedGpa,
            Optional<UpcomingDeadline> deadline, List<UploadProblem> problems) {
        public CalGrantUpload {
            problems = List.copyOf(problems);
        }

        /** The problems in words. */
        public List<String> warnings() {
            return problems.stream().map(UploadProblem::text).toList();
        }
    }

    /**
     * A problem with an uploaded Cal Grant GPA.
     *
     * @param kind what is wrong
     * @param uploaded the GPA uploaded
     * @param computed Baton's Cal Grant GPA, when it computes one
     */
    public record UploadProblem(Kind kind, BigDecimal uploaded, Optional<BigDecimal> computed) {

        /** What is wrong with an uploaded GPA. */
        public enum Kind { LOOKS_WEIGHTED, DIFFERS }

        public UploadProblem {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(uploaded, "uploaded");
            Objects.requireNonNull(computed, "computed");
        }

        /** In words, e.g. "the uploaded GPA 4.100 looks weighted; CSAC needs the unweighted GPA". */
        public String text() {
            return switch (kind) {
                case LOOKS_WEIGHTED -> "the uploaded GPA " + uploaded
                        + " looks weighted; CSAC needs the unweighted GPA";
                case DIFFERS -> "the uploaded GPA " + uploaded + " differs from Baton's "
                        + computed.map(BigDecimal::toPlainString).orElse("?");
            };
        }
    }

    /**
     * A college application.
     *
     * @param system the system applied to
     * @param campus the campus
     * @param entryTerm the term applied for ("fall 2027")
     * @param status its status
     * @param statusDate the status date, as recorded
     * @param tag whether it is a UC Transfer Admission Guarantee
     * @param deadline its next deadline, when the rule tables have one
     */
    public record ApplicationItem(HigherEdSystem system, String campus, String entryTerm, ApplicationStatus status,
            Optional<String> statusDate, boolean tag, Optional<UpcomingDeadline> deadline) {
    }
}
