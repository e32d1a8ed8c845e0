package org.baton.ledger.embedded;

import org.baton.bench.ThreadCpu;

/**
 * Splits the CPU time of the ledger bench's process, whose submitters share the process with the ledger, into the
 * ledger server's threads, the JVM's own and everything else, so the bench can say what the ledger itself costs.
 */
final class LedgerThreads {

    /**
     * CPU time by group, nanoseconds.
     *
     * @param ledger threads of the ledger server: sequencer, block writer, rpc handlers, signature verifiers, its network event
     *     loops and RocksDB's background threads
     * @param jvm the JVM's own threads: JIT compilers, garbage collector, VM thread
     * @param other everything else (here: the bench's submitters and their gRPC clients)
     */
    record Split(long ledger, long jvm, long other) {
    }

    private LedgerThreads() {
    }

    /** The CPU each group spent between two snapshots. */
    static Split split(ThreadCpu from, ThreadCpu to) {
        return new Split(to.nanosSince(from, LedgerThreads::isLedger), to.nanosSince(from, ThreadCpu::isJvm),
                to.nanosSince(from, name -> !isLedger(name) && !ThreadCpu.isJvm(name)));
    }

    /** Native thread names are cut to 15 characters ("ledger-sequence"). */
    static boolean isLedger(String name) {
        return name.startsWith("ledger-sequence") || name.startsWith("ledger-writer") || name.startsWith("ledger-rpc-") || name.startsWith("ledger-verify")
                || name.startsWith("ledger-net") || name.startsWith("rocksdb:");
    }
}
