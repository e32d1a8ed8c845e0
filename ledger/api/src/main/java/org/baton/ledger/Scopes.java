package org.baton.ledger;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** Copies a scope set into an unmodifiable, enum-ordered, non-empty set. */
final class Scopes {

    private Scopes() {
    }

    static Set<Scope> copyNonEmpty(Collection<Scope> scopes, String owner) {
        Objects.requireNonNull(scopes, "scopes");
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException(owner + " covers at least one scope");
        }
        EnumSet<Scope> copy = EnumSet.noneOf(Scope.class);
        for (Scope scope : scopes) {
            copy.add(Objects.requireNonNull(scope, "scope"));
        }
        return Collections.unmodifiableSet(copy);
    }
}
