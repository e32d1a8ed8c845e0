package org.baton.node.portal.consent;

import java.util.Objects;

/**
 * A copy of what one disclosure contained (34 CFR 99.30(c)): the package this node sent, as JSON (the package
 * header — sender, recipient, grant, scopes, time — and the student's records as filtered to the scopes).
 *
 * @param disclosureId the receipt id of the disclosure
 * @param json         the package content as protobuf JSON
 */
public record DisclosedCopy(String disclosureId, String json) {

    public DisclosedCopy {
        Objects.requireNonNull(disclosureId, "disclosureId");
        Objects.requireNonNull(json, "json");
    }
}
