package org.baton.node.readiness.rules;

import java.util.Comparator;
import java.util.List;
import org.baton.proto.v1.HigherEdSystem;

/**
 * One system's first-year admission rules (a-g and GPA) in all their versions.
 *
 * @param system UC or CSU
 * @param versions the versions, each applying from a cohort until the next version's cohort
 */
public record AdmissionRules(HigherEdSystem system, List<Version> versions) {

    public AdmissionRules {
        Require.present(system, "system");
        if (system != HigherEdSystem.SYSTEM_UC && system != HigherEdSystem.SYSTEM_CSU) {
            throw new IllegalArgumentException("'system' must be SYSTEM_UC or SYSTEM_CSU, was " + system);
        }
        versions = Require.list(versions).stream().sorted(Comparator.comparingInt(Version::cohortFrom)).toList();
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("'versions' must have at least one version");
        }
        for (int i = 1; i < versions.size(); i++) {
            if (versions.get(i).cohortFrom() == versions.get(i - 1).cohortFrom()) {
                throw new IllegalArgumentException("two versions start with cohort " + versions.get(i).cohortFrom());
            }
        }
    }

    /**
     * One version of the rules.
     *
     * @param cohortFrom first cohort (year of high-school graduation) the version applies to
     * @param source where the version's rules come from, as a whole
     * @param ag the a-g subject requirements
     * @param gpa the GPA rules
     */
    public record Version(int cohortFrom, String source, AgRules ag, GpaRules gpa) implements Versioned {
        public Version {
            Require.atLeast(cohortFrom, 1900, "cohortFrom");
            Require.text(source, "source");
            Require.present(ag, "ag");
            Require.present(gpa, "gpa");
        }

        @Override
        public int versionKey() {
            return cohortFrom;
        }
    }
}
