package org.baton.tools.demo;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.baton.node.NodeApp;
import org.baton.node.config.NodeConfig;
import org.baton.node.portal.accounts.AccountPolicy;
import org.baton.node.portal.accounts.AccountStore;
import org.baton.node.portal.accounts.Accounts;
import org.baton.node.portal.accounts.Role;
import org.baton.node.store.RecordStore;
import org.baton.node.student.StudentId;

/**
 * The demo's portal sign-ins, issued and activated through the portal's own account service, in each node's store
 * while the node is stopped (before its first start): a counselor and a registrar on every portal, and at the
 * district a guardian linked to a minor. Staff accounts enroll an authenticator (TOTP) at their first sign-in, as
 * the portal requires. The student's sign-in is made by the scenario itself, through the admin service and the
 * portal's activation page, as a student would.
 */
final class DemoAccounts {

    /** The password of every demo sign-in: for a demo on one machine only. */
    static final String PASSWORD = "baton-demo-on-one-machine";

    /**
     * A demo sign-in.
     *
     * @param role the account's role
     * @param username what to type
     */
    record SignIn(Role role, String username) {
    }

    static final List<SignIn> STAFF = List.of(new SignIn(Role.COUNSELOR, "counselor"),
            new SignIn(Role.REGISTRAR, "registrar"));

    /** The guardian of a minor at the district. */
    static final SignIn GUARDIAN = new SignIn(Role.GUARDIAN, "guardian");

    /** The senior's sign-in, activated by the scenario (step 3) on a fresh demo folder. */
    static final SignIn STUDENT = new SignIn(Role.STUDENT, "senior");

    private DemoAccounts() {
    }

    /**
     * Issues and activates the staff sign-ins in the node's store unless it already has accounts, and the guardian's
     * when {@code ward} names the minor they are linked to.
     *
     * @return the sign-ins issued (empty when the store already had accounts)
     */
    static List<SignIn> issueIfAbsent(NodeConfig config, Optional<StudentId> ward) {
        List<SignIn> issued = new ArrayList<>();
        try (RecordStore store = NodeApp.openStore(config)) {
            Accounts accounts = Accounts.create(AccountStore.inRecordStore(store), AccountPolicy.defaults(),
                    Clock.systemUTC(), new SecureRandom());
            if (!accounts.list().isEmpty()) {
                return List.of();
            }
            for (SignIn signIn : STAFF) {
                String name = "Demo " + signIn.role().name().charAt(0)
                        + signIn.role().name().substring(1).toLowerCase(java.util.Locale.ROOT);
                Accounts.IssuedAccount account = accounts.issue(signIn.role(), name, Set.of());
                accounts.activate(account.activationCode(), signIn.username(), PASSWORD, PASSWORD);
                issued.add(signIn);
            }
            if (ward.isPresent()) {
                Accounts.IssuedAccount account = accounts.issue(GUARDIAN.role(), "Demo Guardian", Set.of(ward.get()));
                accounts.activate(account.activationCode(), GUARDIAN.username(), PASSWORD, PASSWORD);
                issued.add(GUARDIAN);
            }
        }
        return issued;
    }
}
