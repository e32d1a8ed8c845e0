package org.baton.node.exchange;

import java.util.Objects;
import java.util.Optional;
import org.baton.ledger.RejectionReason;

/**
 * A signed package failed verification: signature, certificate, membership, addressing, format or hash. The
 * {@link #reason()} is what a recipient records on the ledger when it rejects the package.
 */
public final class PackageVerificationException extends ExchangeException {

    private static final long serialVersionUID = 1L;

    private final transient Optional<PackageId> packageId;
    private final RejectionReason reason;

    /**
     * @param packageId the package, when its header could be read
     * @param reason the rejection code
     * @param detail what exactly failed (ids only)
     */
    public PackageVerificationException(Optional<PackageId> packageId, RejectionReason reason, String detail) {
        super("package" + Objects.requireNonNull(packageId, "packageId").map(id -> " " + id).orElse("")
                + " rejected (" + Objects.requireNonNull(reason, "reason") + "): "
                + Objects.requireNonNull(detail, "detail"), null);
        this.packageId = packageId;
        this.reason = reason;
    }

    public Optional<PackageId> packageId() {
        return packageId == null ? Optional.empty() : packageId;
    }

    public RejectionReason reason() {
        return reason;
    }
}
