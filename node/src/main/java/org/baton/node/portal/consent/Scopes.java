package org.baton.node.portal.consent;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.baton.proto.v1.Scope;

/** Scopes as the portal lists them: always in the order of the record model, whatever order they came in. */
public final class Scopes {

    private Scopes() {
    }

    /** An unmodifiable copy of {@code scopes} that iterates in the enum's order. */
    public static Set<Scope> inOrder(Set<Scope> scopes) {
        return Collections.unmodifiableSet(scopes.isEmpty() ? EnumSet.noneOf(Scope.class) : EnumSet.copyOf(scopes));
    }
}
