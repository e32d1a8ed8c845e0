package org.baton.node.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.baton.node.portal.accounts.Account;
import org.baton.node.portal.accounts.AccountId;
import org.baton.node.portal.accounts.AccountStatus;
import org.baton.node.portal.accounts.AccountStore;
import org.baton.node.portal.accounts.Role;
import org.baton.node.portal.accounts.UsernameTakenException;
import org.baton.node.portal.session.Session;
import org.baton.node.portal.session.SessionStore;
import org.baton.node.store.Column;
import org.baton.node.store.DataKey;
import org.baton.node.store.RecordStore;
import org.baton.node.store.StoreConfig;
import org.baton.node.student.StudentId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One contract for the account and session stores, run in memory and on the node's record store. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
abstract class PortalStoresContractTest {

    private static final Instant T0 = Instant.parse("2026-03-01T17:00:00Z");

    abstract AccountStore accounts();

    abstract SessionStore sessions();

    static Account account(String id, String username, String codeHash) {
        Account a = new Account(new AccountId(id), Role.GUARDIAN, "Gloria <Okafor>", AccountStatus.PENDING_ACTIVATION,
                Optional.empty(), Optional.empty(), Optional.empty(), 0, new TreeSet<>(Set.of(new StudentId(2))),
                Optional.of(new Account.Activation(codeHash, T0.plusSeconds(60))), 0, Optional.empty(), T0);
        if (username == null) {
            return a;
        }
        return new Account(a.id(), a.role(), a.displayName(), AccountStatus.ACTIVE, Optional.of(username),
                Optional.of("$argon2id$v=19$m=1024,t=1,p=1$AAAA$BBBB"), Optional.of("GEZDGNBV"), 7, a.students(),
                Optional.empty(), 2, Optional.of(T0.plusSeconds(900)), T0);
    }

    @Test
    void stores_and_finds_an_account_by_id_username_and_activation_code() {
        Account pending = account("0123456789abcdef0123456789abcdef", null, "c".repeat(64));
        accounts().put(pending);
        assertThat(accounts().find(pending.id())).contains(pending);
        assertThat(accounts().findByActivationCodeHash("c".repeat(64))).contains(pending);
        Account active = account("0123456789abcdef0123456789abcdef", "gloria", "c".repeat(64));
        accounts().put(active);
        assertThat(accounts().find(active.id())).contains(active);
        assertThat(accounts().findByUsername("gloria")).contains(active);
        assertThat(accounts().findByActivationCodeHash("c".repeat(64))).as("index follows the account").isEmpty();
        assertThat(accounts().list()).containsExactly(active);
    }

    @Test
    void refuses_a_username_another_account_has() {
        accounts().put(account("0123456789abcdef0123456789abcdef", "gloria", "c".repeat(64)));
        assertThatThrownBy(() -> accounts().put(account("ffffffffffffffffffffffffffffffff", "gloria", "d".repeat(64))))
                .isInstanceOf(UsernameTakenException.class)
                .hasMessage("username 'gloria' is already taken by another account");
        assertThat(accounts().list()).hasSize(1);
    }

    @Test
    void stores_sessions_and_lists_them_per_account() {
        AccountId a = new AccountId("0123456789abcdef0123456789abcdef");
        AccountId b = new AccountId("ffffffffffffffffffffffffffffffff");
        Session s1 = new Session("1".repeat(64), a, Session.Stage.ACTIVE, T0, T0, Optional.empty());
        Session s2 = new Session("2".repeat(64), a, Session.Stage.ENROLL_SECOND_FACTOR, T0, T0, Optional.of("SEED"));
        Session s3 = new Session("3".repeat(64), b, Session.Stage.ACTIVE, T0, T0, Optional.empty());
        sessions().put(s1);
        sessions().put(s2);
        sessions().put(s3);
        assertThat(sessions().find("2".repeat(64))).contains(s2);
        assertThat(sessions().listFor(a)).containsExactlyInAnyOrder(s1, s2);
        sessions().delete("1".repeat(64));
        assertThat(sessions().listFor(a)).containsExactly(s2);
        assertThat(sessions().list()).containsExactlyInAnyOrder(s2, s3);
    }

    @Nested
    class InMemory extends PortalStoresContractTest {
        private final AccountStore accounts = AccountStore.inMemory();
        private final SessionStore sessions = SessionStore.inMemory();

        @Override
        AccountStore accounts() {
            return accounts;
        }

        @Override
        SessionStore sessions() {
            return sessions;
        }
    }

    @Nested
    class OnTheRecordStore extends PortalStoresContractTest {
        @TempDir
        Path dir;
        private RecordStore store;

        @BeforeEach
        void open() {
            store = RecordStore.open(config(dir));
        }

        @AfterEach
        void close() {
            store.close();
        }

        @Override
        AccountStore accounts() {
            return AccountStore.inRecordStore(store);
        }

        @Override
        SessionStore sessions() {
            return SessionStore.inRecordStore(store);
        }

        @Test
        void accounts_and_sessions_survive_a_restart() {
            Account active = account("0123456789abcdef0123456789abcdef", "gloria", "c".repeat(64));
            accounts().put(active);
            Session s = new Session("1".repeat(64), active.id(), Session.Stage.ACTIVE, T0, T0, Optional.empty());
            sessions().put(s);
            store.close();
            store = RecordStore.open(config(dir));
            assertThat(accounts().findByUsername("gloria")).contains(active);
            assertThat(sessions().find("1".repeat(64))).contains(s);
        }
    }

    static StoreConfig config(Path dir) {
        return StoreConfig.of(dir.resolve("store"), DataKey.loadOrCreate(dir.resolve("data.key")))
                .withColumns(PortalServer.storeColumns().toArray(new Column<?, ?>[0]));
    }
}
