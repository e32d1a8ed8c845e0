package org.baton.node.quality;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.baton.node.student.StudentId;

/**
 * One thing a data-quality rule found in one student's record.
 *
 * <p>Personal data: the detail names courses, grades and GPAs. Shown to the node's registrar, never logged.
 *
 * @param rule the rule
 * @param student the node's student
 * @param recordId the course record concerned; empty when the finding is about the record as a whole
 * @param detail what is wrong, in words a registrar can act on
 * @param message which wording the detail takes ({@code POSSIBLE_DUPLICATE.NAMES_SWAPPED}, {@code
 *     trail.AG_LIST_NOT_LISTED} …), for saying it in another language with {@code facts}; empty when it has none
 * @param facts what the wording is built from, in its order
 */
public record QualityFinding(QualityRule rule, StudentId student, String recordId, String detail, String message,
        List<String> facts) {

    public QualityFinding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(student, "student");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(message, "message");
        facts = List.copyOf(facts);
    }

    /** A finding with its words only (no wording for another language). */
    public QualityFinding(QualityRule rule, StudentId student, String recordId, String detail) {
        this(rule, student, recordId, detail, "", List.of());
    }

    /**
     * A key for this finding that stays the same while the record says the same thing: the registrar's dismissal
     * is kept under it, so a rescan does not bring a dismissed finding back, and a changed record does.
     */
    public String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((rule.name() + '\n' + student.value() + '\n' + recordId + '\n' + detail)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        // Never the detail: it is personal data.
        return "QualityFinding[" + rule + ", student " + student + "]";
    }
}
