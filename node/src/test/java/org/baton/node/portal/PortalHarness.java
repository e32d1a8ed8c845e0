package org.baton.node.portal;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.baton.node.portal.accounts.Account;
import org.baton.node.portal.accounts.AccountPolicy;
import org.baton.node.portal.accounts.AccountStore;
import org.baton.node.portal.accounts.Accounts;
import org.baton.node.portal.accounts.Role;
import org.baton.node.student.StudentId;
import org.baton.node.portal.accounts.Totp;
import org.baton.node.portal.session.SessionStore;
import org.baton.node.portal.session.Sessions;

/**
 * A running portal on 127.0.0.1 with an ephemeral port, in-memory stores, a hand-moved clock and cheap Argon2id
 * parameters (the OWASP parameters are tested on their own).
 */
public final class PortalHarness implements AutoCloseable {

    public static final String PASSWORD = "correct horse battery staple";

    public final TestClock clock = new TestClock(Instant.parse("2026-03-01T17:00:00Z"));
    public final AccountStore accountStore;
    public final SessionStore sessionStore;
    public final FakeBackends fakes = new FakeBackends(clock);
    public final PortalServer server;

    /** A portal over in-memory stores with the test students loaded. */
    public PortalHarness() {
        this(AccountStore.inMemory(), SessionStore.inMemory());
    }

    public PortalHarness(AccountStore accounts, SessionStore sessions) {
        this.accountStore = accounts;
        this.sessionStore = sessions;
        PortalTestData.load(fakes);
        PortalBackends backends = fakes.backends(accounts, sessions);
        PortalConfig config = new PortalConfig("127.0.0.1", 0, "Sierra Unified <Test>",
                new AccountPolicy(5, Duration.ofMinutes(15), Duration.ofDays(14), 1024, 1, 1),
                Sessions.Timeouts.defaults(), 1000, Duration.ofMinutes(15));
        this.server = new PortalServer(config, TestTls.tls(), backends, clock).start();
    }

    public int port() {
        return server.port();
    }

    public Accounts accounts() {
        return server.accounts();
    }

    public PortalClient client() {
        return new PortalClient(port());
    }

    /**
     * An active account; staff accounts also get a TOTP seed.
     *
     * @param account the account
     * @param totp    its TOTP seed, empty for non-staff
     */
    public record Holder(Account account, String username, String totp) {
    }

    public Holder active(Role role, String username, String displayName, StudentId... students) {
        Accounts.IssuedAccount issued = accounts().issue(role, displayName, Set.of(students));
        Account account = accounts().activate(issued.activationCode(), username, PASSWORD, PASSWORD);
        String secret = "";
        if (role.isStaff()) {
            secret = Totp.newSecret(new SecureRandom());
            account = accounts().enrollSecondFactor(account.id(), secret,
                    Totp.code(secret, Totp.step(clock.instant()) - 1));
        }
        return new Holder(account, username, secret);
    }

    /** Signs a client in through the forms (with the TOTP step for staff); returns the landing response. */
    public PortalClient.Response signIn(PortalClient client, Holder who) {
        client.get("/sign-in");
        PortalClient.Response r = client.post("/sign-in", java.util.Map.of("username", who.username(),
                "password", PASSWORD));
        if (r.status() == 303 && r.location().equals("/sign-in/code")) {
            client.get("/sign-in/code");
            clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
            r = client.post("/sign-in/code", java.util.Map.of("code",
                    Totp.code(who.totp(), Totp.step(clock.instant()))));
        }
        return r;
    }

    @Override
    public void close() {
        server.stop();
    }
}
