package org.baton.node.exchange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.baton.ledger.GrantId;
import org.baton.ledger.Scope;
import org.baton.node.student.Ssid;

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
     * The packages received for the student that are still current, newest first. A package is left out when a
     * package received later from the same source carries every scope it did: a source that corrected its records
     * and sent them again (after a discrepancy report, say) replaces what it sent before.
     */
    default List<ReceivedPackage> currentForStudent(Ssid ssid) {
        return current(forStudent(ssid));
    }

    /** Of {@code packages}, those no later package from the same source with every one of their scopes replaces. */
    static List<ReceivedPackage> current(List<ReceivedPackage> packages) {
        List<ReceivedPackage> newestFirst = new ArrayList<>(packages);
        newestFirst.sort(Comparator.comparing(ReceivedPackage::receivedAt).reversed());
        List<ReceivedPackage> out = new ArrayList<>();
        List<Set<Scope>> scopesKept = new ArrayList<>();
        for (ReceivedPackage pkg : newestFirst) {
            Set<Scope> scopes = pkg.scopes();
            // A package whose scopes cannot be read is kept, and replaces nothing.
            boolean replaced = false;
            for (int i = 0; i < out.size() && !replaced; i++) {
                ReceivedPackage later = out.get(i);
                replaced = !scopes.isEmpty() && later.source().equals(pkg.source())
                        && later.receivedAt().isAfter(pkg.receivedAt()) && scopesKept.get(i).containsAll(scopes);
            }
            if (!replaced) {
                out.add(pkg);
                scopesKept.add(scopes);
            }
        }
        return out;
    }
}
