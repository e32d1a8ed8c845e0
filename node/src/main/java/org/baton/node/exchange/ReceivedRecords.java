package org.baton.node.exchange;

import java.util.List;
import java.util.Optional;
import org.baton.ledger.GrantId;
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
}
