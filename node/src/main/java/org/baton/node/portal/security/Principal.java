package org.baton.node.portal.security;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.baton.node.portal.accounts.Account;
import org.baton.node.portal.accounts.AccountId;
import org.baton.node.portal.accounts.Role;
import org.baton.node.student.StudentId;

/**
 * Who is making a request, as the access policy needs it.
 *
 * @param account     the signed-in account
 * @param role        its role
 * @param displayName its display name
 * @param students    its own record (student), linked minors (guardian) or caseload (counselor)
 */
public record Principal(AccountId account, Role role, String displayName, SortedSet<StudentId> students) {

    public Principal {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(displayName, "displayName");
        students = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(students, "students")));
    }

    public static Principal of(Account account) {
        return new Principal(account.id(), account.role(), account.displayName(), account.students());
    }

    /** A principal for tests and tables. */
    public static Principal of(AccountId account, Role role, Set<StudentId> students) {
        return new Principal(account, role, role.name().toLowerCase(java.util.Locale.ROOT), new TreeSet<>(students));
    }
}
