package org.baton.node.portal.consent;

import java.util.Objects;
import org.baton.trust.InstitutionId;

/**
 * A consortium member as the portal names it.
 *
 * @param id   its id
 * @param name its display name from the consortium file
 */
public record Institution(InstitutionId id, String name) {

    public Institution {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
