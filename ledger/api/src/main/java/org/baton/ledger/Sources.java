package org.baton.ledger;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.baton.trust.InstitutionId;

/**
 * The institutions a grant allows to disclose: either named ones, or every institution the student attended
 * (which the ledger cannot know, so it then allows any institution other than the recipient).
 *
 * @param everyAttended true for "every institution attended"
 * @param named the named sources (empty exactly when {@code everyAttended})
 */
public record Sources(boolean everyAttended, SortedSet<InstitutionId> named) {

    public Sources {
        Objects.requireNonNull(named, "named");
        TreeSet<InstitutionId> copy = new TreeSet<>();
        for (InstitutionId id : named) {
            copy.add(Objects.requireNonNull(id, "named source"));
        }
        named = Collections.unmodifiableSortedSet(copy);
        if (everyAttended && !named.isEmpty()) {
            throw new IllegalArgumentException("sources are either every institution attended or named ones, not both");
        }
        if (!everyAttended && named.isEmpty()) {
            throw new IllegalArgumentException("a grant names at least one source, or every institution attended");
        }
    }

    /** Every institution the student attended. */
    public static Sources everyInstitutionAttended() {
        return new Sources(true, new TreeSet<>());
    }

    /** The given institutions (at least one). */
    public static Sources named(Collection<InstitutionId> institutions) {
        Objects.requireNonNull(institutions, "institutions");
        return new Sources(false, new TreeSet<>(institutions));
    }

    /** The given institutions (at least one). */
    public static Sources named(InstitutionId... institutions) {
        return named(List.of(institutions));
    }

    /** True if {@code institution} may act as a source under these sources. */
    public boolean includes(InstitutionId institution) {
        return everyAttended || named.contains(institution);
    }
}
