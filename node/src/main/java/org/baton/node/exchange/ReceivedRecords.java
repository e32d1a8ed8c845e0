package org.baton.node.exchange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.baton.ledger.GrantId;
import org.baton.ledger.Scope;
import org.baton.node.student.Ssid;
import org.baton.proto.v1.StudentRecord;

/**
 * The records other institutions sent this node (accepted packages only), kept apart from the node's own records
 * and marked with their source. Read by the readiness engine and the portal.
 */
public interface ReceivedRecords {

    /** The package with this id, if it was received and accepted. */
    Optional<ReceivedPackage> find(PackageId id);

    /** The packages received under a grant, in package id order. */
    List<ReceivedPackage> underGrant(GrantId grant);

    /**
     * The packages received for the student whose records carry {@code ssid}, under any grant or legal basis, in
     * the order of an index keyed by a keyed hash of the SSID (not by time).
     */
    List<ReceivedPackage> forStudent(Ssid ssid);

    /**
     * The packages received for the student that are still current, newest first, each holding only what is still
     * current of it. What a package received later from the same source carries replaces the same scopes of an
     * earlier one: a source that corrected its records and sent them again (after a discrepancy report, say)
     * replaces what it sent before. An earlier package is left out when later ones carry every scope it did, and
     * otherwise narrowed to the scopes they do not carry ({@link ReceivedPackage#record()}; its signed content is
     * left as received).
     */
    default List<ReceivedPackage> currentForStudent(Ssid ssid) {
        return current(forStudent(ssid));
    }

    /** Of {@code packages}, what no later package from the same source replaces (see {@link #currentForStudent}). */
    static List<ReceivedPackage> current(List<ReceivedPackage> packages) {
        List<ReceivedPackage> newestFirst = new ArrayList<>(packages);
        newestFirst.sort(Comparator.comparing(ReceivedPackage::receivedAt).reversed());
        List<ReceivedPackage> out = new ArrayList<>();
        List<ReceivedPackage> seen = new ArrayList<>();
        List<Set<Scope>> seenScopes = new ArrayList<>();
        for (ReceivedPackage pkg : newestFirst) {
            Set<Scope> scopes = pkg.scopes();
            // A package whose scopes cannot be read is kept whole, and replaces nothing.
            if (scopes.isEmpty()) {
                out.add(pkg);
                continue;
            }
            EnumSet<Scope> remaining = EnumSet.copyOf(scopes);
            for (int i = 0; i < seen.size(); i++) {
                ReceivedPackage later = seen.get(i);
                if (later.source().equals(pkg.source()) && later.receivedAt().isAfter(pkg.receivedAt())) {
                    remaining.removeAll(seenScopes.get(i));
                }
            }
            seen.add(pkg);
            seenScopes.add(scopes);
            if (remaining.equals(scopes)) {
                out.add(pkg);
            } else if (!remaining.isEmpty()) {
                out.add(narrowed(pkg, remaining));
            }
        }
        return out;
    }

    /** What of a received {@code record} the scopes carry (the a-g status as the source evaluated it included). */
    static StudentRecord narrow(StudentRecord record, Set<Scope> scopes) {
        StudentRecord narrowed = ScopeFilter.filter(record, scopes);
        if (scopes.contains(Scope.AG_STATUS)) {
            narrowed = narrowed.toBuilder().addAllAgStatus(record.getAgStatusList()).build();
        }
        return narrowed;
    }

    /** {@code pkg} with its record narrowed to {@code scopes}, its signed content as received. */
    private static ReceivedPackage narrowed(ReceivedPackage pkg, Set<Scope> scopes) {
        StudentRecord record = narrow(pkg.record(), scopes);
        return new ReceivedPackage(pkg.packageId(), pkg.source(), pkg.grant(), pkg.basis(), pkg.receipt(), pkg.hash(),
                pkg.receivedAt(), record, pkg.signed());
    }
}
