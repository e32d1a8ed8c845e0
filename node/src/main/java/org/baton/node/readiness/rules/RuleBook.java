package org.baton.node.readiness.rules;

import java.nio.file.Path;
import java.util.Objects;
import org.baton.proto.v1.HigherEdSystem;

/**
 * All readiness rule tables, loaded and validated.
 *
 * @param uc UC first-year rules (a-g, UC GPA)
 * @param csu CSU first-year rules (a-g, CSU GPA)
 * @param calGrant the Cal Grant GPA
 * @param transfer community-college transfer rules
 * @param deadlines deadlines
 * @param counseling Baton's counseling defaults
 */
public record RuleBook(AdmissionRules uc, AdmissionRules csu, CalGrantRules calGrant, TransferRules transfer,
        DeadlineRules deadlines, CounselingRules counseling) {

    /** The file names a rule directory holds. */
    public static final String UC_FILE = "uc.yaml";
    public static final String CSU_FILE = "csu.yaml";
    public static final String CAL_GRANT_FILE = "cal-grant.yaml";
    public static final String TRANSFER_FILE = "transfer.yaml";
    public static final String DEADLINES_FILE = "deadlines.yaml";
    public static final String COUNSELING_FILE = "counseling.yaml";

    public RuleBook {
        Objects.requireNonNull(uc, "uc");
        Objects.requireNonNull(csu, "csu");
        Objects.requireNonNull(calGrant, "calGrant");
        Objects.requireNonNull(transfer, "transfer");
        Objects.requireNonNull(deadlines, "deadlines");
        Objects.requireNonNull(counseling, "counseling");
        if (uc.system() != HigherEdSystem.SYSTEM_UC) {
            throw new IllegalArgumentException("the UC rules are for " + uc.system());
        }
        if (csu.system() != HigherEdSystem.SYSTEM_CSU) {
            throw new IllegalArgumentException("the CSU rules are for " + csu.system());
        }
    }

    /** The first-year rules of UC or CSU. */
    public AdmissionRules admission(HigherEdSystem system) {
        return switch (system) {
            case SYSTEM_UC -> uc;
            case SYSTEM_CSU -> csu;
            default -> throw new IllegalArgumentException("no first-year rules for " + system);
        };
    }

    /**
     * The rule tables shipped with Baton (class-path resources {@code org/baton/node/readiness/rules/*.yaml}).
     *
     * @throws RuleBookLoadException when a table is missing or invalid
     */
    public static RuleBook loadDefault() {
        return RuleBookLoader.fromClassPath();
    }

    /**
     * Rule tables from a directory holding the six files ({@link #UC_FILE} …).
     *
     * @throws RuleBookLoadException when a file is missing, unreadable or invalid
     */
    public static RuleBook load(Path directory) {
        Objects.requireNonNull(directory, "directory");
        return RuleBookLoader.fromDirectory(directory);
    }
}
