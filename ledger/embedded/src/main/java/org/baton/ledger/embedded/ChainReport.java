package org.baton.ledger.embedded;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ChainVerifier} found.
 *
 * @param blocks blocks checked and found good (all of them when there is no fault)
 * @param transactions transactions in the good blocks
 * @param fault the first bad block, if any
 */
public record ChainReport(long blocks, long transactions, Optional<Fault> fault) {

    public ChainReport {
        Objects.requireNonNull(fault, "fault");
    }

    /** True if every block and transaction checked out. */
    public boolean intact() {
        return fault.isEmpty();
    }

    /**
     * The first bad block and what is wrong with it.
     *
     * @param block the block number
     * @param problem what failed, e.g. "the operator signature does not verify"
     */
    public record Fault(long block, String problem) {
        public Fault {
            Objects.requireNonNull(problem, "problem");
        }

        @Override
        public String toString() {
            return "block " + block + ": " + problem;
        }
    }
}
